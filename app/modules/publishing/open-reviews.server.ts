// Open peer review published with the article: on a venue whose policy is open, the reviews whose reviewers consented
// and the authors' responses to those reviewers' annotations, each numbered and at its own URL, with the reviewer named.
import { DomainError } from "../../utils/errors";
import type { PublishingDeps } from "./deps.server";
import { openReviewPath } from "./model";
import * as q from "./queries.server";

export interface OpenReview {
  /** 1-based, in submission order of the consented reviews: the article's review number. */
  number: number;
  /** The review's own stable identifier. */
  id: string;
  path: string;
  reviewer: string;
  round: number;
  recommendation: string;
  summary: string;
  strengths: string;
  weaknesses: string;
  submittedAt: Date;
  annotations: Array<{ id: string; kind: string; quote: string; body: string; responses: Array<{ id: string; author: string; body: string; at: Date }> }>;
}

/** The open reviews of a published article (none unless its venue's policy is open). */
export async function openReviews(deps: Pick<PublishingDeps, "db">, slug: string): Promise<{ slug: string; title: string; reviews: OpenReview[] }> {
  const article = await q.articleBySlug(deps.db, slug);
  if (!article || article.status !== "published") throw new DomainError("NOT_FOUND", "No such article.");
  const base = { slug: article.slug, title: article.title };
  if ((await q.reviewPolicyOf(deps.db, article.venueId)) !== "open") return { ...base, reviews: [] };
  const rows = await q.consentedReviews(deps.db, article.submissionId);
  const notes = await q.reviewerAnnotations(deps.db, article.submissionId, [...new Set(rows.map((r) => r.reviewerId))]);
  const replies = await q.authorResponses(deps.db, notes.map((n) => n.id));
  const reviews = rows.map((row, i): OpenReview => ({
    number: i + 1,
    id: row.id,
    path: openReviewPath(article.slug, i + 1),
    reviewer: row.reviewerName,
    round: row.round,
    recommendation: row.recommendation,
    summary: row.summary,
    strengths: row.strengths,
    weaknesses: row.weaknesses,
    submittedAt: row.submittedAt,
    annotations: notes
      .filter((n) => n.authorId === row.reviewerId && n.round === row.round)
      .map((n) => ({
        id: n.id,
        kind: n.kind,
        quote: n.selectors.quote.exact,
        body: n.body,
        responses: replies.filter((r) => r.annotationId === n.id).map((r) => ({ id: r.id, author: r.authorName, body: r.body, at: r.createdAt })),
      })),
  }));
  return { ...base, reviews };
}

/** One open review by its number; NOT_FOUND when the venue is not open or the reviewer did not consent. */
export async function openReview(deps: Pick<PublishingDeps, "db">, slug: string, number: string | number) {
  const n = typeof number === "number" ? number : /^[1-9]\d{0,5}$/.test(number) ? Number(number) : NaN;
  const { reviews, ...article } = await openReviews(deps, slug);
  const review = reviews.find((r) => r.number === n);
  if (!review) throw new DomainError("NOT_FOUND", "No such open review.");
  return { article, review };
}
