// The revenue split of an accepted article: proposed from measured contribution and the venue's reviewer share,
// adjusted by the authors or the editor (which resets approvals), approved by every author.
import type { SessionUser } from "../identity/model";
import { recordAudit } from "../audit/index.server";
import { contributionOf } from "../manuscripts/index.server";
import { DomainError } from "../../utils/errors";
import { clock, walletFor, type PublishingDeps } from "./deps.server";
import { articleSlug, DEFAULT_LICENCE_SECONDS, DEFAULT_PRICE_WEI, DEFAULT_ROYALTY_BPS, editSharesSchema, proposeShares, splitProblems } from "./model";
import * as q from "./queries.server";

type Deps = Pick<PublishingDeps, "db" | "localWallets" | "now">;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Who may act on an article's publication: the venue's editors and the manuscript's accepted authors. */
export async function articleRoleOf(deps: Pick<PublishingDeps, "db">, actor: SessionUser, article: { venueId: string; manuscriptId: string }) {
  if (await q.isVenueEditor(deps.db, article.venueId, actor.id)) return "editor" as const;
  const authors = await q.authorsOf(deps.db, article.manuscriptId);
  if (authors.some((a) => a.userId === actor.id)) return "author" as const;
  return null;
}

export async function loadArticle(deps: Pick<PublishingDeps, "db">, articleId: string) {
  const article = UUID.test(articleId) ? await q.articleById(deps.db, articleId) : undefined;
  if (!article) throw new DomainError("NOT_FOUND", "No such article.");
  return article;
}

/**
 * Opens the publication of an accepted submission with a proposed split (idempotent: a second call returns the
 * article already opened). Editors of the venue and the authors may do this.
 */
export async function proposeSplit(deps: Deps, actor: SessionUser, submissionId: string) {
  const submission = UUID.test(submissionId) ? await q.acceptedSubmission(deps.db, submissionId) : undefined;
  if (!submission) throw new DomainError("NOT_FOUND", "No such submission.");
  const role = await articleRoleOf(deps, actor, submission);
  if (!role) throw new DomainError("NOT_FOUND", "No such submission.");
  if (submission.status !== "accepted") throw new DomainError("INVALID_TRANSITION", "Only an accepted submission can be published: the editor must accept it first.");
  const existing = await q.articleBySubmission(deps.db, submission.id);
  if (existing) return existing;

  const authors = await q.authorsOf(deps.db, submission.manuscriptId);
  if (authors.length === 0) throw new DomainError("VALIDATION", "The manuscript has no accepted authors to pay.");
  const measured = await contributionOf({ db: deps.db }, submission.manuscriptId);
  const characters = new Map(measured.people.map((p) => [p.userId, p.characters]));
  const reviewerIds = await q.submittedReviewerIds(deps.db, submission.id);
  const proposal = proposeShares({
    authors: authors.map((a) => ({ userId: a.userId, characters: characters.get(a.userId) ?? 0 })),
    reviewerIds,
    reviewerShareBps: submission.reviewerShareBps,
  });

  return deps.db.transaction(async (tx) => {
    const id = crypto.randomUUID();
    const article = await q.insertArticle(tx, {
      id,
      submissionId: submission.id,
      manuscriptId: submission.manuscriptId,
      venueId: submission.venueId,
      versionId: submission.versionId,
      contentHash: submission.contentHash,
      slug: articleSlug(submission.title, id),
      title: submission.title,
      abstract: submission.abstract,
      priceWei: DEFAULT_PRICE_WEI.toString(),
      licenceDurationSeconds: DEFAULT_LICENCE_SECONDS,
      royaltyBps: DEFAULT_ROYALTY_BPS,
      createdBy: actor.id,
    });
    if (!article) {
      const raced = await q.articleBySubmission(tx, submission.id);
      if (!raced) throw new Error(`Article for submission ${submission.id} vanished`);
      return raced;
    }
    await q.insertShares(
      tx,
      proposal.map((share, position) => ({ articleId: article.id, userId: share.userId, role: share.role, position, shareBps: share.shareBps, measuredCharacters: share.measuredCharacters })),
    );
    await recordAudit(tx, { actorId: actor.id, action: "article.split.proposed", subjectType: "article", subjectId: article.id, data: { shares: proposal } });
    return article;
  });
}

/** Replaces the basis points of the payees (the people stay those of the proposal); every approval is reset. */
export async function editSplit(deps: Deps, actor: SessionUser, articleId: string, raw: unknown) {
  const article = await loadArticle(deps, articleId);
  if (!(await articleRoleOf(deps, actor, article))) throw new DomainError("NOT_FOUND", "No such article.");
  if (article.status !== "proposed" && article.status !== "approved") {
    throw new DomainError("INVALID_TRANSITION", "The split is fixed once publication has started: the token's split can never change.");
  }
  const parsed = editSharesSchema.safeParse(raw);
  if (!parsed.success) throw new DomainError("VALIDATION", parsed.error.issues.map((i) => i.message).join("; "));
  const current = await q.sharesOf(deps.db, article.id);
  const byUser = new Map(current.map((s) => [s.userId, s]));
  const next = parsed.data.shares.map((s) => {
    const share = byUser.get(s.userId);
    if (!share) throw new DomainError("VALIDATION", "Only the proposed payees (the authors and the reviewers) can be paid.");
    return { userId: s.userId, role: share.role, shareBps: s.shareBps };
  });
  const problems = splitProblems(next);
  if (problems.length) throw new DomainError("VALIDATION", problems.join(" "));
  const missing = current.filter((s) => !next.some((n) => n.userId === s.userId));
  if (missing.length) throw new DomainError("VALIDATION", `Give every payee a share: ${missing.map((m) => m.name).join(", ")} ${missing.length === 1 ? "is" : "are"} missing.`);

  await deps.db.transaction(async (tx) => {
    for (const share of next) await q.setShareBps(tx, article.id, share.userId, share.shareBps);
    await q.clearApprovals(tx, article.id);
    await q.transitionArticle(tx, article.id, ["approved"], "proposed");
    await recordAudit(tx, { actorId: actor.id, action: "article.split.edited", subjectType: "article", subjectId: article.id, data: { shares: next } });
  });
  return q.sharesOf(deps.db, article.id);
}

/**
 * An author approves the split as it stands. Every payee must have a wallet to be paid into (provisioned on a local
 * chain); when the last author approves, the article is ready to publish.
 */
export async function approveSplit(deps: Deps, actor: SessionUser, articleId: string) {
  const article = await loadArticle(deps, articleId);
  const shares = await q.sharesOf(deps.db, article.id);
  const mine = shares.find((s) => s.userId === actor.id && s.role === "author");
  if (!mine) {
    if (shares.some((s) => s.userId === actor.id) || (await articleRoleOf(deps, actor, article))) throw new DomainError("FORBIDDEN", "Only the authors approve the split.");
    throw new DomainError("NOT_FOUND", "No such article.");
  }
  if (article.status !== "proposed" && article.status !== "approved") throw new DomainError("INVALID_TRANSITION", "The split is already fixed on chain.");
  const problems = splitProblems(shares);
  if (problems.length) throw new DomainError("VALIDATION", problems.join(" "));
  for (const share of shares) await walletFor(deps, share.userId, share.name);

  return deps.db.transaction(async (tx) => {
    await q.approveShare(tx, article.id, actor.id, clock(deps));
    const after = await q.sharesOf(tx, article.id);
    const allApproved = after.filter((s) => s.role === "author").every((s) => s.approvedAt !== null);
    if (allApproved) await q.transitionArticle(tx, article.id, ["proposed"], "approved");
    await recordAudit(tx, { actorId: actor.id, action: "article.split.approved", subjectType: "article", subjectId: article.id, data: { allApproved } });
    return { allApproved };
  });
}

/** The publication desk of one article: its split with approvals and its publishing steps, for editors and authors. */
export async function publicationView(deps: Pick<PublishingDeps, "db">, actor: SessionUser, articleId: string) {
  const article = await loadArticle(deps, articleId);
  const role = await articleRoleOf(deps, actor, article);
  if (!role) throw new DomainError("NOT_FOUND", "No such article.");
  const shares = await q.sharesOf(deps.db, article.id);
  return {
    article,
    role,
    shares: shares.map((s) => ({ userId: s.userId, name: s.name, role: s.role, shareBps: s.shareBps, measuredCharacters: s.measuredCharacters, approved: s.approvedAt !== null, payeeAddress: s.payeeAddress })),
    problems: splitProblems(shares),
    myApproval: shares.find((s) => s.userId === actor.id && s.role === "author")?.approvedAt ?? null,
    isAuthor: shares.some((s) => s.userId === actor.id && s.role === "author"),
  };
}
