// The "done when" in the browser: the editor accepts, the author approves the revenue split, the editor
// publishes with step progress, a reader licenses and reads, and the author and the reviewer withdraw exactly what
// the contract's arithmetic credited them (floor per payee, the rounding dust to the first payee).
import { expect, test } from "@playwright/test";
import { acceptInvitation, as, inviteReviewer } from "./helpers";

/** An odd price, so the split leaves rounding dust. */
const PRICE = 1_000_000_000_000_000_007n;
const TITLE = `Sensor glucose monitoring in HNF1A-MODY ${Date.now().toString(36)}`;

test("accept, approve the split, publish with progress, license and read, withdraw the shares", async ({ browser }) => {
  test.setTimeout(180_000);
  const author = await as(browser, "author");
  await author.getByRole("link", { name: "New manuscript" }).first().click();
  await author.getByLabel("Title").fill(TITLE);
  await author.getByRole("button", { name: "Create manuscript" }).click();
  await expect(author.getByRole("status").filter({ hasText: "Connected · all changes synced" })).toBeVisible();
  await author.getByTestId("manuscript-editor").locator(".tiptap").click();
  await author.keyboard.type("Forty adolescents wore glucose sensors for twelve weeks.");
  await author.keyboard.press("Enter");
  await author.keyboard.type("Time in range rose from 61% to 78%.");
  await author.waitForTimeout(800);
  await author.getByText("Submit this manuscript to a venue").click();
  const venue = author.getByLabel("Venue");
  const openMedicine = await venue.locator("option", { hasText: "Open Medicine Research" }).getAttribute("value");
  await venue.selectOption(openMedicine!);
  await author.getByRole("button", { name: "Submit manuscript" }).click();
  await expect(author).toHaveURL(/\/submissions\/[0-9a-f-]{36}$/);
  const submissionUrl = author.url();

  const editor = await as(browser, "editor");
  await inviteReviewer(editor, submissionUrl, "Dr Lena Okafor");

  const lena = await as(browser, "reviewer");
  await acceptInvitation(lena, submissionUrl);
  await lena.getByLabel("Summary").fill("A clear cohort study with sound measurements.");
  await lena.getByLabel("Recommendation").selectOption("accept");
  await lena.getByLabel("Originality (1–5)").fill("4");
  await lena.getByLabel("Rigour (1–5)").fill("4");
  await lena.getByLabel("Clarity (1–5)").fill("5");
  await lena.getByRole("button", { name: "Submit review" }).click();
  await expect(lena.getByText("Review submitted. Thank you.")).toBeVisible();

  await editor.reload();
  await editor.getByRole("combobox", { name: "Decision", exact: true }).selectOption("accept");
  await editor.getByLabel("Decision letter").fill("Accepted: a clear and careful study.");
  await editor.getByRole("button", { name: "Send decision" }).click();
  await expect(editor.getByText(/Decision sent/)).toBeVisible();

  // The editor opens the publication; the split is proposed from contribution and the venue's 10% reviewer share.
  await editor.goto("/publishing");
  await editor.getByRole("button", { name: `Prepare publication of “${TITLE}”` }).click();
  await expect(editor).toHaveURL(/\/publishing\/[0-9a-f-]{36}$/);
  const publicationUrl = editor.url();
  await expect(editor.getByLabel("Share of Dr Asha Rao in basis points")).toHaveValue("9000");
  await expect(editor.getByLabel("Share of Dr Lena Okafor in basis points")).toHaveValue("1000");
  await expect(editor.getByRole("button", { name: "Publish" })).toBeDisabled();

  // A split that does not add up is refused with a reason; the author approves the valid one.
  await author.goto(publicationUrl);
  await author.getByLabel("Share of Dr Lena Okafor in basis points").fill("0");
  await author.getByRole("button", { name: "Save split" }).click();
  await expect(author.getByText(/no zero shares/)).toBeVisible();
  await author.goto(publicationUrl);
  await author.getByRole("button", { name: "Approve this split" }).click();
  await expect(author.getByText("Approved: every author agrees, the editor can publish.")).toBeVisible();

  await editor.reload();
  await editor.getByLabel("Licence price (wei)").fill(PRICE.toString());
  await editor.getByRole("button", { name: "Publish" }).click();
  const steps = editor.getByRole("list", { name: "Publishing steps" });
  for (const step of ["freeze", "html", "jats", "store", "mint", "authorise", "terms", "index"]) {
    await expect(steps.locator(`[data-step="${step}"]`)).toHaveAttribute("data-state", "done", { timeout: 30_000 });
  }
  await expect(editor.getByText("Published.")).toBeVisible();
  await editor.getByRole("link", { name: "Open the article page" }).click();
  await expect(editor).toHaveURL(/\/articles\/sensor-glucose-monitoring-in-hnf1a-mody-/);
  const articleUrl = editor.url();

  // The reader sees the public record, pays, and the full text opens.
  const reader = await as(browser, "reader");
  await reader.goto(articleUrl);
  await expect(reader.getByRole("heading", { name: TITLE })).toBeVisible();
  await expect(reader.getByRole("link", { name: "ORCID of Dr Asha Rao" })).toHaveAttribute("href", "https://orcid.org/0000-0002-1825-0097");
  await expect(reader.getByTestId("token-id")).toHaveText(/^\d+$/);
  await expect(reader.getByText("Forty adolescents wore glucose sensors")).toHaveCount(0);
  await reader.getByRole("button", { name: /Buy a licence for/ }).click();
  await expect(reader.getByText("Licence bought: the full text is open below.")).toBeVisible();
  await expect(reader.getByRole("heading", { name: "Full text" })).toBeVisible();
  await expect(reader.getByText("Forty adolescents wore glucose sensors for twelve weeks.")).toBeVisible();
  await expect(reader.getByText("Open because you hold a licence.")).toBeVisible();
  const pdf = await reader.request.get(`${articleUrl}/pdf`);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  const jats = await reader.request.get(`${articleUrl}/jats`);
  expect(await jats.text()).toContain('<contrib-id contrib-id-type="orcid" authenticated="false">https://orcid.org/0000-0002-1825-0097</contrib-id>');
  await reader.goto("/licences");
  const licence = reader.getByRole("table", { name: "My licences" }).getByRole("row").filter({ hasText: TITLE });
  await expect(licence).toContainText("Valid");
  await expect(licence).toContainText("UTC");

  // The contract credits floor(price × bps / 10,000) each, the dust to the first payee (the author).
  const reviewerShare = (PRICE * 1_000n) / 10_000n;
  const authorShare = PRICE - reviewerShare;
  await author.goto("/earnings");
  await expect(author.getByTestId("withdrawable-wei")).toHaveText(authorShare.toString());
  await author.getByRole("button", { name: "Withdraw" }).click();
  await expect(author.getByText(`Withdrew ${authorShare} wei`)).toBeVisible();
  await expect(author.getByTestId("withdrawable-wei")).toHaveText("0");

  await lena.goto("/earnings");
  await expect(lena.getByRole("table", { name: "Earnings by article" })).toContainText(TITLE);
  await expect(lena.getByTestId("withdrawable-wei")).toHaveText(reviewerShare.toString());
  await lena.getByRole("button", { name: "Withdraw" }).click();
  await expect(lena.getByText(`Withdrew ${reviewerShare} wei`)).toBeVisible();
});
