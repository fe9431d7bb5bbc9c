import { expect, test } from "@playwright/test";
import { HALLUCINATED_QUOTE, REAL_QUOTES } from "../../app/modules/review-assist/llm/fixtures/planted-review-replies";
import { PLANTED } from "../../app/modules/review-assist/fixtures/planted-case-report";
import { reply, startOpenAIFake, type OpenAIFake } from "../mocks/openai-fake";
import { FAKE_LLM_PORT } from "../../playwright.config";
import { acceptInvitation, as, inviteReviewer } from "./helpers";

let fake: OpenAIFake;

test.beforeAll(async () => {
  fake = await startOpenAIFake({ port: FAKE_LLM_PORT, apiKey: "sk-fake-test-key" });
});
test.afterAll(async () => {
  await fake?.close();
});

test("a reviewer runs the checks on the planted case report: each problem is anchored, and a hallucinated LLM quote is dropped and counted", async ({ browser }) => {
  test.setTimeout(120_000);
  // The first part's reply carries a real finding and one whose quote is not in the manuscript; any further part of a
  // chunked manuscript gets an empty review, so the counts below do not depend on how the text was chunked.
  let chatRequests = 0;
  const empty = { summary: "No further remarks.", strengths: [], weaknesses: [], questions: [], checklist: [] };
  const full = {
      summary: "A case report of an insulinoma presenting with hypoglycaemia.",
      strengths: [{ comment: "The biochemical work-up is described in detail.", quote: REAL_QUOTES.workUp, references: [] }],
      weaknesses: [{ comment: "The follow-up is described vaguely.", severity: "minor", quote: HALLUCINATED_QUOTE, references: [] }],
      questions: [],
      checklist: [],
  };
  fake.setHandler(() => reply.json(chatRequests++ === 0 ? full : empty));

  const author = await as(browser, "author");
  await author.goto("/manuscripts");
  await author.getByRole("link", { name: /Recurrent hypoglycaemia in an adolescent/ }).click();
  await author.getByText("Submit this manuscript to a venue").click();
  await author.getByLabel("Venue").selectOption({ label: "Journal of Clinical Cases (demo) — Single-blind (reviewers see the authors)" });
  await author.getByRole("button", { name: "Submit manuscript" }).click();
  await expect(author).toHaveURL(/\/submissions\/[0-9a-f-]{36}$/);
  const submissionUrl = author.url();

  const editor = await as(browser, "editor");
  await inviteReviewer(editor, submissionUrl, "Dr Lena Okafor");

  const lena = await as(browser, "reviewer");
  await acceptInvitation(lena, submissionUrl);
  await lena.getByRole("button", { name: "Run automated checks" }).click();
  const results = lena.getByTestId("check-results");
  await expect(results).toBeVisible({ timeout: 30_000 });

  // Each planted problem is found, and highlighted in the text at its quote.
  await expect(lena.getByTestId("engine-statistics").getByTestId("finding").filter({ hasText: PLANTED.wrongPValue })).toHaveCount(1);
  await expect(lena.getByTestId("engine-identifiers").getByTestId("finding").filter({ hasText: PLANTED.patientName }).first()).toBeVisible();
  await expect(lena.getByTestId("engine-references").getByTestId("finding").filter({ hasText: "never cited" }).first()).toBeVisible();
  await expect(results.getByText(/CARE 2013: .* missing/)).toBeVisible();
  await results.getByText(/CARE 2013: .* missing/).click();
  await expect(results.getByRole("listitem").filter({ hasText: /^13 Informed consent/ })).toContainText(": missing");
  const marks = lena.getByTestId("submitted-text").locator("mark.annotation-mark--machine");
  await expect(marks.filter({ hasText: PLANTED.patientName }).first()).toBeVisible();
  await expect(marks.filter({ hasText: PLANTED.wrongPValue })).toHaveCount(1);

  // The LLM's verified finding is shown; the hallucinated one is dropped and counted.
  await expect(lena.getByTestId("engine-llm").getByTestId("finding")).toHaveCount(1);
  await expect(lena.getByTestId("llm-record")).toContainText("1 item dropped because their quote or reference is not in the manuscript");
  await expect(results).not.toContainText(HALLUCINATED_QUOTE);
  expect(fake.chatRequests().length).toBeGreaterThan(0);

  // The reviewer takes the p-value finding into the review as an annotation.
  const pValue = lena.getByTestId("engine-statistics").getByTestId("finding").filter({ hasText: PLANTED.wrongPValue });
  await pValue.getByRole("button", { name: "Accept into review" }).click();
  await expect(pValue.getByText("Added to your review")).toBeVisible();
  await expect(lena.getByTestId("annotation").filter({ hasText: "(from an automated check)" })).toHaveCount(1);
});
