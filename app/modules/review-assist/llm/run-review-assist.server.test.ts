import { type OpenAIFake, reply, startOpenAIFake } from "../../../../tests/mocks/openai-fake";
import { PLANTED, plantedCaseReport } from "../fixtures/planted-case-report";
import { runDeterministicChecks } from "../index";
import { manuscriptFromProseMirror } from "../model";
import { verifyQuote } from "../quote";
import { HALLUCINATED_QUOTE, REAL_QUOTES, goodPlantedReply, replyWithHallucinatedQuote, replyWithHallucinatedReferences } from "./fixtures/planted-review-replies";
import { type LlmConfigInput, type LlmReviewFailure, type LlmReviewResult, type LlmReviewSuccess, PROMPT_VERSION, llmFindingSchema } from "./model";
import { runReviewAssist } from "./run-review-assist.server";

const manuscript = manuscriptFromProseMirror(plantedCaseReport, "case-report");
const deterministic = runDeterministicChecks(manuscript);

let fake: OpenAIFake | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function withFake(...replies: Parameters<OpenAIFake["enqueue"]>): Promise<OpenAIFake> {
  fake = await startOpenAIFake({ replies });
  return fake;
}

const configFor = (server: OpenAIFake, extra: Partial<LlmConfigInput> = {}): LlmConfigInput => ({
  baseURL: server.baseURL,
  apiKey: server.apiKey,
  model: "gpt-test",
  timeoutMs: 10_000,
  ...extra,
});

function succeeded(result: LlmReviewResult | null): LlmReviewSuccess {
  if (!result?.ok) throw new Error(`expected a successful LLM review, got ${JSON.stringify(result)}`);
  return result;
}

function failed(result: LlmReviewResult | null): LlmReviewFailure {
  if (!result || result.ok) throw new Error(`expected a failed LLM review, got ${JSON.stringify(result)}`);
  return result;
}

describe("runReviewAssist on the planted case report", () => {
  it("returns the deterministic results alone when no LLM is configured", async () => {
    const result = await runReviewAssist({ manuscript });
    expect(result).toEqual({ deterministic, llm: null });
  });

  it("returns the good reply's findings anchored in the manuscript, next to the deterministic results", async () => {
    const server = await withFake(reply.json(goodPlantedReply()));
    const result = await runReviewAssist({ manuscript, llm: configFor(server) });
    expect(result.deterministic).toEqual(deterministic);
    const llm = succeeded(result.llm);
    expect(llm.findings).toHaveLength(7);
    for (const finding of llm.findings) {
      expect(llmFindingSchema.safeParse(finding).success).toBe(true);
      expect(verifyQuote(manuscript.text, finding.quote)).toBe(true);
      expect(manuscript.text.slice(finding.quote.start - finding.quote.prefix.length, finding.quote.end + finding.quote.suffix.length)).toBe(
        finding.quote.prefix + finding.quote.exact + finding.quote.suffix,
      );
    }
    const wrongP = llm.findings.find((f) => f.quote.exact === REAL_QUOTES.wrongP);
    expect(wrongP).toMatchObject({ engine: "llm", machineMade: true, kind: "weakness", severity: "warning", references: [4] });
    expect(wrongP?.quote.start).toBe(manuscript.text.indexOf(REAL_QUOTES.wrongP));
    expect(llm.findings.find((f) => f.checklistItemId === "13")).toMatchObject({ judgement: "missing", quote: { exact: "Declarations" } });
    expect(llm.summary).toContain("insulinoma");
    expect(llm.dropped.total).toBe(0);
    expect(llm).toMatchObject({ model: "gpt-test", providerModel: "gpt-test-fake", promptVersion: PROMPT_VERSION, chunks: 1, requests: 1 });
    const [sent] = server.sentUsage;
    expect(llm.usage).toEqual({ promptTokens: sent.prompt_tokens, completionTokens: sent.completion_tokens, totalTokens: sent.total_tokens });
    expect(llm.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("drops a hallucinated quote, counts it and keeps the rest", async () => {
    const server = await withFake(reply.json(replyWithHallucinatedQuote()));
    const llm = succeeded((await runReviewAssist({ manuscript, llm: configFor(server) })).llm);
    expect(llm.findings).toHaveLength(7);
    expect(llm.findings.some((f) => f.message.includes("contradicts the conclusion"))).toBe(false);
    expect(llm.dropped.total).toBe(1);
    expect(llm.dropped.byReason["quote-not-found"]).toBe(1);
    expect(llm.dropped.items[0]).toMatchObject({ reason: "quote-not-found", kind: "weakness", quote: HALLUCINATED_QUOTE });
  });

  it("drops items that mention references the manuscript does not have, and counts them", async () => {
    const server = await withFake(reply.json(replyWithHallucinatedReferences()));
    const llm = succeeded((await runReviewAssist({ manuscript, llm: configFor(server) })).llm);
    expect(llm.findings).toHaveLength(7);
    expect(llm.dropped.byReason["reference-not-in-list"]).toBe(2);
    expect(llm.dropped.total).toBe(2);
    expect(llm.dropped.items.map((d) => d.detail)).toEqual([
      "not in the manuscript's reference list: 7",
      "not in the manuscript's reference list: Smith (2018)",
    ]);
  });

  it("reports a reply that is not JSON as a clear error and keeps the deterministic results", async () => {
    const server = await withFake(reply.text("Sure! Here is my review: the case is interesting and well written."));
    const result = await runReviewAssist({ manuscript, llm: configFor(server) });
    expect(result.deterministic).toEqual(deterministic);
    expect(result.deterministic.findings.statistics[0].quote.exact).toBe(PLANTED.wrongPValue);
    const llm = failed(result.llm);
    expect(llm.errorCode).toBe("malformed-reply");
    expect(llm.error).toBe(
      `The LLM (gpt-test at ${server.baseURL}) did not answer with JSON while reviewing the manuscript: "Sure! Here is my review: the case is interesting and well written.". Check that the model supports structured outputs.`,
    );
    expect(llm.requests).toBe(1);
    expect(llm.usage.totalTokens).toBe(server.sentUsage[0].total_tokens);
  });

  it("reports an HTTP 500 from the provider as a clear error", async () => {
    const server = await withFake(reply.status(500, "The server had an error while processing your request."));
    const result = await runReviewAssist({ manuscript, llm: configFor(server) });
    expect(result.deterministic).toEqual(deterministic);
    const llm = failed(result.llm);
    expect(llm).toMatchObject({ errorCode: "http", status: 500, requests: 0, promptVersion: PROMPT_VERSION });
    expect(llm.error).toBe(
      `The LLM provider (gpt-test at ${server.baseURL}) answered HTTP 500 while reviewing the manuscript: the provider failed; try again later. It said: "The server had an error while processing your request.".`,
    );
  });

  it("gives up when the provider does not answer within the time-out", async () => {
    const server = await withFake(reply.hang());
    const timeoutMs = 400;
    const started = Date.now();
    const result = await runReviewAssist({ manuscript, llm: configFor(server, { timeoutMs }) });
    const elapsed = Date.now() - started;
    expect(result.deterministic).toEqual(deterministic);
    const llm = failed(result.llm);
    expect(llm.errorCode).toBe("timeout");
    expect(llm.error).toBe(`The LLM (gpt-test at ${server.baseURL}) did not answer within 0.4 s while reviewing the manuscript. Try again later, or raise the time-out.`);
    expect(server.chatRequests()).toHaveLength(1);
    // The fake never answers: only the time-out can end the request (a generous margin for a loaded machine).
    expect(elapsed).toBeGreaterThanOrEqual(timeoutMs - 50);
    expect(elapsed).toBeLessThan(timeoutMs + 5_000);
  });

  it("reports progress through every phase", async () => {
    const server = await withFake(reply.json(goodPlantedReply()));
    const phases: string[] = [];
    await runReviewAssist({ manuscript, llm: configFor(server), onProgress: (p) => phases.push(`${p.phase} ${p.done}/${p.total}`) });
    expect(phases).toEqual(["deterministic 0/1", "deterministic 1/1", "llm 0/1", "llm 1/1", "verifying 0/1", "verifying 1/1", "done 1/1"]);
  });
});
