import { expect, test, type Browser, type Page } from "@playwright/test";
import { demoEmail, signIn } from "./helpers";

async function openAs(browser: Browser, who: string, manuscriptTitle: RegExp): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, demoEmail(who));
  await page.goto("/manuscripts");
  await page.getByRole("link", { name: manuscriptTitle }).click();
  await expect(page.getByRole("status").filter({ hasText: "Connected · all changes synced" })).toBeVisible();
  return page;
}

const editorOf = (page: Page) => page.getByTestId("manuscript-editor").locator(".tiptap");

/** The document's text without the other people's caret labels. */
function documentText(page: Page) {
  return editorOf(page).evaluate((root) => {
    const copy = root.cloneNode(true) as HTMLElement;
    copy.querySelectorAll(".collaboration-carets__caret").forEach((caret) => caret.remove());
    return copy.textContent ?? "";
  });
}

test("two co-authors write in one manuscript at the same time and see each other", async ({ browser }) => {
  // The systematic-review draft: the case report stays untouched for the review-assist test.
  const title = /Remote monitoring of heart failure/;
  const asha = await openAs(browser, "author", title);
  const jon = await openAs(browser, "coauthor", title);

  await editorOf(asha).click();
  await asha.keyboard.press("Control+End");
  await asha.keyboard.type("Case presentation from Asha. ");
  await expect(editorOf(jon)).toContainText("Case presentation from Asha.");

  await editorOf(jon).click();
  await jon.keyboard.press("Control+End");
  await jon.keyboard.type("Jon adds the genetic findings.");
  await expect(editorOf(asha)).toContainText("Jon adds the genetic findings.");

  // Each sees the other in the presence list, and the other's caret carries their name.
  await expect(asha.getByRole("region", { name: "Who is here" })).toContainText("Dr Jón Einarsson");
  await expect(jon.getByRole("region", { name: "Who is here" })).toContainText("Dr Asha Rao");

  // Both converge on the same text.
  await expect.poll(async () => (await documentText(asha)) === (await documentText(jon)) && (await documentText(asha)).length > 0).toBe(true);

  // A heading shows up in the outline; the word count moves.
  await editorOf(asha).click();
  await asha.keyboard.press("Control+End");
  await asha.keyboard.press("Enter");
  await asha.getByRole("button", { name: "H2" }).click();
  await asha.keyboard.type("Discussion");
  await expect(jon.getByRole("navigation", { name: "Outline" })).toContainText("Discussion");
  await expect(jon.getByTestId("word-count")).not.toHaveText("0 words");

  // After a reload the text is still there: it was persisted by the collab-server.
  await jon.reload();
  await expect(editorOf(jon)).toContainText("Jon adds the genetic findings.");
  await asha.context().close();
  await jon.context().close();
});

test("an editor reads a submitted manuscript live but cannot change it", async ({ browser }) => {
  const title = /Early mobilisation after hip fracture surgery/;
  const author = await openAs(browser, "author", title);
  const editor = await openAs(browser, "editor", title);
  await expect(editor.getByText("Read-only")).toBeVisible();
  await expect(editor.getByRole("toolbar", { name: "Formatting" })).toHaveCount(0);

  await editorOf(author).click();
  await author.keyboard.type("Methods: a multicentre cohort. ");
  await expect(editorOf(editor)).toContainText("Methods: a multicentre cohort.");

  await expect(editorOf(editor)).toHaveAttribute("contenteditable", "false");
  await editorOf(editor).click({ force: true });
  await editor.keyboard.type("EDITOR SCRIBBLE");
  await author.waitForTimeout(500);
  await expect(editorOf(author)).not.toContainText("EDITOR SCRIBBLE");
  await expect(editorOf(editor)).not.toContainText("EDITOR SCRIBBLE");
  await author.context().close();
  await editor.context().close();
});
