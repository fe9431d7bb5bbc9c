import { eq } from "drizzle-orm";
import { manuscripts } from "../../../db/schema";
import { DomainError } from "../../utils/errors";
import { recordAudit } from "../audit/index.server";
import { fieldErrorsOf, type SessionUser } from "../identity/model";
import { assignmentOf, currentRound, loadSubmission, OPEN_STATUSES, requireEditor } from "./access.server";
import { decisionSchema, reviewFormSchema, type SubmissionStatus } from "./model";
import * as q from "./queries.server";
import type { ReviewDeps } from "./submissions.server";

/** The reviewer submits the structured review for the current round. */
export async function submitReview(deps: ReviewDeps, actor: SessionUser, submissionId: string, raw: unknown) {
  const submission = await loadSubmission(deps.db, submissionId);
  const assignment = assignmentOf(submission, actor);
  if (!assignment) throw new DomainError("NOT_FOUND", "No such submission.");
  if (submission.status === "withdrawn") throw new DomainError("INVALID_TRANSITION", "The authors withdrew this submission; there is nothing to review.");
  if (assignment.round !== submission.currentRound || assignment.status !== "accepted") {
    throw new DomainError("INVALID_TRANSITION", assignment.status === "submitted" ? "You have already submitted this review." : "Accept the invitation first.");
  }
  const parsed = reviewFormSchema.safeParse(raw);
  if (!parsed.success) throw new DomainError("VALIDATION", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  const { originality, rigour, clarity, ...review } = parsed.data;
  await deps.db.transaction(async (tx) => {
    await tx.insert(q.reviews).values({ assignmentId: assignment.id, ...review, scores: { originality, rigour, clarity } });
    await tx.update(q.reviewAssignments).set({ status: "submitted" }).where(eq(q.reviewAssignments.id, assignment.id));
    await recordAudit(tx, { actorId: actor.id, action: "review.submitted", subjectType: "submission", subjectId: submission.id, data: { round: assignment.round, recommendation: review.recommendation } });
    await q.notify(tx, submission.venue.editors.map((e) => e.userId), `A review of “${submission.manuscript.title}” was submitted`, `/submissions/${submission.id}`);
  });
}

/**
 * The editor decides the current round with a letter. Without any submitted review only a rejection is possible
 * (a desk rejection); revisions reopen the draft for the authors.
 */
export async function decide(deps: ReviewDeps, actor: SessionUser, submissionId: string, raw: unknown) {
  const submission = await loadSubmission(deps.db, submissionId);
  requireEditor(submission, actor);
  if (!(OPEN_STATUSES as readonly string[]).includes(submission.status) || submission.status === "revision_requested") {
    throw new DomainError("INVALID_TRANSITION", `A ${submission.status.replace("_", " ")} submission cannot be decided now.`);
  }
  const parsed = decisionSchema.safeParse(raw);
  if (!parsed.success) throw new DomainError("VALIDATION", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  const round = currentRound(submission);
  // A revised manuscript may be decided on the earlier rounds' reviews; a first round needs at least one review.
  const reviewsSoFar = submission.assignments.filter((a) => a.round <= round.round && a.status === "submitted").length;
  const desk = reviewsSoFar === 0;
  if (desk && parsed.data.decision !== "reject") {
    throw new DomainError("INVALID_TRANSITION", "No review has been submitted yet: wait for the reviews, or desk-reject.");
  }
  const status: SubmissionStatus = parsed.data.decision === "accept" ? "accepted" : parsed.data.decision === "reject" ? (desk ? "desk_rejected" : "rejected") : "revision_requested";
  const manuscriptStatus: "accepted" | "revision" | "rejected" = status === "accepted" ? "accepted" : status === "revision_requested" ? "revision" : "rejected";
  await deps.db.transaction(async (tx) => {
    await tx
      .update(q.submissionRounds)
      .set({ decision: parsed.data.decision, decisionLetter: parsed.data.letter, decidedBy: actor.id, decidedAt: new Date() })
      .where(eq(q.submissionRounds.id, round.id));
    await tx.update(q.submissions).set({ status }).where(eq(q.submissions.id, submission.id));
    await tx.update(manuscripts).set({ status: manuscriptStatus }).where(eq(manuscripts.id, submission.manuscriptId));
    await recordAudit(tx, { actorId: actor.id, action: "submission.decided", subjectType: "submission", subjectId: submission.id, data: { round: round.round, decision: parsed.data.decision, desk } });
    await q.notify(
      tx,
      submission.manuscript.authors.filter((a) => a.status === "accepted").map((a) => a.userId),
      `Decision on “${submission.manuscript.title}”: ${parsed.data.decision}`,
      `/submissions/${submission.id}`,
    );
  });
  return { status };
}
