// The review-assist use case a route calls: the deterministic checks always, the LLM review when it is configured.
// The LLM part cannot take the deterministic results down with it: its failures come back as { ok: false, error }.
import { type DeterministicChecks, runDeterministicChecks } from "../index";
import type { ManuscriptText } from "../model";
import type { LlmConfigInput, LlmReviewResult, OnProgress } from "./model";
import { runLlmReview } from "./review-llm.server";

export interface ReviewAssistInput {
  manuscript: ManuscriptText;
  /** The LLM endpoint; null or absent when none is configured (then `llm` is null in the result). */
  llm?: LlmConfigInput | null;
  onProgress?: OnProgress;
  signal?: AbortSignal;
}

export interface ReviewAssistResult {
  deterministic: DeterministicChecks;
  /** Verified LLM findings, or the error that stopped the LLM review; null when no LLM is configured. */
  llm: LlmReviewResult | null;
}

export async function runReviewAssist(input: ReviewAssistInput): Promise<ReviewAssistResult> {
  const { manuscript, onProgress } = input;
  onProgress?.({ phase: "deterministic", done: 0, total: 1 });
  const deterministic = runDeterministicChecks(manuscript);
  onProgress?.({ phase: "deterministic", done: 1, total: 1 });
  const llm = input.llm ? await runLlmReview(manuscript, input.llm, { onProgress, signal: input.signal }) : null;
  onProgress?.({ phase: "done", done: 1, total: 1 });
  return { deterministic, llm };
}
