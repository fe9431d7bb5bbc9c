import { eq } from "drizzle-orm";
import { DomainError } from "../../utils/errors";
import { recordAudit } from "../audit/index.server";
import { fieldErrorsOf, type SessionUser } from "../identity/model";
import { plainTextOf } from "../manuscripts/model";
import { selectorsFor } from "./anchoring/selectors";
import { assignmentOf, currentRound, isAuthorOf, isEditorOf, loadSubmission } from "./access.server";
import { annotationSchema, replySchema } from "./model";
import * as q from "./queries.server";
import type { ReviewDeps } from "./submissions.server";

/** A reviewer with an accepted assignment for the current round annotates a selected range of the submitted version. */
export async function addAnnotation(deps: ReviewDeps, actor: SessionUser, submissionId: string, raw: unknown) {
  const submission = await loadSubmission(deps.db, submissionId);
  const assignment = assignmentOf(submission, actor);
  if (!assignment) throw new DomainError("NOT_FOUND", "No such submission.");
  if (assignment.round !== submission.currentRound || assignment.status !== "accepted") {
    throw new DomainError("INVALID_TRANSITION", assignment.status === "submitted" ? "Your review is submitted; annotations are closed." : "Accept the invitation for this round first.");
  }
  if (submission.status === "withdrawn") throw new DomainError("INVALID_TRANSITION", "The authors withdrew this submission.");
  const parsed = annotationSchema.safeParse(raw);
  if (!parsed.success) throw new DomainError("VALIDATION", parsed.error.issues[0]?.message ?? "Check the note.", fieldErrorsOf(parsed.error));
  const round = currentRound(submission);
  const text = plainTextOf(round.version.content);
  if (parsed.data.end > text.length) throw new DomainError("VALIDATION", "The selection is outside the manuscript text.");
  const selectors = selectorsFor(text, parsed.data.start, parsed.data.end);
  return deps.db.transaction(async (tx) => {
    const [annotation] = await tx
      .insert(q.annotations)
      .values({
        submissionId: submission.id,
        round: round.round,
        versionId: round.versionId,
        authorId: actor.id,
        kind: parsed.data.kind,
        body: parsed.data.body,
        suggestion: parsed.data.suggestion,
        machineMade: parsed.data.machineMade,
        selectors,
        anchor: { round: round.round, status: "exact", start: selectors.position.start, end: selectors.position.end, exact: selectors.quote.exact },
      })
      .returning();
    await recordAudit(tx, { actorId: actor.id, action: "annotation.created", subjectType: "submission", subjectId: submission.id, data: { annotationId: annotation.id, kind: annotation.kind } });
    return annotation;
  });
}

async function annotationContext(deps: ReviewDeps, actor: SessionUser, annotationId: string) {
  const annotation = /^[0-9a-f-]{36}$/i.test(annotationId) ? await q.getAnnotation(deps.db, annotationId) : undefined;
  if (!annotation) throw new DomainError("NOT_FOUND", "No such annotation.");
  const submission = await loadSubmission(deps.db, annotation.submissionId);
  const role = annotation.authorId === actor.id ? "reviewer" : isEditorOf(submission, actor) ? "editor" : isAuthorOf(submission, actor) && submission.status !== "submitted" ? "author" : null;
  // Authors see reviewer notes once a decision has been sent to them (not while the review is running).
  if (!role || (role === "author" && !submission.rounds.some((r) => r.decision))) throw new DomainError("NOT_FOUND", "No such annotation.");
  return { annotation, submission, role };
}

/** A reply in the annotation's thread; an author's reply is their response to the reviewer. */
export async function replyToAnnotation(deps: ReviewDeps, actor: SessionUser, annotationId: string, raw: unknown) {
  const { annotation, submission, role } = await annotationContext(deps, actor, annotationId);
  const parsed = replySchema.safeParse(raw);
  if (!parsed.success) throw new DomainError("VALIDATION", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  if (submission.status === "withdrawn") throw new DomainError("INVALID_TRANSITION", "The authors withdrew this submission.");
  await deps.db.transaction(async (tx) => {
    await tx.insert(q.annotationReplies).values({ annotationId: annotation.id, authorId: actor.id, body: parsed.data.body, isResponse: role === "author" });
    await recordAudit(tx, { actorId: actor.id, action: role === "author" ? "annotation.answered" : "annotation.replied", subjectType: "submission", subjectId: submission.id, data: { annotationId } });
  });
}

/** The annotation's reviewer or the editor marks it resolved (or opens it again). */
export async function setResolved(deps: ReviewDeps, actor: SessionUser, annotationId: string, resolved: boolean) {
  const { annotation, submission, role } = await annotationContext(deps, actor, annotationId);
  if (role === "author") throw new DomainError("FORBIDDEN", "Only the reviewer who wrote it, or the editor, can resolve an annotation.");
  await deps.db.transaction(async (tx) => {
    await tx.update(q.annotations).set({ resolved }).where(eq(q.annotations.id, annotation.id));
    await recordAudit(tx, { actorId: actor.id, action: resolved ? "annotation.resolved" : "annotation.reopened", subjectType: "submission", subjectId: submission.id, data: { annotationId } });
  });
}
