import { DomainError } from "../../utils/errors";
import { listAudit } from "../audit/index.server";
import type { SessionUser } from "../identity/model";
import { blocksOf } from "../manuscripts/model";
import { assignmentOf, currentRound, isAuthorOf, isEditorOf, loadSubmission, reviewerNumbers } from "./access.server";
import * as q from "./queries.server";
import type { ReviewDeps } from "./submissions.server";

export type ViewerRole = "editor" | "author" | "reviewer";

/**
 * One submission as this person may see it. Blinding is applied here, once: reviewers never see authors under
 * double-blind review; authors see reviewers as "Reviewer N" (names only for open review with consent); only
 * editors see confidential comments, conflict flags and the audit trail.
 */
export async function submissionView(deps: ReviewDeps, actor: SessionUser, submissionId: string) {
  const submission = await loadSubmission(deps.db, submissionId);
  const role: ViewerRole | null = isEditorOf(submission, actor) ? "editor" : isAuthorOf(submission, actor) ? "author" : assignmentOf(submission, actor) ? "reviewer" : null;
  if (!role) throw new DomainError("NOT_FOUND", "No such submission.");
  const policy = submission.venue.reviewPolicy;
  const numbers = reviewerNumbers(submission);
  const myAssignment = role === "reviewer" ? assignmentOf(submission, actor) : undefined;
  const decided = submission.rounds.some((r) => r.decision);

  const reviewerLabel = (reviewerId: string, name: string, openConsent: boolean) => {
    if (role === "editor" || reviewerId === actor.id) return name;
    if (policy === "open" && openConsent) return name;
    return `Reviewer ${numbers.get(reviewerId) ?? "?"}`;
  };
  const consentOf = new Map(submission.assignments.filter((a) => a.review).map((a) => [a.reviewerId, a.review!.openConsent]));

  const round = currentRound(submission);
  const annotationRows = await q.annotationsOf(deps.db, submission.id);
  const visibleAnnotations = annotationRows.filter((a) => role === "editor" || (role === "reviewer" && a.authorId === actor.id) || (role === "author" && decided));

  const reviews = submission.assignments
    .filter((a) => a.review && (role === "editor" || (role === "author" && submission.rounds.find((r) => r.round === a.round)?.decision) || a.reviewerId === actor.id))
    .map((a) => ({
      round: a.round,
      reviewer: reviewerLabel(a.reviewerId, a.reviewer.name, a.review!.openConsent),
      summary: a.review!.summary,
      strengths: a.review!.strengths,
      weaknesses: a.review!.weaknesses,
      recommendation: a.review!.recommendation,
      scores: a.review!.scores,
      openConsent: a.review!.openConsent,
      confidentialComments: role === "editor" || a.reviewerId === actor.id ? a.review!.confidentialComments : null,
    }));

  const showAuthors = !(role === "reviewer" && policy === "double-blind");
  return {
    role,
    id: submission.id,
    status: submission.status,
    venue: { id: submission.venue.id, name: submission.venue.name, policy },
    manuscript: {
      id: submission.manuscript.id,
      title: submission.manuscript.title,
      articleType: submission.manuscript.articleType,
      abstract: submission.manuscript.abstract,
      keywords: submission.manuscript.keywords,
      authors: showAuthors
        ? submission.manuscript.authors.filter((a) => a.status === "accepted").sort((a, b) => a.position - b.position).map((a) => ({ name: a.user.name, orcid: a.user.orcid }))
        : null,
    },
    currentRound: round.round,
    rounds: submission.rounds.map((r) => ({
      round: r.round,
      versionNumber: r.version.number,
      contentHash: r.version.contentHash,
      coverLetter: role === "reviewer" && policy === "double-blind" ? "" : r.coverLetter,
      decision: role === "reviewer" && !r.decision ? null : r.decision,
      decisionLetter: role === "reviewer" ? null : r.decisionLetter,
      decidedAt: r.decidedAt?.toISOString() ?? null,
    })),
    blocks: blocksOf(round.version.content),
    annotations: visibleAnnotations.map((a) => ({
      id: a.id,
      round: a.round,
      kind: a.kind,
      body: a.body,
      suggestion: a.suggestion,
      quote: a.selectors.quote.exact,
      anchor: a.anchor,
      resolved: a.resolved,
      machineMade: a.machineMade,
      author: reviewerLabel(a.authorId, a.author.name, consentOf.get(a.authorId) ?? false),
      mine: a.authorId === actor.id,
      replies: a.replies.map((r) => ({
        id: r.id,
        body: r.body,
        isResponse: r.isResponse,
        author: r.isResponse ? (showAuthors ? r.author.name : "Authors") : r.authorId === a.authorId ? reviewerLabel(a.authorId, a.author.name, consentOf.get(a.authorId) ?? false) : role === "editor" || r.authorId === actor.id ? r.author.name : "Editor",
      })),
    })),
    reviews,
    myAssignment: myAssignment
      ? { id: myAssignment.id, status: myAssignment.status, round: myAssignment.round, dueAt: myAssignment.dueAt.toISOString(), canAnnotate: myAssignment.status === "accepted" && myAssignment.round === submission.currentRound && submission.status !== "withdrawn" }
      : null,
    assignments:
      role === "editor"
        ? submission.assignments.map((a) => ({
            id: a.id,
            round: a.round,
            reviewer: a.reviewer.name,
            status: a.status,
            dueAt: a.dueAt.toISOString(),
            conflicts: a.conflicts,
            overrideReason: a.overrideReason,
          }))
        : [],
    audit:
      role === "editor"
        ? (await listAudit(deps.db, "submission", submission.id)).map((e) => ({ action: e.action, at: e.createdAt.toISOString(), data: e.data }))
        : [],
  };
}
export type SubmissionView = Awaited<ReturnType<typeof submissionView>>;

/** Dashboard lists: the editor's queue, the reviewer's assignments, the author's submissions. */
export async function reviewOverview(deps: ReviewDeps, actor: SessionUser) {
  const [queue, assignments, notifications] = await Promise.all([
    actor.roles.includes("editor") ? q.editorQueue(deps.db, actor.id) : Promise.resolve([]),
    actor.roles.includes("reviewer") ? q.assignmentsOfReviewer(deps.db, actor.id) : Promise.resolve([]),
    q.unreadNotifications(deps.db, actor.id),
  ]);
  return {
    queue: queue.map((s) => ({
      id: s.id,
      title: s.manuscript.title,
      venue: s.venue.name,
      status: s.status,
      round: s.currentRound,
      reviewsIn: s.assignments.filter((a) => a.round === s.currentRound && a.status === "submitted").length,
      reviewers: s.assignments.filter((a) => a.round === s.currentRound && a.status !== "cancelled" && a.status !== "declined").length,
    })),
    assignments: assignments.map((a) => ({
      id: a.id,
      submissionId: a.submissionId,
      title: a.submission.manuscript.title,
      venue: a.submission.venue.name,
      status: a.status,
      round: a.round,
      dueAt: a.dueAt.toISOString(),
    })),
    notifications: notifications.map((n) => ({ id: n.id, message: n.message, link: n.link, at: n.createdAt.toISOString() })),
  };
}

export async function venuesForSubmission(deps: ReviewDeps) {
  return (await q.listVenues(deps.db)).map((v) => ({ id: v.id, name: v.name, policy: v.reviewPolicy, description: v.description }));
}

export async function submissionsOf(deps: ReviewDeps, manuscriptId: string) {
  return (await q.submissionsOfManuscript(deps.db, manuscriptId)).map((s) => ({ id: s.id, venue: s.venue.name, status: s.status, round: s.currentRound }));
}
