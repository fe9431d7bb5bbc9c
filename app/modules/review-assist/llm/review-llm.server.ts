// The LLM review: one structured-output chat completion per chunk through the openai SDK (any OpenAI-compatible
// endpoint), each reply verified against the full manuscript text, then merged. Never throws: a failure of the provider
// or of the reply becomes { ok: false, error } with what was recorded up to then.
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import type { ZodError } from "zod";
import { checklistFor } from "../guidelines";
import type { ManuscriptText } from "../model";
import { parseReferences } from "../references";
import type { ManuscriptChunk } from "./chunks";
import { mergeChunkResults } from "./merge";
import {
  type LlmConfig,
  type LlmConfigInput,
  type LlmErrorCode,
  type LlmReviewFailure,
  type LlmReviewRecord,
  type LlmReviewResult,
  type OnProgress,
  PROMPT_VERSION,
  type ReviewReply,
  emptyUsage,
  llmConfigSchema,
  reviewReplySchema,
} from "./model";
import { buildReviewMessages, planRequests } from "./prompt";
import { type ChunkVerification, buildReferenceIndex, verifyChunkReply } from "./verify";

export const RESPONSE_SCHEMA_NAME = "manuscript_review";

export interface LlmReviewOptions {
  onProgress?: OnProgress;
  /** Aborts the requests in flight (the reviewer left the page). */
  signal?: AbortSignal;
}

/** An error of the review, already worded for the reviewer or the operator. */
class LlmReviewError extends Error {
  constructor(
    readonly code: LlmErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

const excerpt = (s: string, max = 120) => (s.length > max ? `${s.slice(0, max)}…` : s);

function describeZodError(error: ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
    .join("; ");
}

const STATUS_ADVICE: Record<number, string> = {
  400: "the provider rejected the request; check that OPENAI_MODEL supports structured outputs (response_format json_schema)",
  401: "check OPENAI_API_KEY",
  403: "check OPENAI_API_KEY and that the key may use OPENAI_MODEL",
  404: "check OPENAI_MODEL and OPENAI_BASE_URL",
  429: "the provider is rate-limiting or the quota is used up; try again later",
};

/** `label` names what was being reviewed: "the manuscript" or "part 2 of 5". */
function providerError(error: unknown, config: LlmConfig, label: string): LlmReviewError {
  if (error instanceof LlmReviewError) return error;
  const where = `${config.model} at ${config.baseURL}`;
  if (error instanceof APIConnectionTimeoutError) {
    return new LlmReviewError("timeout", `The LLM (${where}) did not answer within ${config.timeoutMs / 1000} s while reviewing ${label}. Try again later, or raise the time-out.`);
  }
  if (error instanceof APIUserAbortError) return new LlmReviewError("aborted", `The LLM review was cancelled while reviewing ${label}.`);
  if (error instanceof APIConnectionError) {
    return new LlmReviewError("connection", `Could not reach the LLM at ${config.baseURL} while reviewing ${label} (${error.message}). Check OPENAI_BASE_URL and the network.`);
  }
  if (error instanceof APIError && error.status !== undefined) {
    const advice = STATUS_ADVICE[error.status] ?? (error.status >= 500 ? "the provider failed; try again later" : "the provider refused the request");
    const detail = (error.error as { message?: unknown } | undefined)?.message;
    const said = typeof detail === "string" && detail ? ` It said: "${excerpt(detail, 200)}".` : "";
    return new LlmReviewError("http", `The LLM provider (${where}) answered HTTP ${error.status} while reviewing ${label}: ${advice}.${said}`, error.status);
  }
  if (error instanceof SyntaxError) {
    return new LlmReviewError("malformed-reply", `The LLM provider (${where}) sent a response that is not JSON while reviewing ${label} (${error.message}).`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new LlmReviewError("internal", `The LLM review failed while reviewing ${label}: ${message}`);
}

/** Checks the reply's envelope and content; throws an LlmReviewError saying what is wrong. */
function parseReply(completion: OpenAI.ChatCompletion, checklistIds: string[] | null, config: LlmConfig, label: string): ReviewReply {
  const where = `${config.model} at ${config.baseURL}`;
  const choice = completion.choices?.[0];
  if (!choice?.message) throw new LlmReviewError("malformed-reply", `The LLM (${where}) returned no message while reviewing ${label}.`);
  if (choice.message.refusal) throw new LlmReviewError("refusal", `The LLM (${where}) refused to review ${label}: "${excerpt(choice.message.refusal, 200)}".`);
  if (choice.finish_reason === "length") {
    throw new LlmReviewError("truncated", `The LLM's review of ${label} was cut off at its output limit; raise maxOutputTokens or lower maxChunkTokens.`);
  }
  const content = choice.message.content ?? "";
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    throw new LlmReviewError("malformed-reply", `The LLM (${where}) did not answer with JSON while reviewing ${label}: "${excerpt(content.trim() || "(empty)")}". Check that the model supports structured outputs.`);
  }
  const parsed = reviewReplySchema(checklistIds, { forModel: false }).safeParse(json);
  if (!parsed.success) {
    throw new LlmReviewError("schema-mismatch", `The LLM's review of ${label} does not follow the review schema (${describeZodError(parsed.error)}).`);
  }
  return parsed.data as ReviewReply;
}

/**
 * Runs `run` with a signal of its own that follows `parent`. The SDK leaves its abort listener on the signal it is
 * given, so one shared signal across many requests would collect listeners (and Node's MaxListeners warning).
 */
async function withChildSignal<T>(parent: AbortSignal, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const child = new AbortController();
  const follow = () => child.abort(parent.reason);
  if (parent.aborted) follow();
  else parent.addEventListener("abort", follow, { once: true });
  try {
    return await run(child.signal);
  } finally {
    parent.removeEventListener("abort", follow);
  }
}

/** Runs `work` over the items, at most `limit` at a time; stops starting new items once one has failed. */
async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const item = items[next++];
      try {
        await work(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, worker));
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (rejected) throw rejected.reason;
}

export async function runLlmReview(manuscript: ManuscriptText, configInput: LlmConfigInput, options: LlmReviewOptions = {}): Promise<LlmReviewResult> {
  const started = Date.now();
  const record: LlmReviewRecord = {
    model: typeof configInput?.model === "string" ? configInput.model : "",
    providerModel: null,
    promptVersion: PROMPT_VERSION,
    usage: emptyUsage(),
    durationMs: 0,
    chunks: 0,
    requests: 0,
  };
  const fail = (error: LlmReviewError): LlmReviewFailure => ({
    ...record,
    durationMs: Date.now() - started,
    ok: false,
    error: error.message,
    errorCode: error.code,
    ...(error.status !== undefined ? { status: error.status } : {}),
  });

  const parsedConfig = llmConfigSchema.safeParse(configInput);
  if (!parsedConfig.success) return fail(new LlmReviewError("config", `The LLM configuration is invalid: ${describeZodError(parsedConfig.error)}.`));
  const config = parsedConfig.data;

  // The first failure aborts the other requests in flight: a partial review would look complete.
  const controller = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
  let firstError: LlmReviewError | null = null;

  try {
    const checklist = checklistFor(manuscript.articleType);
    const checklistIds = checklist ? checklist.items.map((i) => i.id) : null;
    const referenceIndex = buildReferenceIndex(manuscript, parseReferences(manuscript));
    const plan = planRequests(manuscript, checklist, config.maxChunkTokens);
    record.chunks = plan.chunks.length;
    const responseFormat = zodResponseFormat(reviewReplySchema(checklistIds, { forModel: true }), RESPONSE_SCHEMA_NAME);
    const client = new OpenAI({ baseURL: config.baseURL, apiKey: config.apiKey, timeout: config.timeoutMs, maxRetries: config.maxRetries });

    const results: ChunkVerification[] = new Array(plan.chunks.length);
    let done = 0;
    options.onProgress?.({ phase: "llm", done, total: plan.chunks.length });

    const reviewChunk = async (chunk: ManuscriptChunk) => {
      const label = plan.chunks.length > 1 ? `part ${chunk.index + 1} of ${plan.chunks.length}` : "the manuscript";
      try {
        const completion = await withChildSignal(signal, (requestSignal) =>
          client.chat.completions.create(
            {
              model: config.model,
              messages: buildReviewMessages(plan.context, chunk, plan.chunks.length),
              response_format: responseFormat,
              ...(config.maxOutputTokens ? { max_completion_tokens: config.maxOutputTokens } : {}),
            },
            { signal: requestSignal, timeout: config.timeoutMs, maxRetries: config.maxRetries },
          ),
        );
        record.requests++;
        record.providerModel = completion.model ?? record.providerModel;
        record.usage.promptTokens += completion.usage?.prompt_tokens ?? 0;
        record.usage.completionTokens += completion.usage?.completion_tokens ?? 0;
        record.usage.totalTokens += completion.usage?.total_tokens ?? 0;
        const reply = parseReply(completion, checklistIds, config, label);
        results[chunk.index] = verifyChunkReply(manuscript, chunk, reply, { checklist, referenceIndex });
      } catch (error) {
        const described = providerError(error, config, label);
        // Requests we aborted because another failed report "cancelled": keep the error that caused it.
        if (!firstError) firstError = described;
        controller.abort();
        throw described;
      }
      done++;
      options.onProgress?.({ phase: "llm", done, total: plan.chunks.length });
    };
    await eachLimited(plan.chunks, config.concurrency, reviewChunk);

    options.onProgress?.({ phase: "verifying", done: 0, total: 1 });
    const merged = mergeChunkResults(results);
    options.onProgress?.({ phase: "verifying", done: 1, total: 1 });
    return { ...record, durationMs: Date.now() - started, ok: true, ...merged };
  } catch (error) {
    return fail(firstError ?? providerError(error, config, "the manuscript"));
  }
}
