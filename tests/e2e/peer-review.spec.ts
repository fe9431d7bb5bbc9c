import { expect, test, type Page } from "@playwright/test";
import { acceptInvitation, as } from "./helpers";

const editorOf = (page: Page) => page.getByTestId("manuscript-editor").locator(".tiptap");

/** Selects `text` inside the submitted version the way a mouse would, then lets the page react. */
async function selectText(page: Page, text: string) {
  await page.getByTestId("submitted-text").evaluate((root, wanted) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(wanted);
      if (at >= 0) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + wanted.length);
        const selection = window.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        root.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
        return;
      }
    }
    throw new Error(`text not found: ${wanted}`);
  }, text);
  await expect(page.getByTestId("selected-quote")).toHaveText(text);
}

async function annotate(page: Page, text: string, kind: string, body: string) {
  await selectText(page, text);
  const form = page.getByRole("form", { name: "New annotation" });
  await form.getByLabel("Kind").selectOption(kind);
  await form.getByLabel("Note").fill(body);
  await form.getByRole("button", { name: "Add annotation" }).click();
  await expect(page.getByText("Annotation added.")).toBeVisible();
}

async function review(page: Page, recommendation: string, summary: string) {
  await page.getByLabel("Summary").fill(summary);
  await page.getByLabel("Recommendation").selectOption(recommendation);
  await page.getByLabel("Originality (1–5)").fill("4");
  await page.getByLabel("Rigour (1–5)").fill("3");
  await page.getByLabel("Clarity (1–5)").fill("4");
  await page.getByLabel("Confidential comments to the editor").fill(`Confidential note from ${summary.slice(0, 10)}`);
  await page.getByRole("button", { name: "Submit review" }).click();
  await expect(page.getByText("Review submitted. Thank you.")).toBeVisible();
}

test("the whole review loop: submit, invite with a conflict check, annotate, decide, revise, re-anchor, accept", async ({ browser }) => {
  test.setTimeout(180_000);
  // The author writes three paragraphs and submits to a single-blind venue.
  const author = await as(browser, "author");
  await author.getByRole("link", { name: "New manuscript" }).first().click();
  await author.getByLabel("Title").fill("Thiamine for delirium after cardiac surgery: a pilot study");
  await author.getByLabel("Keywords").fill("delirium, cardiac surgery, thiamine");
  await author.getByRole("button", { name: "Create manuscript" }).click();
  await expect(author.getByRole("status").filter({ hasText: "Connected · all changes synced" })).toBeVisible();
  await editorOf(author).click();
  await author.keyboard.type("Delirium after cardiac surgery is common and harmful.");
  await author.keyboard.press("Enter");
  await author.keyboard.type("We gave thiamine to forty patients before surgery and measured delirium daily.");
  await author.keyboard.press("Enter");
  await author.keyboard.type("An exploratory subgroup analysis suggested benefit in older patients.");
  await author.waitForTimeout(800);
  await author.getByText("Submit this manuscript to a venue").click();
  await author.getByLabel("Venue").selectOption({ label: "Journal of Clinical Cases (demo) — Single-blind (reviewers see the authors)" });
  await author.getByLabel("Cover letter").fill("Please consider our pilot study.");
  await author.getByRole("button", { name: "Submit manuscript" }).click();
  await expect(author).toHaveURL(/\/submissions\/[0-9a-f-]{36}$/);
  const submissionUrl = author.url();

  // The editor invites two reviewers; the one at the author's institution is flagged and needs a reason.
  const editor = await as(browser, "editor");
  await editor.getByRole("region", { name: "Submissions to handle" }).getByRole("link", { name: /Thiamine for delirium/ }).click();
  const suggestions = editor.getByRole("list", { name: "Suggested reviewers" });
  await expect(suggestions.getByTestId("reviewer-suggestion").filter({ hasText: "Dr Mateo Silva" })).toContainText("works at Delhi Institute of Medical Sciences (demo), like Dr Asha Rao");
  const invite = editor.getByRole("form", { name: "Invite a reviewer" });
  await invite.getByLabel("Reviewer").selectOption({ label: "Dr Lena Okafor" });
  await invite.getByRole("button", { name: "Invite reviewer" }).click();
  await expect(editor.getByText("Reviewer invited.")).toBeVisible();
  await invite.getByLabel("Reviewer").selectOption({ label: "Dr Mateo Silva (conflict)" });
  await invite.getByRole("button", { name: "Invite reviewer" }).click();
  await expect(editor.getByText(/Give a reason to invite them anyway/)).toBeVisible();
  await invite.getByLabel(/Reason to override a conflict/).fill("Only specialist in perioperative thiamine; different department.");
  await invite.getByRole("button", { name: "Invite reviewer" }).click();
  await expect(editor.getByText("Reviewer invited.")).toBeVisible();
  await expect(editor.getByRole("cell", { name: /overridden: Only specialist/ })).toBeVisible();

  // Reviewers accept, annotate the text in place and review.
  const lena = await as(browser, "reviewer");
  await lena.getByRole("region", { name: "My reviews" }).getByRole("link", { name: /Thiamine for delirium/ }).click();
  await acceptInvitation(lena, submissionUrl);
  await annotate(lena, "forty patients", "question", "How were the forty patients selected?");
  await annotate(lena, "exploratory subgroup analysis suggested benefit", "required-change", "Remove this post-hoc subgroup claim.");
  await expect(lena.locator("mark.annotation-mark")).toHaveCount(2);
  await review(lena, "major", "A small pilot with an unplanned subgroup analysis.");

  const mateo = await as(browser, "reviewer2");
  await acceptInvitation(mateo, submissionUrl);
  await annotate(mateo, "Delirium after cardiac surgery", "comment", "Cite the incidence.");
  await review(mateo, "minor", "Clear pilot, needs references.");

  // The editor asks for a major revision.
  await editor.reload();
  await expect(editor.getByTestId("review")).toHaveCount(2);
  await expect(editor.getByText("Confidential note from A small pi")).toBeVisible();
  await editor.getByRole("combobox", { name: "Decision", exact: true }).selectOption("major");
  await editor.getByLabel("Decision letter").fill("Please address both reviewers, in particular the subgroup analysis.");
  await editor.getByRole("button", { name: "Send decision" }).click();
  await expect(editor.getByText("Decision sent: Revision requested.")).toBeVisible();

  // The authors see the letter, the reviews without names or confidential comments, and answer an annotation.
  await author.goto(submissionUrl);
  await expect(author.getByText("Please address both reviewers")).toBeVisible();
  await expect(author.getByTestId("review").first()).toContainText("Reviewer 1");
  await expect(author.getByText("Dr Lena Okafor")).toHaveCount(0);
  await expect(author.getByText(/Confidential note/)).toHaveCount(0);
  const question = author.getByTestId("annotation").filter({ hasText: "How were the forty patients selected?" });
  await question.getByLabel("Your response").fill("Consecutive eligible patients; added to Methods.");
  await question.getByRole("button", { name: "Respond" }).click();
  await expect(author.getByText("Reply posted.")).toBeVisible();

  // They revise: delete the subgroup paragraph, reword the methods, then resubmit.
  await author.getByRole("link", { name: "Open the manuscript" }).click();
  await expect(author.getByRole("status").filter({ hasText: "Connected · all changes synced" })).toBeVisible();
  await editorOf(author).getByText("An exploratory subgroup analysis").click();
  await author.keyboard.press("End");
  await author.keyboard.press("Shift+Home");
  await author.keyboard.press("Backspace");
  await author.keyboard.press("Backspace");
  await editorOf(author).getByText("We gave thiamine").click();
  await author.keyboard.press("End");
  await author.keyboard.type(" Patients were consecutive.");
  await expect(editorOf(author)).not.toContainText("subgroup");
  await author.waitForTimeout(800);
  await author.goto(submissionUrl);
  await author.getByLabel("Response letter").fill("We removed the subgroup analysis.");
  await author.getByRole("button", { name: "Resubmit revised manuscript" }).click();
  await expect(author.getByText(/Round 2 submitted\. Annotations: 2 in place, 0 re-anchored on edited text, 1 orphaned\./)).toBeVisible();
  const orphan = author.getByTestId("annotation").filter({ hasText: "Remove this post-hoc subgroup claim." });
  await expect(orphan).toContainText("orphan: its text was removed");
  await expect(author.getByRole("link", { name: "Compare with the previous round" })).toBeVisible();

  // The editor sees round 2 and accepts.
  await editor.reload();
  await expect(editor.getByText(/round 2/).first()).toBeVisible();
  await editor.getByRole("combobox", { name: "Decision", exact: true }).selectOption("accept");
  await editor.getByLabel("Decision letter").fill("Thank you for the careful revision; accepted.");
  await editor.getByRole("button", { name: "Send decision" }).click();
  await expect(editor.getByText("Decision sent: Accepted.")).toBeVisible();
  await expect(editor.getByRole("region", { name: "Audit trail" })).toContainText("submission.resubmitted");

  // The W3C export of the annotations validates (checked fully in the integration test) and keeps reviewers blind.
  const exported = await author.request.get(`${submissionUrl}/annotations`);
  expect(exported.status()).toBe(200);
  const page = (await exported.json()) as { type: string; items: Array<{ creator?: { name?: string } }> };
  expect(page.type).toBe("AnnotationPage");
  expect(page.items).toHaveLength(3);
  expect(JSON.stringify(page)).not.toContain("Lena");
});
