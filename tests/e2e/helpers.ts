import { expect, type Page } from "@playwright/test";
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
