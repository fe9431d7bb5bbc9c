import { expect, test, type Page } from "@playwright/test";
import { demoEmail, signIn } from "./helpers";

const editorOf = (page: Page) => page.getByTestId("manuscript-editor").locator(".tiptap");

async function typeAtEnd(page: Page, text: string) {
  await editorOf(page).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(text);
}

test("a co-author invites a colleague, who accepts, and the contribution view credits each writer", async ({ browser }) => {
  const ashaContext = await browser.newContext();
  const asha = await ashaContext.newPage();
  await signIn(asha, demoEmail("author"));
  await asha.getByRole("link", { name: "New manuscript" }).first().click();
  await asha.getByLabel("Title").fill("Versioned manuscript for the contribution test");
  await asha.getByRole("button", { name: "Create manuscript" }).click();
  await expect(asha.getByRole("heading", { name: "Versioned manuscript for the contribution test" })).toBeVisible();

  await asha.getByLabel("Invite a co-author by e-mail").fill("nobody-here@example.org");
  await asha.getByRole("button", { name: "Send invitation" }).click();
  await expect(asha.getByText("No MedNexus account uses this e-mail.")).toBeVisible();
  await asha.getByLabel("Invite a co-author by e-mail").fill(demoEmail("coauthor"));
  await asha.getByRole("button", { name: "Send invitation" }).click();
  await expect(asha.getByText("Dr Jón Einarsson was invited.")).toBeVisible();

  const jonContext = await browser.newContext();
  const jon = await jonContext.newPage();
  await signIn(jon, demoEmail("coauthor"));
  await jon.getByRole("region", { name: "Invitations to co-author" }).getByRole("link", { name: "Versioned manuscript for the contribution test" }).click();
  await jon.getByRole("button", { name: "Accept invitation" }).click();
  await expect(jon.getByText("Welcome aboard: you are now a co-author.")).toBeVisible();
  await expect(jon.getByRole("status").filter({ hasText: "Connected · all changes synced" })).toBeVisible();

  await asha.reload();
  await expect(asha.getByRole("status").filter({ hasText: "Connected · all changes synced" })).toBeVisible();
  await typeAtEnd(asha, "Asha wrote this longer opening sentence. ");
  await expect(editorOf(jon)).toContainText("Asha wrote this longer opening sentence.");
  await typeAtEnd(jon, "Jon: short.");
  await expect(editorOf(asha)).toContainText("Jon: short.");

  // Persistence is group-committed within 500 ms; the contribution view reads what was stored.
  await expect
    .poll(
      async () => {
        await asha.reload();
        const mine = await asha.getByTestId("contribution-Dr Asha Rao").textContent();
        const his = await asha.getByTestId("contribution-Dr Jón Einarsson").textContent();
        return `${mine} | ${his}`;
      },
      { timeout: 15_000 },
    )
    .toMatch(/^\d+% · 41 chars \| \d+% · 11 chars$/);

  // CRediT roles and author order.
  await asha.getByText("CRediT roles of Dr Jón Einarsson").click();
  await asha.getByRole("checkbox", { name: "Formal analysis" }).check();
  await asha.getByRole("button", { name: "Save roles" }).click();
  await expect(asha.getByText("Contributor roles saved.")).toBeVisible();
  await asha.getByRole("button", { name: "Move Dr Jón Einarsson up" }).click();
  await expect(asha.getByText("Author order updated.")).toBeVisible();
  await expect(asha.getByRole("list", { name: "Authors" }).getByRole("listitem").first()).toContainText("Dr Jón Einarsson");
  await ashaContext.close();
  await jonContext.close();
});

test("named versions, a diff between them, a read-only view and restore as a new edit", async ({ page }) => {
  await signIn(page, demoEmail("author"));
  await page.getByRole("link", { name: "New manuscript" }).first().click();
  await page.getByLabel("Title").fill("Manuscript with several versions");
  await page.getByRole("button", { name: "Create manuscript" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Connected · all changes synced" })).toBeVisible();

  await typeAtEnd(page, "The patient improved after treatment.");
  await page.waitForTimeout(800);
  await page.getByLabel("Name this version").fill("First draft");
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(page.getByText("Version 1 “First draft” saved.")).toBeVisible();

  await expect(page.getByRole("status").filter({ hasText: "Connected · all changes synced" })).toBeVisible();
  await editorOf(page).click();
  await page.keyboard.press("Control+End");
  for (let i = 0; i < "treatment.".length; i++) await page.keyboard.press("Backspace");
  await page.keyboard.type("a second course of steroids.");
  await page.waitForTimeout(800);
  await page.getByLabel("Name this version").fill("After review");
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(page.getByText("Version 2 “After review” saved.")).toBeVisible();

  await page.getByRole("button", { name: "Compare" }).click();
  await expect(page).toHaveURL(/\/compare\?from=1&to=2$/);
  const diff = page.getByTestId("version-diff");
  await expect(diff.locator("del").first()).toContainText("treatment");
  await expect(diff.locator("ins").first()).toContainText("second");
  await page.goBack();

  await page.getByRole("link", { name: "v1 · First draft" }).click();
  await expect(page.getByTestId("version-content")).toHaveText("The patient improved after treatment.");
  await page.goBack();

  await expect(page.getByRole("status").filter({ hasText: "Connected · all changes synced" })).toBeVisible();
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Restore v1 · First draft" }).click();
  await expect(editorOf(page)).toHaveText("The patient improved after treatment.");
  await page.waitForTimeout(800);
  await page.reload();
  await expect(editorOf(page)).toHaveText("The patient improved after treatment.");
});
