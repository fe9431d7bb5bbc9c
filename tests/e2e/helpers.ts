import { expect, type Browser, type Page } from "@playwright/test";
import { DEFAULT_DEMO_PASSWORD } from "../../db/seed";

export const demoEmail = (key: string) => `${key}@demo.mednexus.org`;

export async function signIn(page: Page, email: string, password = DEFAULT_DEMO_PASSWORD) {
  await page.goto("/signin");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

export function uniqueEmail(prefix: string) {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}@example.org`;
}

/** A fresh browser context signed in as the demo person `who`. */
export async function as(browser: Browser, who: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, demoEmail(who));
  return page;
}

/** The editor, on the submission page, invites the reviewer with this label in the list. */
export async function inviteReviewer(editor: Page, submissionUrl: string, label: string) {
  await editor.goto(submissionUrl);
  const invite = editor.getByRole("form", { name: "Invite a reviewer" });
  await invite.getByLabel("Reviewer").selectOption({ label });
  await invite.getByRole("button", { name: "Invite reviewer" }).click();
  await expect(editor.getByText("Reviewer invited.")).toBeVisible();
}

/** The reviewer opens the submission, accepts the invitation and waits until the text can be annotated. */
export async function acceptInvitation(reviewer: Page, submissionUrl: string) {
  await reviewer.goto(submissionUrl);
  await reviewer.getByRole("button", { name: "Accept and review" }).click();
  await expect(reviewer.getByText("Select text in the manuscript to annotate it.")).toBeVisible();
}
