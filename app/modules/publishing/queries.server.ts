// The only file of the publishing module that touches the database. Explicit selects; no relational queries.
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import {
  articleContentKeys,
  articleLicences,
  articles,
  articleShares,
  annotationReplies,
  annotations,
  earningWithdrawals,
  institutionMemberships,
  institutions,
  manuscriptAuthors,
  manuscripts,
  manuscriptVersions,
  reviewAssignments,
  reviews,
  submissionRounds,
  submissions,
  userWallets,
  users,
  venueEditors,
  venues,
  type Article,
  type ArticleShare,
  type PublishStepName,
  type PublishStepState,
} from "../../../db/schema";
import type { Tx } from "../identity/queries.server";

export type Executor = Db | Tx;

/** The submission with what a publication needs: its venue, the accepted round's version, the manuscript. */
export async function acceptedSubmission(db: Executor, submissionId: string) {
  const [row] = await db
    .select({
      id: submissions.id,
      status: submissions.status,
      manuscriptId: submissions.manuscriptId,
      venueId: submissions.venueId,
      venueName: venues.name,
      reviewerShareBps: venues.reviewerShareBps,
      title: manuscripts.title,
      abstract: manuscripts.abstract,
      keywords: manuscripts.keywords,
      articleType: manuscripts.articleType,
      versionId: submissionRounds.versionId,
      contentHash: manuscriptVersions.contentHash,
    })
    .from(submissions)
    .innerJoin(venues, eq(venues.id, submissions.venueId))
    .innerJoin(manuscripts, eq(manuscripts.id, submissions.manuscriptId))
    .innerJoin(submissionRounds, and(eq(submissionRounds.submissionId, submissions.id), eq(submissionRounds.round, submissions.currentRound)))
    .innerJoin(manuscriptVersions, eq(manuscriptVersions.id, submissionRounds.versionId))
    .where(eq(submissions.id, submissionId));
  return row;
}

export async function isVenueEditor(db: Executor, venueId: string, userId: string) {
  const rows = await db.select({ userId: venueEditors.userId }).from(venueEditors).where(and(eq(venueEditors.venueId, venueId), eq(venueEditors.userId, userId)));
  return rows.length > 0;
}

/** Accepted authors in byline order, with ORCID. */
export function authorsOf(db: Executor, manuscriptId: string) {
  return db
    .select({ userId: manuscriptAuthors.userId, name: users.name, orcid: users.orcid, position: manuscriptAuthors.position, isCorresponding: manuscriptAuthors.isCorresponding })
    .from(manuscriptAuthors)
    .innerJoin(users, eq(users.id, manuscriptAuthors.userId))
    .where(and(eq(manuscriptAuthors.manuscriptId, manuscriptId), eq(manuscriptAuthors.status, "accepted")))
    .orderBy(asc(manuscriptAuthors.position));
}

/** Reviewers who submitted a review of the submission, in any round. */
export async function submittedReviewerIds(db: Executor, submissionId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ reviewerId: reviewAssignments.reviewerId })
    .from(reviewAssignments)
    .where(and(eq(reviewAssignments.submissionId, submissionId), eq(reviewAssignments.status, "submitted")));
  return rows.map((r) => r.reviewerId).sort();
}

export async function versionContent(db: Executor, versionId: string) {
  const [row] = await db.select({ content: manuscriptVersions.content, contentHash: manuscriptVersions.contentHash }).from(manuscriptVersions).where(eq(manuscriptVersions.id, versionId));
  return row;
}

export async function insertArticle(db: Executor, values: typeof articles.$inferInsert) {
  const [row] = await db.insert(articles).values(values).onConflictDoNothing({ target: articles.submissionId }).returning();
  return row;
}

export async function articleBySubmission(db: Executor, submissionId: string) {
  const [row] = await db.select().from(articles).where(eq(articles.submissionId, submissionId));
  return row;
}

export async function articleById(db: Executor, id: string) {
  const [row] = await db.select().from(articles).where(eq(articles.id, id));
  return row;
}

export async function articleBySlug(db: Executor, slug: string) {
  const [row] = await db.select().from(articles).where(eq(articles.slug, slug));
  return row;
}

export function updateArticle(db: Executor, id: string, values: Partial<typeof articles.$inferInsert>) {
  return db.update(articles).set(values).where(eq(articles.id, id)).returning();
}

/** Moves the article from one status to another only if it is still in the first (a lock against double publishing). */
export async function transitionArticle(db: Executor, id: string, from: Article["status"][], to: Article["status"]) {
  const rows = await db.update(articles).set({ status: to }).where(and(eq(articles.id, id), inArray(articles.status, from))).returning({ id: articles.id });
  return rows.length > 0;
}

export async function recordStep(db: Executor, id: string, step: PublishStepName, state: PublishStepState, extra: Partial<typeof articles.$inferInsert> = {}) {
  await db
    .update(articles)
    .set({ ...extra, steps: sql`${articles.steps} || ${JSON.stringify({ [step]: state })}::jsonb` })
    .where(eq(articles.id, id));
}

export function sharesOf(db: Executor, articleId: string) {
  return db
    .select({
      articleId: articleShares.articleId,
      userId: articleShares.userId,
      name: users.name,
      orcid: users.orcid,
      role: articleShares.role,
      position: articleShares.position,
      shareBps: articleShares.shareBps,
      measuredCharacters: articleShares.measuredCharacters,
      payeeAddress: articleShares.payeeAddress,
      approvedAt: articleShares.approvedAt,
    })
    .from(articleShares)
    .innerJoin(users, eq(users.id, articleShares.userId))
    .where(eq(articleShares.articleId, articleId))
    .orderBy(asc(articleShares.position));
}

export async function insertShares(db: Executor, rows: Array<typeof articleShares.$inferInsert>) {
  if (rows.length) await db.insert(articleShares).values(rows);
}

export function setShareBps(db: Executor, articleId: string, userId: string, shareBps: number) {
  return db.update(articleShares).set({ shareBps }).where(and(eq(articleShares.articleId, articleId), eq(articleShares.userId, userId)));
}

export function clearApprovals(db: Executor, articleId: string) {
  return db.update(articleShares).set({ approvedAt: null }).where(eq(articleShares.articleId, articleId));
}

export function approveShare(db: Executor, articleId: string, userId: string, at: Date) {
  return db.update(articleShares).set({ approvedAt: at }).where(and(eq(articleShares.articleId, articleId), eq(articleShares.userId, userId))).returning();
}

export function setPayeeAddress(db: Executor, articleId: string, userId: string, address: string) {
  return db.update(articleShares).set({ payeeAddress: address }).where(and(eq(articleShares.articleId, articleId), eq(articleShares.userId, userId)));
}

/** The wallets of these users, oldest first (the first is the one paid). */
export function walletsOf(db: Executor, userIds: string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .select({ userId: userWallets.userId, address: userWallets.address, publicKey: userWallets.publicKey, kind: userWallets.kind })
    .from(userWallets)
    .where(inArray(userWallets.userId, userIds))
    .orderBy(asc(userWallets.createdAt));
}

export async function contentKeyByRoot(db: Executor, contentRoot: string) {
  const [row] = await db
    .select({ id: articleContentKeys.id, tokenId: articleContentKeys.tokenId, chainId: articleContentKeys.chainId, articleTokenAddress: articleContentKeys.articleTokenAddress })
    .from(articleContentKeys)
    .where(eq(articleContentKeys.contentRoot, contentRoot));
  return row;
}

export function publishedArticles(db: Executor) {
  return db.select().from(articles).where(eq(articles.status, "published")).orderBy(desc(articles.publishedAt));
}

export function articlesOfShareholder(db: Executor, userId: string) {
  return db
    .select({ article: articles, share: articleShares })
    .from(articleShares)
    .innerJoin(articles, eq(articles.id, articleShares.articleId))
    .where(eq(articleShares.userId, userId))
    .orderBy(desc(articles.createdAt));
}

export function articlesForEditor(db: Executor, userId: string) {
  return db
    .select({ article: articles })
    .from(articles)
    .innerJoin(venueEditors, and(eq(venueEditors.venueId, articles.venueId), eq(venueEditors.userId, userId)))
    .orderBy(desc(articles.createdAt));
}

export async function insertLicence(db: Executor, values: typeof articleLicences.$inferInsert) {
  const [row] = await db.insert(articleLicences).values(values).onConflictDoNothing({ target: articleLicences.txHash }).returning();
  return row;
}

export function licencesOfUser(db: Executor, userId: string) {
  return db
    .select({ licence: articleLicences, title: articles.title, slug: articles.slug })
    .from(articleLicences)
    .innerJoin(articles, eq(articles.id, articleLicences.articleId))
    .where(eq(articleLicences.userId, userId))
    .orderBy(desc(articleLicences.createdAt));
}

export function licencesOfArticles(db: Executor, articleIds: string[]) {
  if (articleIds.length === 0) return Promise.resolve([]);
  return db.select().from(articleLicences).where(inArray(articleLicences.articleId, articleIds)).orderBy(desc(articleLicences.createdAt));
}

export async function licenceCount(db: Executor, articleId: string) {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(articleLicences).where(eq(articleLicences.articleId, articleId));
  return row?.n ?? 0;
}

export async function insertWithdrawal(db: Executor, values: typeof earningWithdrawals.$inferInsert) {
  await db.insert(earningWithdrawals).values(values).onConflictDoNothing();
}

export function withdrawalsOf(db: Executor, userId: string) {
  return db.select().from(earningWithdrawals).where(eq(earningWithdrawals.userId, userId)).orderBy(desc(earningWithdrawals.createdAt));
}

export function countUsage(db: Executor, articleId: string, kind: "views" | "reads") {
  const column = kind === "views" ? articles.views : articles.reads;
  return db.update(articles).set({ [kind]: sql`${column} + 1` }).where(eq(articles.id, articleId));
}

export type ShareRow = Awaited<ReturnType<typeof sharesOf>>[number];
export type { Article, ArticleShare };

export function markManuscriptPublished(db: Executor, manuscriptId: string) {
  return db.update(manuscripts).set({ status: "published" }).where(eq(manuscripts.id, manuscriptId));
}

/** Accepted submissions this user edits (venue editor) or wrote, with the article opened for each, if any. */
export async function acceptedSubmissionsFor(db: Executor, userId: string) {
  const asEditor = db
    .select({ id: submissions.id })
    .from(submissions)
    .innerJoin(venueEditors, and(eq(venueEditors.venueId, submissions.venueId), eq(venueEditors.userId, userId)));
  const asAuthor = db
    .select({ id: submissions.id })
    .from(submissions)
    .innerJoin(manuscriptAuthors, and(eq(manuscriptAuthors.manuscriptId, submissions.manuscriptId), eq(manuscriptAuthors.userId, userId), eq(manuscriptAuthors.status, "accepted")));
  const ids = [...new Set([...(await asEditor), ...(await asAuthor)].map((r) => r.id))];
  if (ids.length === 0) return [];
  return db
    .select({ submissionId: submissions.id, title: manuscripts.title, venueName: venues.name, articleId: articles.id, articleStatus: articles.status, slug: articles.slug })
    .from(submissions)
    .innerJoin(manuscripts, eq(manuscripts.id, submissions.manuscriptId))
    .innerJoin(venues, eq(venues.id, submissions.venueId))
    .leftJoin(articles, eq(articles.submissionId, submissions.id))
    .where(and(inArray(submissions.id, ids), eq(submissions.status, "accepted")))
    .orderBy(desc(submissions.updatedAt));
}

/** The venue's review policy for an article. */
export async function reviewPolicyOf(db: Executor, venueId: string) {
  const [row] = await db.select({ reviewPolicy: venues.reviewPolicy }).from(venues).where(eq(venues.id, venueId));
  return row?.reviewPolicy;
}

/** Reviews of a submission whose reviewers consented to publish them, oldest first (the order numbers them). */
export function consentedReviews(db: Executor, submissionId: string) {
  return db
    .select({
      id: reviews.id,
      round: reviewAssignments.round,
      reviewerId: reviewAssignments.reviewerId,
      reviewerName: users.name,
      summary: reviews.summary,
      strengths: reviews.strengths,
      weaknesses: reviews.weaknesses,
      recommendation: reviews.recommendation,
      submittedAt: reviews.submittedAt,
    })
    .from(reviews)
    .innerJoin(reviewAssignments, eq(reviewAssignments.id, reviews.assignmentId))
    .innerJoin(users, eq(users.id, reviewAssignments.reviewerId))
    .where(and(eq(reviewAssignments.submissionId, submissionId), eq(reviews.openConsent, true)))
    .orderBy(asc(reviews.submittedAt), asc(reviews.id));
}

/** The reviewers' own annotations on a submission (machine-made ones excluded), oldest first. */
export function reviewerAnnotations(db: Executor, submissionId: string, reviewerIds: string[]) {
  if (reviewerIds.length === 0) return Promise.resolve([]);
  return db
    .select({ id: annotations.id, round: annotations.round, authorId: annotations.authorId, kind: annotations.kind, body: annotations.body, selectors: annotations.selectors, createdAt: annotations.createdAt })
    .from(annotations)
    .where(and(eq(annotations.submissionId, submissionId), inArray(annotations.authorId, reviewerIds), eq(annotations.machineMade, false)))
    .orderBy(asc(annotations.createdAt), asc(annotations.id));
}

/** The authors' responses (not other replies) to these annotations, oldest first. */
export function authorResponses(db: Executor, annotationIds: string[]) {
  if (annotationIds.length === 0) return Promise.resolve([]);
  return db
    .select({ id: annotationReplies.id, annotationId: annotationReplies.annotationId, authorName: users.name, body: annotationReplies.body, createdAt: annotationReplies.createdAt })
    .from(annotationReplies)
    .innerJoin(users, eq(users.id, annotationReplies.authorId))
    .where(and(inArray(annotationReplies.annotationId, annotationIds), eq(annotationReplies.isResponse, true)))
    .orderBy(asc(annotationReplies.createdAt), asc(annotationReplies.id));
}

/** The institutions where this user's membership is verified. */
export function verifiedInstitutionsOf(db: Executor, userId: string) {
  return db
    .select({ id: institutions.id, name: institutions.name })
    .from(institutionMemberships)
    .innerJoin(institutions, eq(institutions.id, institutionMemberships.institutionId))
    .where(and(eq(institutionMemberships.userId, userId), eq(institutionMemberships.status, "verified")))
    .orderBy(asc(institutions.name));
}

/** Institutional licences of an article held for institutions where this user is a verified member. */
export function institutionalLicencesFor(db: Executor, articleId: string, userId: string) {
  return db
    .select({ licence: articleLicences, institutionName: institutions.name })
    .from(articleLicences)
    .innerJoin(institutions, eq(institutions.id, articleLicences.institutionId))
    .innerJoin(
      institutionMemberships,
      and(eq(institutionMemberships.institutionId, articleLicences.institutionId), eq(institutionMemberships.userId, userId), eq(institutionMemberships.status, "verified")),
    )
    .where(eq(articleLicences.articleId, articleId))
    .orderBy(desc(articleLicences.createdAt));
}
