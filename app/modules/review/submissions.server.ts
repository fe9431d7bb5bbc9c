import { and, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { manuscripts } from "../../../db/schema";
import { DomainError } from "../../utils/errors";
import { recordAudit } from "../audit/index.server";
import { fieldErrorsOf, type SessionUser } from "../identity/model";
import { createVersion } from "../manuscripts/versions.server";
import { plainTextOf } from "../manuscripts/model";
import { reanchorSelectors } from "./reanchor";
import { isAuthorOf, loadSubmission, OPEN_STATUSES } from "./access.server";
import { resubmitSchema, submitSchema } from "./model";
import * as q from "./queries.server";

export interface ReviewDeps {
  db: Db;
  now?: () => Date;
}

/** An author sends the current draft, frozen as a named version, to a venue (round 1). */
export async function submitManuscript(deps: ReviewDeps, actor: SessionUser, manuscriptId: string, raw: unknown) {
  const parsed = submitSchema.safeParse(raw);
  if (!parsed.success) throw new DomainError("VALIDATION", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  const manuscript = /^[0-9a-f-]{36}$/i.test(manuscriptId) ? await deps.db.query.manuscripts.findFirst({ where: eq(manuscripts.id, manuscriptId), with: { authors: true } }) : undefined;
  if (!manuscript || !manuscript.authors.some((a) => a.userId === actor.id && a.status === "accepted")) throw new DomainError("NOT_FOUND", "No such manuscript.");
  if (manuscript.authors.some((a) => a.status === "invited")) {
    throw new DomainError("INVALID_TRANSITION", "Every invited co-author must accept or decline before the manuscript is submitted.");
  }
  const venue = await q.getVenue(deps.db, parsed.data.venueId);
  if (!venue) throw new DomainError("VALIDATION", "Check the highlighted fields.", { venueId: "Choose a venue from the list." });
  if (await q.activeSubmissionOf(deps.db, manuscript.id)) throw new DomainError("INVALID_TRANSITION", "This manuscript is already under consideration.");

  const version = await createVersion(deps, actor, manuscript.id, { name: `Submitted to ${venue.name}` });
  if (plainTextOf(version.content).trim().length === 0) throw new DomainError("INVALID_TRANSITION", "Write the manuscript before submitting it: the text is empty.");
  return deps.db.transaction(async (tx) => {
    const [submission] = await tx.insert(q.submissions).values({ manuscriptId: manuscript.id, venueId: venue.id, submittedBy: actor.id }).returning();
    await tx.insert(q.submissionRounds).values({ submissionId: submission.id, round: 1, versionId: version.id, coverLetter: parsed.data.coverLetter });
    await tx.update(manuscripts).set({ status: "submitted" }).where(eq(manuscripts.id, manuscript.id));
    await recordAudit(tx, { actorId: actor.id, action: "submission.created", subjectType: "submission", subjectId: submission.id, data: { version: version.number, contentHash: version.contentHash, venue: venue.name } });
    await q.notify(tx, venue.editors.map((e) => e.userId), `New submission: ${manuscript.title}`, `/submissions/${submission.id}`);
    return submission;
  });
}

/** After a revision decision the authors resubmit the revised draft: a new round, annotations re-anchored on it. */
export async function resubmit(deps: ReviewDeps, actor: SessionUser, submissionId: string, raw: unknown) {
  const submission = await loadSubmission(deps.db, submissionId);
  if (!isAuthorOf(submission, actor)) throw new DomainError("NOT_FOUND", "No such submission.");
  if (submission.status !== "revision_requested") throw new DomainError("INVALID_TRANSITION", "Only a submission with a revision decision can be resubmitted.");
  const parsed = resubmitSchema.safeParse(raw);
  if (!parsed.success) throw new DomainError("VALIDATION", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  const round = submission.currentRound + 1;
  const version = await createVersion(deps, actor, submission.manuscriptId, { name: `Revision for ${submission.venue.name} (round ${round})` });
  const newText = plainTextOf(version.content);
  const existing = await q.annotationsOf(deps.db, submission.id);
  const versionTexts = new Map(submission.rounds.map((r) => [r.versionId, plainTextOf(r.version.content)]));
  return deps.db.transaction(async (tx) => {
    await tx.insert(q.submissionRounds).values({ submissionId: submission.id, round, versionId: version.id, coverLetter: parsed.data.coverLetter });
    await tx.update(q.submissions).set({ currentRound: round, status: "submitted" }).where(eq(q.submissions.id, submission.id));
    await tx.update(manuscripts).set({ status: "submitted" }).where(eq(manuscripts.id, submission.manuscriptId));
    const outcome = { exact: 0, moved: 0, fuzzy: 0, orphan: 0 };
    for (const annotation of existing) {
      const anchor = reanchorSelectors(annotation.selectors, newText, round, versionTexts.get(annotation.versionId));
      outcome[anchor.status] += 1;
      await tx.update(q.annotations).set({ anchor }).where(eq(q.annotations.id, annotation.id));
    }
    await recordAudit(tx, { actorId: actor.id, action: "submission.resubmitted", subjectType: "submission", subjectId: submission.id, data: { round, version: version.number, reanchored: outcome } });
    await q.notify(tx, submission.venue.editors.map((e) => e.userId), `Revised manuscript (round ${round}): ${submission.manuscript.title}`, `/submissions/${submission.id}`);
    return { round, outcome };
  });
}

/** Authors withdraw a submission that has no final decision. */
export async function withdraw(deps: ReviewDeps, actor: SessionUser, submissionId: string) {
  const submission = await loadSubmission(deps.db, submissionId);
  if (!isAuthorOf(submission, actor)) throw new DomainError("NOT_FOUND", "No such submission.");
  if (!(OPEN_STATUSES as readonly string[]).includes(submission.status)) throw new DomainError("INVALID_TRANSITION", "A decided submission cannot be withdrawn.");
  await deps.db.transaction(async (tx) => {
    await tx.update(q.submissions).set({ status: "withdrawn" }).where(eq(q.submissions.id, submission.id));
    await tx.update(q.reviewAssignments).set({ status: "cancelled" }).where(and(eq(q.reviewAssignments.submissionId, submission.id), eq(q.reviewAssignments.status, "invited")));
    await tx.update(manuscripts).set({ status: "draft" }).where(eq(manuscripts.id, submission.manuscriptId));
    await recordAudit(tx, { actorId: actor.id, action: "submission.withdrawn", subjectType: "submission", subjectId: submission.id });
  });
}
