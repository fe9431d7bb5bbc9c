import type { ArticleType as ReviewAssistArticleType } from "../review-assist/model";
import { manuscriptFromProseMirror, type ProseMirrorNode } from "../review-assist/model";
import { runReviewAssist, type LlmConfigInput, type ReviewProgress } from "../review-assist/llm/index.server";
import { DomainError } from "../../utils/errors";
import type { SessionUser } from "../identity/model";
import { plainTextOf } from "../manuscripts/model";
import { reanchor } from "./anchoring/reanchor";
import { assignmentOf, currentRound, isEditorOf, loadSubmission } from "./access.server";
import type { ReviewDeps } from "./submissions.server";

export interface CheckFinding {
  id: string;
  engine: string;
  severity: "info" | "warning" | "error";
  code: string;
  message: string;
  quote: string;
  /** Offsets in the version's plain text (the annotations' coordinates). */
  start: number;
  end: number;
}

const REVIEW_ASSIST_TYPES: readonly string[] = ["original-research", "case-report", "randomised-trial", "observational-study", "systematic-review", "review", "editorial"];

/**
 * Runs the review-assist checks on the submission's current version for its editor or an assigned reviewer:
 * the deterministic engines always, the LLM when configured. Every finding is placed on the version's text.
 */
export async function runSubmissionChecks(
  deps: ReviewDeps,
  actor: SessionUser,
  submissionId: string,
  options: { llm: LlmConfigInput | null; onProgress?: (progress: ReviewProgress) => void; signal?: AbortSignal },
) {
  const submission = await loadSubmission(deps.db, submissionId);
  const assignment = assignmentOf(submission, actor);
  if (!isEditorOf(submission, actor) && !(assignment && assignment.status !== "invited")) throw new DomainError("NOT_FOUND", "No such submission.");
  const round = currentRound(submission);
  const content = round.version.content as unknown as ProseMirrorNode;
  const articleType = (REVIEW_ASSIST_TYPES.includes(submission.manuscript.articleType) ? submission.manuscript.articleType : "original-research") as ReviewAssistArticleType;
  const result = await runReviewAssist({ manuscript: manuscriptFromProseMirror(content, articleType), llm: options.llm, onProgress: options.onProgress, signal: options.signal });
  const text = plainTextOf(round.version.content);

  let unplaced = 0;
  const place = (engine: string, f: { severity: CheckFinding["severity"]; code: string; message: string; quote: { exact: string; prefix: string; suffix: string; start: number; end: number } }, index: number): CheckFinding[] => {
    const anchored = reanchor({ quote: { exact: f.quote.exact, prefix: f.quote.prefix, suffix: f.quote.suffix }, position: { start: f.quote.start, end: f.quote.end } }, text);
    if (anchored.status === "orphan" || anchored.start === undefined || anchored.end === undefined) {
      unplaced += 1;
      return [];
    }
    return [{ id: `${engine}-${index}`, engine, severity: f.severity, code: f.code, message: f.message, quote: text.slice(anchored.start, anchored.end), start: anchored.start, end: anchored.end }];
  };

  const groups: Record<string, CheckFinding[]> = {};
  for (const [engine, findings] of Object.entries(result.deterministic.findings)) groups[engine] = findings.flatMap((f, i) => place(engine, f, i));
  let llm: { ok: true; summary: string; model: string; promptVersion: string; usage: { totalTokens: number }; dropped: { total: number; byReason: Record<string, number> } } | { ok: false; error: string } | null = null;
  if (result.llm) {
    if (result.llm.ok) {
      groups.llm = result.llm.findings.flatMap((f, i) => place("llm", f, i));
      llm = { ok: true, summary: result.llm.summary, model: result.llm.model, promptVersion: result.llm.promptVersion, usage: { totalTokens: result.llm.usage.totalTokens }, dropped: { total: result.llm.dropped.total, byReason: result.llm.dropped.byReason } };
    } else {
      llm = { ok: false, error: result.llm.error };
    }
  }
  return {
    groups,
    guideline: result.deterministic.guideline
      ? {
          name: `${result.deterministic.guideline.guideline} ${result.deterministic.guideline.version}`,
          items: result.deterministic.guideline.items.map((item) => ({ id: item.id, status: item.status, topic: item.topic, reason: item.reason })),
        }
      : null,
    llm,
    unplaced,
  };
}
export type SubmissionChecks = Awaited<ReturnType<typeof runSubmissionChecks>>;

/** Whether this person may run the checks (the editor, or a reviewer who accepted): answered before streaming. */
export async function mayRunChecks(deps: ReviewDeps, actor: SessionUser, submissionId: string): Promise<boolean> {
  const submission = await loadSubmission(deps.db, submissionId).catch(() => null);
  if (!submission) return false;
  const assignment = assignmentOf(submission, actor);
  return isEditorOf(submission, actor) || Boolean(assignment && assignment.status !== "invited");
}
