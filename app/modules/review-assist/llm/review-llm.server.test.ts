import { type OpenAIFake, type RecordedRequest, reply, startOpenAIFake, userPrompt } from "../../../../tests/mocks/openai-fake";
import { PLANTED, plantedCaseReport } from "../fixtures/planted-case-report";
import { checklistFor } from "../guidelines";
import { manuscriptFromProseMirror } from "../model";
import { verifyQuote } from "../quote";
import { LONG_ARTICLE_TITLE, longArticle } from "./fixtures/long-article";
import { goodPlantedReply } from "./fixtures/planted-review-replies";
import type { LlmConfigInput, LlmReviewFailure, LlmReviewResult, LlmReviewSuccess, ReviewProgress, ReviewReply } from "./model";
import { RESPONSE_SCHEMA_NAME, runLlmReview } from "./review-llm.server";

const planted = manuscriptFromProseMirror(plantedCaseReport, "case-report");

let fake: OpenAIFake | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function startFake(options: Parameters<typeof startOpenAIFake>[0]): Promise<OpenAIFake> {
  fake = await startOpenAIFake(options);
  return fake;
}

const configFor = (server: OpenAIFake, extra: Partial<LlmConfigInput> = {}): LlmConfigInput => ({
  baseURL: server.baseURL,
  apiKey: server.apiKey,
  model: "gpt-test",
  timeoutMs: 10_000,
  ...extra,
});

function succeeded(result: LlmReviewResult): LlmReviewSuccess {
  if (!result.ok) throw new Error(`expected a successful LLM review, got ${result.error}`);
  return result;
}

function failed(result: LlmReviewResult): LlmReviewFailure {
  if (result.ok) throw new Error("expected a failed LLM review");
  return result;
}

/** The manuscript part of a request's prompt. */
function manuscriptPart(request: RecordedRequest): string {
  const match = /<manuscript>\n([\s\S]*)\n<\/manuscript>/.exec(userPrompt(request));
  if (!match) throw new Error("the prompt has no <manuscript> part");
  return match[1];
}

describe("runLlmReview: the request", () => {
  it("sends the manuscript, the checklist and the reference list with a strict JSON-schema response format", async () => {
    const server = await startFake({ replies: [reply.json(goodPlantedReply())] });
    succeeded(await runLlmReview(planted, configFor(server)));
    const [request] = server.chatRequests();
    expect(request.headers.authorization).toBe(`Bearer ${server.apiKey}`);
    expect(request.body.model).toBe("gpt-test");
    const format = request.body.response_format;
    expect(format.type).toBe("json_schema");
    expect(format.json_schema).toMatchObject({ name: RESPONSE_SCHEMA_NAME, strict: true });
    const schema = format.json_schema.schema;
    expect(schema.required).toEqual(["summary", "strengths", "weaknesses", "questions", "checklist"]);
    expect(schema.additionalProperties).toBe(false);
    const checklistItem = schema.properties.checklist.items;
    expect(checklistItem.properties.itemId.enum).toEqual(checklistFor("case-report")?.items.map((i) => i.id));
    expect(checklistItem.properties.judgement.enum).toEqual(["present", "missing", "unclear"]);
    expect(schema.properties.weaknesses.items.required).toEqual(["comment", "severity", "quote", "references"]);

    const prompt = userPrompt(request);
    const body = planted.text.slice(0, planted.text.indexOf("\n\nReferences"));
    expect(manuscriptPart(request)).toBe(body);
    expect(prompt).toContain(PLANTED.uncitedReference);
    expect(prompt).toContain("13 (Informed consent)");
    expect(request.body.messages[0]).toMatchObject({ role: "system" });
    expect(request.body.messages[0].content).toContain("verbatim");
  });

  it("leaves the checklist out of the schema when no guideline applies to the article type", async () => {
    const article = longArticle(1, 1);
    const server = await startFake({ replies: [reply.json({ summary: "Short.", strengths: [], weaknesses: [], questions: [] })] });
    const result = succeeded(await runLlmReview(article, configFor(server)));
    expect(result.findings).toEqual([]);
    expect(Object.keys(server.chatRequests()[0].body.response_format.json_schema.schema.properties)).toEqual(["summary", "strengths", "weaknesses", "questions"]);
  });

  it("asks for max_completion_tokens only when an output limit is configured", async () => {
    const server = await startFake({ replies: [reply.json(goodPlantedReply()), reply.json(goodPlantedReply())] });
    succeeded(await runLlmReview(planted, configFor(server)));
    succeeded(await runLlmReview(planted, configFor(server, { maxOutputTokens: 4_000 })));
    expect(server.chatRequests().map((r) => r.body.max_completion_tokens)).toEqual([undefined, 4_000]);
  });
});

describe("runLlmReview: a long manuscript", () => {
  const article = longArticle(12, 3);

  /** Answers each part with a strength quoting its first paragraph's first sentence, and the same question on the title. */
  const perPartReply = (request: RecordedRequest, index: number) => {
    const firstParagraph = manuscriptPart(request)
      .split("\n\n")
      .find((block) => block.startsWith("In section")) as string;
    const firstSentence = firstParagraph.slice(0, firstParagraph.indexOf("[1].") + 4);
    const content: ReviewReply = {
      summary: `Part summary ${index + 1}.`,
      strengths: [{ comment: `Mobilisation counts are reported [1] (${firstSentence.slice(3, 30)}).`, quote: firstSentence, references: ["1"] }],
      weaknesses: [],
      questions: [{ question: "Does the title match the cohort design?", quote: LONG_ARTICLE_TITLE, references: [] }],
    };
    return reply.json(content, { prompt_tokens: 1_000 + index, completion_tokens: 100 + index, total_tokens: 1_100 + 2 * index });
  };

  it("sends one request per chunk and merges their verified findings", async () => {
    const server = await startFake({ handler: perPartReply });
    const progress: ReviewProgress[] = [];
    const result = succeeded(await runLlmReview(article, configFor(server, { maxChunkTokens: 1_500 }), { onProgress: (p) => progress.push(p) }));
    const requests = server.chatRequests();
    expect(result.chunks).toBeGreaterThan(3);
    expect(requests).toHaveLength(result.chunks);
    expect(result.requests).toBe(result.chunks);

    const parts = requests.map((r) => /This is part (\d+) of (\d+)\./.exec(userPrompt(r))?.slice(1).map(Number));
    expect(parts.map((p) => p?.[0]).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(Array.from({ length: result.chunks }, (_, i) => i + 1));
    expect(parts.every((p) => p?.[1] === result.chunks)).toBe(true);
    for (const request of requests) expect(userPrompt(request)).toContain("Outline of the whole manuscript");
    // Every paragraph of the article was sent in some request.
    const sent = requests.map(manuscriptPart).join("\n\n");
    for (const block of article.blocks.filter((b) => b.type === "paragraph")) expect(sent).toContain(block.text);

    const strengths = result.findings.filter((f) => f.kind === "strength");
    expect(strengths).toHaveLength(result.chunks);
    expect(new Set(strengths.map((f) => f.quote.start)).size).toBe(result.chunks);
    for (const finding of result.findings) expect(verifyQuote(article.text, finding.quote)).toBe(true);
    expect(strengths.every((f) => f.references.join() === "1")).toBe(true);
    expect(result.findings.filter((f) => f.kind === "question")).toHaveLength(1);
    expect(result.mergedDuplicates).toBe(result.chunks - 1);
    expect(result.summary.split("\n\n")).toHaveLength(result.chunks);

    const n = result.chunks;
    const sum = (f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i)).reduce((a, b) => a + b, 0);
    expect(result.usage).toEqual({ promptTokens: sum((i) => 1_000 + i), completionTokens: sum((i) => 100 + i), totalTokens: sum((i) => 1_100 + 2 * i) });

    expect(progress.filter((p) => p.phase === "llm").map((p) => p.done)).toEqual(Array.from({ length: n + 1 }, (_, i) => i));
    expect(progress.every((p) => p.phase !== "llm" || p.total === n)).toBe(true);
  });

  it("reviews a manuscript of many parts without piling listeners on one abort signal", async () => {
    const server = await startFake({ handler: () => reply.json({ summary: "", strengths: [], weaknesses: [], questions: [] }) });
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on("warning", onWarning);
    try {
      const result = succeeded(await runLlmReview(longArticle(40, 3), configFor(server, { maxChunkTokens: 1_500 }), { signal: new AbortController().signal }));
      expect(result.requests).toBeGreaterThan(10);
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings.map((w) => w.name)).not.toContain("MaxListenersExceededWarning");
  });

  it("fails the whole LLM review when one part fails, names the part and sends no further requests", async () => {
    const server = await startFake({ handler: (request, index) => (index === 1 ? reply.status(503, "overloaded") : perPartReply(request, index)) });
    const result = failed(await runLlmReview(article, configFor(server, { maxChunkTokens: 1_500, concurrency: 1 })));
    expect(result.errorCode).toBe("http");
    expect(result.status).toBe(503);
    expect(result.error).toContain(`answered HTTP 503 while reviewing part 2 of ${result.chunks}`);
    expect(server.chatRequests()).toHaveLength(2);
    expect(result.requests).toBe(1);
    expect(result.usage.totalTokens).toBe(1_100);
  });
});

describe("runLlmReview: provider errors", () => {
  it("reports a reply that does not follow the schema", async () => {
    const server = await startFake({ replies: [reply.json({ summary: "Fine.", strengths: "none", weaknesses: [], questions: [] })] });
    const result = failed(await runLlmReview(planted, configFor(server)));
    expect(result.errorCode).toBe("schema-mismatch");
    expect(result.error).toBe("The LLM's review of the manuscript does not follow the review schema (strengths: Expected array, received string; checklist: Required).");
  });

  it("reports a refusal", async () => {
    const server = await startFake({ replies: [reply.refusal("I can't help with that.")] });
    const result = failed(await runLlmReview(planted, configFor(server)));
    expect(result.errorCode).toBe("refusal");
    expect(result.error).toContain(`refused to review the manuscript: "I can't help with that."`);
  });

  it("reports a reply cut off at the output limit", async () => {
    const server = await startFake({ replies: [{ type: "text", content: '{"summary": "The case', finishReason: "length" }] });
    const result = failed(await runLlmReview(planted, configFor(server)));
    expect(result.errorCode).toBe("truncated");
    expect(result.error).toContain("raise maxOutputTokens or lower maxChunkTokens");
  });

  it("tells the operator to check the API key on HTTP 401", async () => {
    const server = await startFake({ replies: [reply.json(goodPlantedReply())] });
    const result = failed(await runLlmReview(planted, configFor(server, { apiKey: "sk-wrong" })));
    expect(result).toMatchObject({ errorCode: "http", status: 401 });
    expect(result.error).toContain("answered HTTP 401 while reviewing the manuscript: check OPENAI_API_KEY");
  });

  it("reports an endpoint that cannot be reached", async () => {
    const server = await startFake({});
    const config = configFor(server);
    await server.close();
    fake = null;
    const result = failed(await runLlmReview(planted, config));
    expect(result.errorCode).toBe("connection");
    expect(result.error).toContain(`Could not reach the LLM at ${config.baseURL}`);
  });

  it("stops when the caller aborts", async () => {
    const server = await startFake({ replies: [reply.hang()] });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const result = failed(await runLlmReview(planted, configFor(server), { signal: controller.signal }));
    expect(result.errorCode).toBe("aborted");
    expect(result.error).toBe("The LLM review was cancelled while reviewing the manuscript.");
  });

  it("reports an invalid configuration without sending anything", async () => {
    const server = await startFake({});
    const result = failed(await runLlmReview(planted, { ...configFor(server), baseURL: "not a url", timeoutMs: -1 }));
    expect(result.errorCode).toBe("config");
    expect(result.error).toBe("The LLM configuration is invalid: baseURL: Invalid url; timeoutMs: Number must be greater than 0.");
    expect(server.requests).toEqual([]);
  });
});
