import { and, desc, eq, gte, inArray, ne } from "drizzle-orm";
import type { Db } from "../../../db/client";
import {
  annotationReplies,
  annotations,
  institutionMemberships,
  manuscriptAuthors,
  manuscripts,
  notifications,
  reviewAssignments,
  reviews,
  submissionRounds,
  submissions,
  userRoles,
  users,
  venueEditors,
  venues,
} from "../../../db/schema";
import type { Tx } from "../identity/queries.server";

export type Executor = Db | Tx;

export function listVenues(db: Executor) {
  return db.query.venues.findMany({ with: { editors: true }, orderBy: (v, { asc }) => [asc(v.name)] });
}

export function getVenue(db: Executor, id: string) {
  return db.query.venues.findFirst({ where: eq(venues.id, id), with: { editors: true } });
}

export async function isVenueEditor(db: Executor, venueId: string, userId: string) {
  return Boolean(await db.query.venueEditors.findFirst({ where: and(eq(venueEditors.venueId, venueId), eq(venueEditors.userId, userId)) }));
}

export function getSubmission(db: Executor, id: string) {
  return db.query.submissions.findFirst({
    where: eq(submissions.id, id),
    with: {
      venue: { with: { editors: true } },
      manuscript: { with: { authors: { with: { user: { columns: { id: true, name: true, orcid: true } } } } } },
      rounds: { with: { version: true }, orderBy: (r, { asc }) => [asc(r.round)] },
      assignments: { with: { reviewer: { columns: { id: true, name: true } }, review: true }, orderBy: (a, { asc }) => [asc(a.createdAt)] },
    },
  });
}

export function activeSubmissionOf(db: Executor, manuscriptId: string) {
  return db.query.submissions.findFirst({
    where: and(eq(submissions.manuscriptId, manuscriptId), inArray(submissions.status, ["submitted", "under_review", "revision_requested", "accepted"])),
    orderBy: [desc(submissions.createdAt)],
  });
}

export function submissionsOfManuscript(db: Executor, manuscriptId: string) {
  return db.query.submissions.findMany({ where: eq(submissions.manuscriptId, manuscriptId), with: { venue: true }, orderBy: [desc(submissions.createdAt)] });
}

export async function editorQueue(db: Executor, editorId: string) {
  const venueIds = (await db.select({ id: venueEditors.venueId }).from(venueEditors).where(eq(venueEditors.userId, editorId))).map((r) => r.id);
  if (venueIds.length === 0) return [];
  return db.query.submissions.findMany({
    where: inArray(submissions.venueId, venueIds),
    with: { venue: true, manuscript: { columns: { id: true, title: true, articleType: true } }, assignments: true },
    orderBy: [desc(submissions.updatedAt)],
  });
}

export function assignmentsOfReviewer(db: Executor, reviewerId: string) {
  return db.query.reviewAssignments.findMany({
    where: and(eq(reviewAssignments.reviewerId, reviewerId), ne(reviewAssignments.status, "cancelled")),
    with: { submission: { with: { manuscript: { columns: { id: true, title: true } }, venue: true } } },
    orderBy: [desc(reviewAssignments.createdAt)],
  });
}

export function getAssignment(db: Executor, id: string) {
  return db.query.reviewAssignments.findFirst({ where: eq(reviewAssignments.id, id), with: { review: true } });
}

export function annotationsOf(db: Executor, submissionId: string) {
  return db.query.annotations.findMany({
    where: eq(annotations.submissionId, submissionId),
    with: { author: { columns: { id: true, name: true } }, replies: { with: { author: { columns: { id: true, name: true } } }, orderBy: (r, { asc }) => [asc(r.createdAt)] } },
    orderBy: (a, { asc }) => [asc(a.createdAt)],
  });
}

export function getAnnotation(db: Executor, id: string) {
  return db.query.annotations.findFirst({ where: eq(annotations.id, id) });
}

export { annotationReplies, annotations, reviewAssignments, reviews, submissionRounds, submissions, notifications };

/** People with the reviewer role, with their verified institutions and their manuscripts' keywords and co-authors. */
export async function reviewerCandidates(db: Executor) {
  const reviewerIds = (await db.select({ id: userRoles.userId }).from(userRoles).where(eq(userRoles.role, "reviewer"))).map((r) => r.id);
  if (reviewerIds.length === 0) return [];
  return db.query.users.findMany({
    where: inArray(users.id, reviewerIds),
    columns: { id: true, name: true },
    with: {
      memberships: { where: eq(institutionMemberships.status, "verified"), with: { institution: { columns: { id: true, name: true } } } },
      authorships: { where: eq(manuscriptAuthors.status, "accepted"), with: { manuscript: { columns: { id: true, title: true, keywords: true, createdAt: true } } } },
    },
  });
}

/** Manuscripts (created since `since`) each person co-authored, keyed by user id. */
export async function coAuthorshipsSince(db: Executor, userIds: string[], since: Date) {
  if (userIds.length === 0) return new Map<string, Set<string>>();
  const rows = await db
    .select({ userId: manuscriptAuthors.userId, manuscriptId: manuscriptAuthors.manuscriptId })
    .from(manuscriptAuthors)
    .innerJoin(manuscripts, eq(manuscripts.id, manuscriptAuthors.manuscriptId))
    .where(and(inArray(manuscriptAuthors.userId, userIds), eq(manuscriptAuthors.status, "accepted"), gte(manuscripts.createdAt, since)));
  const byUser = new Map<string, Set<string>>();
  for (const row of rows) {
    if (!byUser.has(row.userId)) byUser.set(row.userId, new Set());
    byUser.get(row.userId)!.add(row.manuscriptId);
  }
  return byUser;
}

export async function verifiedInstitutionsOf(db: Executor, userIds: string[]) {
  if (userIds.length === 0) return [];
  return db.query.institutionMemberships.findMany({
    where: and(inArray(institutionMemberships.userId, userIds), eq(institutionMemberships.status, "verified")),
    with: { institution: { columns: { id: true, name: true } } },
  });
}

export async function notify(db: Executor, userIds: string[], message: string, link: string) {
  if (userIds.length === 0) return;
  await db.insert(notifications).values(userIds.map((userId) => ({ userId, message, link })));
}

export function unreadNotifications(db: Executor, userId: string) {
  return db.query.notifications.findMany({ where: (n, { and: all, eq: equals, isNull }) => all(equals(n.userId, userId), isNull(n.readAt)), orderBy: (n, { desc: d }) => [d(n.createdAt)], limit: 20 });
}
