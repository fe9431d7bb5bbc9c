// Published articles as readers see them: the public record, and the full text for those the chain entitles.
import { getAddress } from "ethers";
import { DomainError } from "../../utils/errors";
import { recordAudit } from "../audit/index.server";
import type { SessionUser } from "../identity/model";
import { decryptArticle, keyRequestMessage, releaseArticleKey } from "../licensing/index.server";
import { clock, signerFor, type PublishingDeps } from "./deps.server";
import type { ArticleBundle } from "./publish-article.server";
import { INSTITUTIONAL_TERMS_ID, institutionalPriceWei, licenseRequestSchema, PERSONAL_READING_TERMS_ID } from "./model";
import { printPdf } from "./pdf.server";
import { articleDocumentHtml } from "./render.server";
import * as q from "./queries.server";
import { articleRoleOf } from "./split.server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PERPETUAL = 2n ** 64n - 1n;

async function findArticle(deps: Pick<PublishingDeps, "db">, slugOrId: string) {
  return (await q.articleBySlug(deps.db, slugOrId)) ?? (UUID.test(slugOrId) ? await q.articleById(deps.db, slugOrId) : undefined);
}

export function listPublished(deps: Pick<PublishingDeps, "db">) {
  return q.publishedArticles(deps.db);
}

async function readChain<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw new DomainError("UNAVAILABLE", `The chain could not be read to check your access (${(error as Error).message}); try again shortly.`);
  }
}

function openBundle(envelope: Uint8Array, key: Uint8Array) {
  return JSON.parse(new TextDecoder().decode(decryptArticle(envelope, key))) as ArticleBundle;
}

/**
 * An institutional licence's reading for a verified member of its institution: the chain must still hold the licence
 * valid for the licensee account, and the key service releases the key on that account's signed request (local
 * wallets only: the platform holds the licensee's key), delivered to the member's session.
 */
async function institutionalFullText(deps: PublishingDeps, actor: SessionUser, articleId: string, tokenId: bigint, contentRoot: string) {
  if (!deps.localWallets) return null;
  const now = clock(deps);
  const held = (await q.institutionalLicencesFor(deps.db, articleId, actor.id)).filter((r) => r.licence.expiresAt === null || r.licence.expiresAt > now);
  for (const { licence, institutionName } of held) {
    if (!(await readChain(() => deps.chain.hasValidLicense(tokenId, licence.licensee)))) continue;
    const signer = await signerFor(deps, licence.userId);
    const account = getAddress(await signer.getAddress());
    if (account !== getAddress(licence.licensee)) continue;
    const issuedAt = now.toISOString();
    const message = keyRequestMessage({
      tokenId,
      articleToken: getAddress(deps.chain.addresses.articleToken),
      chainId: await readChain(() => deps.chain.chainId()),
      account,
      deliverTo: "session",
      issuedAt,
    });
    const released = await releaseArticleKey(
      { db: deps.db, chain: deps.chain, kek: deps.kek, now: deps.now },
      { userId: actor.id, tokenId, account, proof: { kind: "signature", issuedAt, signature: await signer.signMessage(message) }, delivery: { kind: "session" } },
    );
    if (released.delivery !== "session" || released.contentRoot !== contentRoot) continue;
    const bundle = openBundle(await deps.store.get(released.contentRoot), released.key);
    return { basis: "institution" as const, institution: institutionName, account, html: bundle.html, jats: bundle.jats };
  }
  return null;
}

/** The full text, decrypted with the key the key service releases to one of the user's wallets; null if none may read. */
async function fullTextFor(deps: PublishingDeps, actor: SessionUser, articleId: string, tokenId: bigint, contentRoot: string) {
  return (await personalFullText(deps, actor, tokenId, contentRoot)) ?? (await institutionalFullText(deps, actor, articleId, tokenId, contentRoot));
}

async function personalFullText(deps: PublishingDeps, actor: SessionUser, tokenId: bigint, contentRoot: string) {
  const wallets = await q.walletsOf(deps.db, [actor.id]);
  if (wallets.length === 0) return null;
  const owner = await readChain(() => deps.chain.ownerOf(tokenId));
  for (const wallet of wallets) {
    // Asked first so that a reader without rights is not logged as a refused key request on every page view.
    const entitled =
      (owner !== null && getAddress(owner) === getAddress(wallet.address)) ||
      (await readChain(() => deps.chain.isAuthorizedUser(tokenId, wallet.address))) ||
      (await readChain(() => deps.chain.hasValidLicense(tokenId, wallet.address)));
    if (!entitled) continue;
    const released = await releaseArticleKey(
      { db: deps.db, chain: deps.chain, kek: deps.kek, now: deps.now },
      { userId: actor.id, tokenId, account: wallet.address, proof: { kind: "linked-wallet" }, delivery: { kind: "session" } },
    );
    if (released.delivery !== "session" || released.contentRoot !== contentRoot) continue;
    const bundle = openBundle(await deps.store.get(released.contentRoot), released.key);
    return { basis: released.basis, institution: null, account: wallet.address, html: bundle.html, jats: bundle.jats };
  }
  return null;
}

/** The article page: public record for everyone; full text only for the owner, authorised co-authors and licensees. */
export async function articleView(deps: PublishingDeps, actor: SessionUser | null, slugOrId: string, options: { countView?: boolean } = {}) {
  const article = await findArticle(deps, slugOrId);
  if (!article) throw new DomainError("NOT_FOUND", "No such article.");
  const role = actor ? await articleRoleOf(deps, actor, article) : null;
  if (article.status !== "published" && !role) throw new DomainError("NOT_FOUND", "No such article.");
  const [authors, shares, licences] = await Promise.all([q.authorsOf(deps.db, article.manuscriptId), q.sharesOf(deps.db, article.id), q.licenceCount(deps.db, article.id)]);
  const published = article.status === "published" && article.tokenId !== null && article.contentRoot !== null;
  const fullText = published && actor ? await fullTextFor(deps, actor, article.id, BigInt(article.tokenId!), article.contentRoot!) : null;
  if (published && options.countView) await q.countUsage(deps.db, article.id, "views");
  if (fullText && options.countView) await q.countUsage(deps.db, article.id, "reads");
  const myLicences = actor ? (await q.licencesOfUser(deps.db, actor.id)).filter((l) => l.licence.articleId === article.id).map((l) => l.licence) : [];
  return {
    article: { ...article, views: article.views + (published && options.countView ? 1 : 0), reads: article.reads + (fullText && options.countView ? 1 : 0) },
    role,
    authors: authors.map((a) => ({ name: a.name, orcid: a.orcid, isCorresponding: a.isCorresponding })),
    shares: shares.map((s) => ({ name: s.name, role: s.role, shareBps: s.shareBps, measuredCharacters: s.measuredCharacters, approved: s.approvedAt !== null, userId: s.userId, payeeAddress: s.payeeAddress })),
    licenceCount: licences,
    contract: published ? { chainId: article.chainId, articleToken: article.articleTokenAddress, licenseManager: deps.chain.addresses.licenseManager } : null,
    fullText,
    myLicences,
    canLicense: published && actor !== null && deps.localWallets !== null,
    institutionalPriceWei: institutionalPriceWei(article.priceWei),
    /** Where the reader could buy an institutional licence (their verified institutions). */
    myInstitutions: actor ? await q.verifiedInstitutionsOf(deps.db, actor.id) : [],
  };
}

/**
 * The reader pays the exact price from their local wallet; the licence is recorded as the chain returned it. With an
 * institution (one where the buyer's membership is verified) it is an institutional licence its verified members read by.
 */
export async function licenseArticle(deps: PublishingDeps, actor: SessionUser, slugOrId: string, raw: unknown = {}) {
  const article = await findArticle(deps, slugOrId);
  if (!article || article.status !== "published" || !article.tokenId) throw new DomainError("NOT_FOUND", "No such published article.");
  const request = licenseRequestSchema.safeParse(raw);
  if (!request.success) throw new DomainError("VALIDATION", request.error.issues.map((i) => i.message).join("; "));
  const { institutionId } = request.data;
  if (institutionId && !(await q.verifiedInstitutionsOf(deps.db, actor.id)).some((i) => i.id === institutionId)) {
    throw new DomainError("FORBIDDEN", "You can buy an institutional licence only for an institution where your membership is verified.");
  }
  const tokenId = BigInt(article.tokenId);
  const buyer = await signerFor(deps, actor.id);
  if (institutionId) {
    const now = clock(deps);
    const held = (await q.institutionalLicencesFor(deps.db, article.id, actor.id)).filter(
      (r) => r.licence.institutionId === institutionId && (r.licence.expiresAt === null || r.licence.expiresAt > now),
    );
    if (held.length) throw new DomainError("CONFLICT", "Your institution already holds a valid licence for this article: its verified members read it.");
  } else if (await deps.chain.hasValidLicense(tokenId, buyer.address)) {
    throw new DomainError("CONFLICT", "You already hold a valid licence for this article: it is open for you to read.");
  }
  const termsId = institutionId ? INSTITUTIONAL_TERMS_ID : PERSONAL_READING_TERMS_ID;
  const priceWei = institutionId ? institutionalPriceWei(article.priceWei) : article.priceWei;
  const purchased = await deps.chain.purchaseLicense(buyer, tokenId, termsId).catch((error: Error) => {
    throw new DomainError("UNAVAILABLE", `The licence could not be bought on chain (${error.message}); nothing was charged if the transaction did not go through.`);
  });
  const licence = await q.insertLicence(deps.db, {
    articleId: article.id,
    userId: actor.id,
    licensee: purchased.licensee,
    licenceId: purchased.licenseId.toString(),
    priceWei,
    expiresAt: purchased.expiresAt === PERPETUAL ? null : new Date(Number(purchased.expiresAt) * 1000),
    txHash: purchased.txHash,
    institutionId,
  });
  await recordAudit(deps.db, {
    actorId: actor.id,
    action: "article.licensed",
    subjectType: "article",
    subjectId: article.id,
    data: { licenceId: purchased.licenseId.toString(), txHash: purchased.txHash, priceWei, institutionId },
  });
  return { licence, slug: article.slug };
}

/** "My licences": every licence bought through MedNexus, with whether it is still valid. */
export async function myLicences(deps: Pick<PublishingDeps, "db" | "now">, actor: SessionUser) {
  const now = clock(deps);
  const rows = await q.licencesOfUser(deps.db, actor.id);
  return rows.map((r) => ({ ...r.licence, title: r.title, slug: r.slug, valid: r.licence.expiresAt === null || r.licence.expiresAt > now }));
}

/** Articles whose publication this user takes part in (as author, reviewer or editor). */
export async function myPublications(deps: Pick<PublishingDeps, "db">, actor: SessionUser) {
  const [asPayee, asEditor] = await Promise.all([q.articlesOfShareholder(deps.db, actor.id), q.articlesForEditor(deps.db, actor.id)]);
  const byId = new Map<string, { article: (typeof asEditor)[number]["article"]; role: string }>();
  for (const row of asEditor) byId.set(row.article.id, { article: row.article, role: "editor" });
  for (const row of asPayee) if (!byId.has(row.article.id)) byId.set(row.article.id, { article: row.article, role: row.share.role });
  return [...byId.values()];
}

/** The publishing desk: accepted submissions to open for publication, and the articles in progress or published. */
export function publishingDesk(deps: Pick<PublishingDeps, "db">, actor: SessionUser) {
  return q.acceptedSubmissionsFor(deps.db, actor.id);
}

/** The article as PDF, printed from its decrypted HTML, for those the chain lets read it. */
export async function articlePdf(deps: PublishingDeps, actor: SessionUser, slugOrId: string) {
  const view = await articleView(deps, actor, slugOrId);
  if (!view.fullText) throw new DomainError("FORBIDDEN", "Buy a licence to download the full text.");
  const submission = await q.acceptedSubmission(deps.db, view.article.submissionId);
  const html = articleDocumentHtml(
    { title: view.article.title, abstract: view.article.abstract, contributors: view.authors, journalTitle: submission?.venueName ?? "MedNexus" },
    view.fullText.html,
  );
  return { slug: view.article.slug, pdf: await printPdf(html) };
}
