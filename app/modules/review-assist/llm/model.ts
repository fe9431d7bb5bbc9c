// Types, schemas and constants of the LLM review: its configuration, the structured reply we ask the model for, and
// the findings it becomes once every quote and reference has been verified. Pure: no I/O, the UI may import it.
import { z } from "zod";
import { findingSchema, quoteSchema } from "../model";

/** Bump when the prompt or the reply schema changes, so a stored review says which instructions produced it. */
export const PROMPT_VERSION = "review-llm/1";

export const llmConfigSchema = z.object({
  /** OpenAI-compatible endpoint, e.g. https://api.openai.com/v1 (OPENAI_BASE_URL). */
  baseURL: z.string().url(),
  apiKey: z.string().min(1),
  model: z.string().min(1),
  /** Per request; a request that has not answered by then fails the LLM review with a time-out error. */
  timeoutMs: z.number().int().positive().default(120_000),
  /** Retries per request on time-outs, 408/409/429 and 5xx (the SDK's own policy). */
  maxRetries: z.number().int().min(0).max(3).default(0),
  /** Token budget of one request's prompt (estimated at ~4 characters per token); longer manuscripts are chunked. */
  maxChunkTokens: z.number().int().min(200).default(12_000),
  /** Sent as `max_completion_tokens` when set. */
  maxOutputTokens: z.number().int().positive().optional(),
  /** Chunks reviewed at the same time. */
  concurrency: z.number().int().min(1).max(8).default(2),
});
export type LlmConfigInput = z.input<typeof llmConfigSchema>;
export type LlmConfig = z.output<typeof llmConfigSchema>;

/**
 * The LLM configuration from environment variables (OPENAI_BASE_URL, OPENAI_API_KEY, OPENAI_MODEL), or null when none
 * is set. Throws when only some are set, naming the ones that are missing.
 */
export function llmConfigFromEnv(env: Record<string, string | undefined>): LlmConfigInput | null {
  const names = ["OPENAI_BASE_URL", "OPENAI_API_KEY", "OPENAI_MODEL"] as const;
  const missing = names.filter((name) => !env[name]);
  if (missing.length === names.length) return null;
  if (missing.length > 0) {
    throw new Error(`LLM review is half-configured: set ${missing.join(" and ")} as well, or unset ${names.filter((n) => !missing.includes(n)).join(" and ")}.`);
  }
  return { baseURL: env.OPENAI_BASE_URL as string, apiKey: env.OPENAI_API_KEY as string, model: env.OPENAI_MODEL as string };
}

export const judgements = ["present", "missing", "unclear"] as const;
export type Judgement = (typeof judgements)[number];

const quoteField = z
  .string()
  .describe(
    "A verbatim copy of one contiguous passage of the manuscript (at most one or two sentences) that this item is about. Copy every character exactly: no paraphrase, no ellipsis, no corrections.",
  );
const referencesField = z
  .array(z.string())
  .describe('Numbers of the entries of the manuscript\'s reference list that this item mentions, e.g. "3"; empty when it mentions none.');

/**
 * The reply we ask the model for. `itemId` is an enum of the checklist's item ids in the schema sent to the model, but
 * parsed as any string so that one unknown id drops one item (and is counted) instead of failing the whole reply.
 */
export function reviewReplySchema(checklistItemIds: readonly string[] | null, options: { forModel: boolean }) {
  const base = {
    summary: z.string().describe("Three to five sentences: what the manuscript reports and its main problems, for the editor."),
    strengths: z.array(z.object({ comment: z.string(), quote: quoteField, references: referencesField })),
    weaknesses: z.array(
      z.object({ comment: z.string(), severity: z.enum(["major", "minor"]), quote: quoteField, references: referencesField }),
    ),
    questions: z.array(
      z.object({ question: z.string().describe("A question to the authors."), quote: quoteField, references: referencesField }),
    ),
  };
  if (!checklistItemIds || checklistItemIds.length === 0) return z.object(base);
  const itemId = options.forModel ? z.enum(checklistItemIds as [string, ...string[]]) : z.string();
  return z.object({
    ...base,
    checklist: z.array(
      z.object({
        itemId: itemId.describe("The checklist item's id."),
        judgement: z.enum(judgements),
        comment: z.string(),
        quote: quoteField.describe(
          "For present or unclear: the passage that addresses the item, verbatim. For missing: the verbatim heading of the section where the item belongs, or the title.",
        ),
      }),
    ),
  });
}
export interface ReviewReply {
  summary: string;
  strengths: Array<{ comment: string; quote: string; references: string[] }>;
  weaknesses: Array<{ comment: string; severity: "major" | "minor"; quote: string; references: string[] }>;
  questions: Array<{ question: string; quote: string; references: string[] }>;
  checklist?: Array<{ itemId: string; judgement: Judgement; comment: string; quote: string }>;
}

export const llmFindingKinds = ["strength", "weakness", "question", "checklist"] as const;
export type LlmFindingKind = (typeof llmFindingKinds)[number];

/** A finding of the LLM review: the shared finding shape, engine "llm", always marked as machine-made. */
export const llmFindingSchema = findingSchema.extend({
  engine: z.literal("llm"),
  machineMade: z.literal(true),
  kind: z.enum(llmFindingKinds),
  quote: quoteSchema,
  /** Reference-list numbers the finding mentions; every one of them exists in the manuscript. */
  references: z.array(z.number().int()),
  checklistItemId: z.string().optional(),
  judgement: z.enum(judgements).optional(),
});
export type LlmFinding = z.infer<typeof llmFindingSchema>;

export const dropReasons = ["quote-not-found", "quote-too-short", "reference-not-in-list", "unknown-checklist-item", "empty-comment"] as const;
export type DropReason = (typeof dropReasons)[number];

export interface DroppedItem {
  reason: DropReason;
  kind: LlmFindingKind | "summary";
  /** The model's comment, question, checklist judgement or summary. */
  text: string;
  /** The quote as the model gave it ("" for a summary). */
  quote: string;
  detail: string;
}

export interface DropSummary {
  total: number;
  byReason: Record<DropReason, number>;
  items: DroppedItem[];
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

/** What is recorded with every LLM review, whether it succeeded or not. */
export interface LlmReviewRecord {
  /** The model asked for (OPENAI_MODEL). */
  model: string;
  /** The model the provider says answered (often a dated snapshot), null when no reply came. */
  providerModel: string | null;
  promptVersion: string;
  usage: TokenUsage;
  durationMs: number;
  /** Chunks the manuscript was split into, and requests that got a reply. */
  chunks: number;
  requests: number;
}

export interface LlmReviewSuccess extends LlmReviewRecord {
  ok: true;
  summary: string;
  /** Verified findings, ordered by position in the manuscript. */
  findings: LlmFinding[];
  dropped: DropSummary;
  /** Items that several chunks reported about the same passage or checklist item, kept once. */
  mergedDuplicates: number;
}

export type LlmErrorCode =
  | "config"
  | "timeout"
  | "connection"
  | "http"
  | "malformed-reply"
  | "schema-mismatch"
  | "refusal"
  | "truncated"
  | "aborted"
  | "internal";

export interface LlmReviewFailure extends LlmReviewRecord {
  ok: false;
  /** A sentence the reviewer or operator can act on. */
  error: string;
  errorCode: LlmErrorCode;
  /** HTTP status, for errorCode "http". */
  status?: number;
}

export type LlmReviewResult = LlmReviewSuccess | LlmReviewFailure;

export type ReviewPhase = "deterministic" | "llm" | "verifying" | "done";

/** Progress for a progress bar: `done` of `total` steps of the current phase. */
export interface ReviewProgress {
  phase: ReviewPhase;
  done: number;
  total: number;
}
export type OnProgress = (progress: ReviewProgress) => void;

export function emptyUsage(): TokenUsage {
  return { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
}
