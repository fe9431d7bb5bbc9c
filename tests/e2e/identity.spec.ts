import { expect, test } from "@playwright/test";
import { demoEmail, signIn, uniqueEmail } from "./helpers";

test("a newcomer signs up, sees a dashboard, signs out and signs in again", async ({ page }) => {
  const email = uniqueEmail("newcomer");
  await page.goto("/");
  await page.getByRole("link", { name: "Create an account" }).click();
  await page.getByLabel("Full name").fill("Dr Newcomer Test");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill("a long enough passphrase");
  await page.getByLabel("ORCID iD (optional)").fill("0000-0002-1825-0097");
  await page.getByRole("checkbox", { name: /Reviewer/ }).check();
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { name: "Welcome, Dr Newcomer Test" })).toBeVisible();
  await expect(page.getByText("Your roles: Author, Reviewer")).toBeVisible();
  await expect(page.getByRole("heading", { name: "My manuscripts" })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/signin\?redirectTo=%2Fdashboard$/);

  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill("a long enough passphrase");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Welcome, Dr Newcomer Test" })).toBeVisible();
});

test("sign-up errors are shown next to each field and create nothing", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Full name").fill("X");
  await page.getByLabel("E-mail address").fill("not-an-address");
  await page.getByLabel("Password").fill("short");
  await page.getByLabel("ORCID iD (optional)").fill("0000-0002-1825-0098");
  await page.getByRole("checkbox", { name: /Author/ }).uncheck();
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page.getByText("Enter your full name")).toBeVisible();
  await expect(page.getByText("Enter an e-mail address like name@example.org")).toBeVisible();
  await expect(page.getByText("Use at least 12 characters")).toBeVisible();
  await expect(page.getByText(/last character is a checksum/)).toBeVisible();
  await expect(page.getByText("Choose at least one thing you will do on MedNexus")).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/signup$/);
});

test("a wrong password gets one message that does not reveal whether the account exists", async ({ page }) => {
  for (const email of [demoEmail("reader"), uniqueEmail("nobody")]) {
    await page.goto("/signin");
    await page.getByLabel("E-mail address").fill(email);
    await page.getByLabel("Password").fill("definitely the wrong password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "That e-mail and password do not match an account." })).toBeVisible();
  }
});

test("the demo editor sees the submitted manuscript among the submissions to handle", async ({ page }) => {
  await signIn(page, demoEmail("editor"));
  const queue = page.getByRole("region", { name: "Submissions to handle" });
  await expect(queue.getByRole("link", { name: /Early mobilisation after hip fracture surgery/ })).toBeVisible();
  await expect(queue.getByText(/Recurrent hypoglycaemia/)).toHaveCount(0);
});

test("an institution admin verifies a newcomer who asked to join", async ({ browser }) => {
  const newcomer = await browser.newContext();
  const page = await newcomer.newPage();
  const email = uniqueEmail("member");
  await page.goto("/signup");
  await page.getByLabel("Full name").fill("Dr Would-be Member");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill("another long passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.getByRole("link", { name: "Institutions", exact: true }).click();
  await page.getByRole("link", { name: "Reykjavík University Hospital (demo)" }).click();
  await page.getByRole("button", { name: "Ask to join" }).click();
  await expect(page.getByText("Your request was sent to the institution's admins.")).toBeVisible();

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, demoEmail("instadmin"));
  const toVerify = admin.getByRole("region", { name: "Members to verify" });
  await expect(toVerify.getByText("Dr Would-be Member")).toBeVisible();
  await toVerify.getByRole("link", { name: "Reykjavík University Hospital (demo)" }).click();
  await admin.getByRole("button", { name: "Verify Dr Would-be Member" }).click();
  await expect(admin.getByText("Membership updated.")).toBeVisible();

  await page.goto("/dashboard");
  const mine = page.getByRole("region", { name: "My institutions" });
  await expect(mine.getByText("verified")).toBeVisible();
  await newcomer.close();
  await adminContext.close();
});

test("unknown pages get a 404 page and forbidden ones a 403 page", async ({ page }) => {
  const missing = await page.goto("/no/such/page");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();

  await signIn(page, demoEmail("reader"));
  const forbidden = await page.goto("/admin/users");
  expect(forbidden?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
});

test("an author starts a manuscript; bad input is shown inline", async ({ page }) => {
  await signIn(page, demoEmail("author"));
  await page.getByRole("link", { name: "New manuscript" }).first().click();
  await page.getByLabel("Title").fill("abc");
  await page.getByRole("button", { name: "Create manuscript" }).click();
  await expect(page.getByText("Enter a title of at least 5 characters")).toBeVisible();

  await page.getByLabel("Title").fill("Sepsis bundles in rural emergency departments");
  await page.getByLabel("Article type").selectOption("observational-study");
  await page.getByLabel("Keywords").fill("sepsis, Emergency medicine, sepsis");
  await page.getByRole("button", { name: "Create manuscript" }).click();
  await expect(page.getByRole("heading", { name: "Sepsis bundles in rural emergency departments" })).toBeVisible();
  await expect(page.getByText("Keywords: sepsis, emergency medicine")).toBeVisible();
  await page.goto("/dashboard");
  await expect(page.getByRole("region", { name: "My manuscripts" }).getByRole("link", { name: "Sepsis bundles in rural emergency departments" })).toBeVisible();
});
