import type { Db } from "../../../db/client";
import { DomainError } from "../../utils/errors";
import type { SessionUser } from "../identity/model";
import * as q from "./queries.server";

export type LoadedSubmission = NonNullable<Awaited<ReturnType<typeof q.getSubmission>>>;

export async function loadSubmission(db: Db, id: string): Promise<LoadedSubmission> {
  const submission = /^[0-9a-f-]{36}$/i.test(id) ? await q.getSubmission(db, id) : undefined;
  if (!submission) throw new DomainError("NOT_FOUND", "No such submission.");
  return submission;
}

export function isEditorOf(submission: LoadedSubmission, user: SessionUser) {
  return user.roles.includes("editor") && submission.venue.editors.some((e) => e.userId === user.id);
}

export function isAuthorOf(submission: LoadedSubmission, user: SessionUser) {
  return submission.manuscript.authors.some((a) => a.userId === user.id && a.status === "accepted");
}

/** The reviewer's live assignment on this submission (accepted or submitted, any round), newest first. */
export function assignmentOf(submission: LoadedSubmission, user: SessionUser) {
  return [...submission.assignments]
    .filter((a) => a.reviewerId === user.id && a.status !== "cancelled" && a.status !== "declined")
    .sort((a, b) => b.round - a.round)[0];
}

export function requireEditor(submission: LoadedSubmission, user: SessionUser) {
  if (!isEditorOf(submission, user)) throw new DomainError("NOT_FOUND", "No such submission.");
}

export function currentRound(submission: LoadedSubmission) {
  const round = submission.rounds.find((r) => r.round === submission.currentRound);
  if (!round) throw new Error(`submission ${submission.id} has no round ${submission.currentRound}`);
  return round;
}

/** Reviewers are numbered by the order they were first invited: "Reviewer 1", "Reviewer 2". */
export function reviewerNumbers(submission: LoadedSubmission): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const a of submission.assignments) if (!numbers.has(a.reviewerId)) numbers.set(a.reviewerId, numbers.size + 1);
  return numbers;
}

export const OPEN_STATUSES = ["submitted", "under_review", "revision_requested"] as const;
