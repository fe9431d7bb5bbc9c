import { and, eq } from "drizzle-orm";
import { DomainError } from "../../utils/errors";
import { recordAudit } from "../audit/index.server";
import { fieldErrorsOf, type SessionUser } from "../identity/model";
import { currentRound, loadSubmission, OPEN_STATUSES, requireEditor, type LoadedSubmission } from "./access.server";
import { conflictsOf, expertiseScore, type ConflictFlag } from "./conflicts";
import { inviteReviewerSchema } from "./model";
import * as q from "./queries.server";
import type { ReviewDeps } from "./submissions.server";

const FIVE_YEARS_MS = 5 * 365.25 * 24 * 3600 * 1000;

export interface ReviewerSuggestion {
  userId: string;
  name: string;
  score: number;
  sharedTerms: string[];
  conflicts: ConflictFlag[];
  alreadyInvited: boolean;
}

async function conflictContext(deps: ReviewDeps, submission: LoadedSubmission, reviewerIds: string[]) {
  const authors = submission.manuscript.authors.filter((a) => a.status === "accepted").map((a) => ({ id: a.userId, name: a.user.name }));
  const people = [...new Set([...reviewerIds, ...authors.map((a) => a.id)])];
  const now = (deps.now ?? (() => new Date()))();
  const recentManuscripts = await q.coAuthorshipsSince(deps.db, people, new Date(now.getTime() - FIVE_YEARS_MS));
  const institutions = new Map<string, Array<{ id: string; name: string }>>();
  for (const m of await q.verifiedInstitutionsOf(deps.db, people)) {
    if (!institutions.has(m.userId)) institutions.set(m.userId, []);
    institutions.get(m.userId)!.push(m.institution);
  }
  return (reviewerId: string) => conflictsOf({ reviewerId, authors, recentManuscripts, manuscriptId: submission.manuscriptId, institutions });
}

/** Reviewers ranked by expertise (their own manuscripts' keywords and titles), each with conflict-of-interest flags. */
export async function suggestReviewers(deps: ReviewDeps, actor: SessionUser, submissionId: string): Promise<ReviewerSuggestion[]> {
  const submission = await loadSubmission(deps.db, submissionId);
  requireEditor(submission, actor);
  const candidates = await q.reviewerCandidates(deps.db);
  const flagsFor = await conflictContext(deps, submission, candidates.map((c) => c.id));
  const invited = new Set(submission.assignments.filter((a) => a.round === submission.currentRound && a.status !== "cancelled").map((a) => a.reviewerId));
  return candidates
    .map((c) => {
      const work = c.authorships.filter((a) => a.manuscript.id !== submission.manuscriptId).map((a) => ({ title: a.manuscript.title, keywords: a.manuscript.keywords }));
      const { score, shared } = expertiseScore({ title: submission.manuscript.title, keywords: submission.manuscript.keywords }, work);
      return { userId: c.id, name: c.name, score, sharedTerms: shared, conflicts: flagsFor(c.id), alreadyInvited: invited.has(c.id) };
    })
    .sort((a, b) => Number(a.conflicts.length > 0) - Number(b.conflicts.length > 0) || b.score - a.score || a.name.localeCompare(b.name));
}

/** The editor invites a reviewer for the current round; a flagged conflict needs a recorded reason. */
export async function inviteReviewer(deps: ReviewDeps, actor: SessionUser, submissionId: string, raw: unknown) {
  const submission = await loadSubmission(deps.db, submissionId);
  requireEditor(submission, actor);
  if (!(OPEN_STATUSES as readonly string[]).includes(submission.status) || submission.status === "revision_requested") {
    throw new DomainError("INVALID_TRANSITION", "Reviewers can be invited only while the submission is being considered.");
  }
  const parsed = inviteReviewerSchema.safeParse(raw);
  if (!parsed.success) throw new DomainError("VALIDATION", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  const { reviewerId, dueInDays, overrideReason } = parsed.data;
  const candidates = await q.reviewerCandidates(deps.db);
  const reviewer = candidates.find((c) => c.id === reviewerId);
  if (!reviewer) throw new DomainError("VALIDATION", "Check the highlighted fields.", { reviewerId: "Choose someone with the reviewer role." });
  const conflicts = (await conflictContext(deps, submission, [reviewerId]))(reviewerId);
  if (conflicts.some((c) => c.kind === "manuscript-author")) throw new DomainError("VALIDATION", "Authors cannot review their own manuscript.", { reviewerId: "This person is an author of the manuscript." });
  if (conflicts.length > 0 && !overrideReason) {
    throw new DomainError("VALIDATION", "This reviewer has a conflict of interest.", {
      overrideReason: `Conflict: ${reviewer.name} ${conflicts.map((c) => c.detail).join("; ")}. Give a reason to invite them anyway.`,
    });
  }
  if (submission.assignments.some((a) => a.reviewerId === reviewerId && a.round === submission.currentRound && a.status !== "cancelled")) {
    throw new DomainError("CONFLICT", `${reviewer.name} is already invited for this round.`);
  }
  const now = (deps.now ?? (() => new Date()))();
  const round = currentRound(submission);
  return deps.db.transaction(async (tx) => {
    const [assignment] = await tx
      .insert(q.reviewAssignments)
      .values({ submissionId: submission.id, round: round.round, reviewerId, dueAt: new Date(now.getTime() + dueInDays * 86_400_000), invitedBy: actor.id, conflicts, overrideReason: conflicts.length ? overrideReason : null })
      .returning();
    if (submission.status === "submitted") await tx.update(q.submissions).set({ status: "under_review" }).where(eq(q.submissions.id, submission.id));
    await recordAudit(tx, {
      actorId: actor.id,
      action: "review.invited",
      subjectType: "submission",
      subjectId: submission.id,
      data: { reviewerId, round: round.round, dueInDays, conflicts, overrideReason: conflicts.length ? overrideReason : null },
    });
    await q.notify(tx, [reviewerId], `You are invited to review “${submission.manuscript.title}” (due in ${dueInDays} days)`, `/reviews/${assignment.id}`);
    return assignment;
  });
}

/** The reviewer accepts or declines an invitation. */
export async function respondToInvitation(deps: ReviewDeps, actor: SessionUser, assignmentId: string, accept: boolean) {
  const assignment = /^[0-9a-f-]{36}$/i.test(assignmentId) ? await q.getAssignment(deps.db, assignmentId) : undefined;
  if (!assignment || assignment.reviewerId !== actor.id) throw new DomainError("NOT_FOUND", "No such review invitation.");
  if (assignment.status !== "invited") throw new DomainError("INVALID_TRANSITION", `This invitation was already ${assignment.status}.`);
  const submission = await loadSubmission(deps.db, assignment.submissionId);
  if (submission.status === "withdrawn") throw new DomainError("INVALID_TRANSITION", "The authors withdrew this submission.");
  await deps.db.transaction(async (tx) => {
    await tx
      .update(q.reviewAssignments)
      .set({ status: accept ? "accepted" : "declined", respondedAt: new Date() })
      .where(and(eq(q.reviewAssignments.id, assignment.id), eq(q.reviewAssignments.status, "invited")));
    await recordAudit(tx, { actorId: actor.id, action: accept ? "review.accepted" : "review.declined", subjectType: "submission", subjectId: submission.id, data: { assignmentId } });
    await q.notify(tx, submission.venue.editors.map((e) => e.userId), `${actor.name} ${accept ? "accepted" : "declined"} to review “${submission.manuscript.title}”`, `/submissions/${submission.id}`);
  });
}
