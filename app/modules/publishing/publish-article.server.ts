// Publication as a pipeline of persisted steps. Each step records its outcome on the article; a retry skips what is
// done, so a failure (chain or store down) can be retried without a second envelope being minted or terms registered.
import { createHash } from "node:crypto";
import { getAddress, keccak256, toUtf8Bytes } from "ethers";
import { LicenseKind, PayeeRole } from "../../adapters/chain/index.server";
import { DomainError, isDomainError } from "../../utils/errors";
import { recordAudit } from "../audit/index.server";
import type { SessionUser } from "../identity/model";
import { localWalletSigner, mintArticleToken, storeArticleContent } from "../licensing/index.server";
import { clock, walletFor, type PublishingDeps } from "./deps.server";
import { articleJats } from "./jats";
import { jatsDtdProblems } from "./jats-validate.server";
import { INSTITUTIONAL_TERMS_ID, institutionalPriceWei, PERSONAL_READING_TERMS_ID, PUBLISH_STEP_LABELS, publishOptionsSchema, splitProblems, type PublishStep } from "./model";
import * as q from "./queries.server";
import { articleBodyHtml } from "./render.server";
import { articleRoleOf, loadArticle } from "./split.server";

/** What is encrypted and stored: the rendered HTML body and the JATS XML. */
export interface ArticleBundle {
  format: "mednexus-article/1";
  html: string;
  jats: string;
}

const running = new Set<string>();
const sha256 = (text: string) => `sha256:${createHash("sha256").update(text).digest("hex")}`;

export function licenceTermsText(articleId: string, priceWei: string, durationSeconds: number, kind: "personal" | "institutional" = "personal") {
  if (kind === "institutional") {
    return `MedNexus institutional reading licence for article ${articleId}: ${durationSeconds === 0 ? "perpetual" : `${durationSeconds} seconds`}, ${priceWei} wei, every verified member of the buyer's chosen institution reads, not transferable.`;
  }
  return `MedNexus personal reading licence for article ${articleId}: ${durationSeconds === 0 ? "perpetual" : `${durationSeconds} seconds`}, ${priceWei} wei, not transferable.`;
}

/** The editor publishes an article whose split every author approved; safe to call again after a failure. */
export async function publishArticle(deps: PublishingDeps, actor: SessionUser, articleId: string, raw: unknown = {}) {
  let article = await loadArticle(deps, articleId);
  const role = await articleRoleOf(deps, actor, article);
  if (!role) throw new DomainError("NOT_FOUND", "No such article.");
  if (role !== "editor") throw new DomainError("FORBIDDEN", "Only an editor of the venue publishes the article.");
  if (article.status === "published") return article;
  if (article.status === "proposed") throw new DomainError("INVALID_TRANSITION", "Every author must approve the revenue split before the article is published.");
  if (article.status === "approved") {
    const options = publishOptionsSchema.safeParse(raw);
    if (!options.success) throw new DomainError("VALIDATION", options.error.issues.map((i) => i.message).join("; "));
    await q.updateArticle(deps.db, article.id, { priceWei: options.data.priceWei, licenceDurationSeconds: options.data.licenceDays * 86400 });
  }
  if (running.has(article.id)) throw new DomainError("CONFLICT", "This article is being published right now: wait for it to finish.");
  running.add(article.id);
  try {
    await q.transitionArticle(deps.db, article.id, ["approved", "publishing"], "publishing");
    article = await loadArticle(deps, article.id);
    await runSteps(deps, actor, article.id);
    return await loadArticle(deps, article.id);
  } finally {
    running.delete(article.id);
  }
}

async function runSteps(deps: PublishingDeps, actor: SessionUser, articleId: string) {
  const shares = await q.sharesOf(deps.db, articleId);
  const problems = splitProblems(shares);
  if (problems.length) throw new DomainError("VALIDATION", problems.join(" "));
  let bundle: ArticleBundle | undefined;
  const build = async () => {
    if (bundle) return bundle;
    const article = await loadArticle(deps, articleId);
    const [version, submission, authors] = await Promise.all([q.versionContent(deps.db, article.versionId), q.acceptedSubmission(deps.db, article.submissionId), q.authorsOf(deps.db, article.manuscriptId)]);
    if (!version || !submission) throw new Error(`The accepted version of article ${articleId} is missing`);
    if (version.contentHash !== article.contentHash) throw new Error(`The accepted version changed: ${version.contentHash} is not the frozen ${article.contentHash}`);
    const contributors = authors.map((a) => ({ name: a.name, orcid: a.orcid, corresponding: a.isCorresponding }));
    const body = articleBodyHtml(version.content);
    const jats = articleJats({
      articleId: article.id,
      slug: article.slug,
      title: article.title,
      abstract: article.abstract,
      keywords: submission.keywords,
      articleType: submission.articleType,
      journalTitle: submission.venueName,
      contributors,
      publishedAt: article.publishedAt ?? article.createdAt,
      doc: version.content,
      copyrightHolder: authors.map((a) => a.name).join(", "),
    });
    bundle = { format: "mednexus-article/1", html: body, jats };
    return bundle;
  };

  const steps: Record<PublishStep, () => Promise<{ detail: string; extra?: Parameters<typeof q.recordStep>[4] }>> = {
    freeze: async () => {
      const article = await loadArticle(deps, articleId);
      const version = await q.versionContent(deps.db, article.versionId);
      if (version?.contentHash !== article.contentHash) throw new Error("The accepted version no longer matches its content hash");
      return { detail: `version ${article.versionId}, ${article.contentHash}` };
    },
    html: async () => ({ detail: sha256((await build()).html) }),
    jats: async () => {
      const { jats } = await build();
      const invalid = await jatsDtdProblems(jats);
      if (invalid) throw new Error(`the JATS does not validate against ${process.env.JATS_DTD_PATH}: ${invalid}`);
      return { detail: sha256(jats), extra: { metadataHash: keccak256(toUtf8Bytes(jats)) } };
    },
    store: async () => {
      const article = await loadArticle(deps, articleId);
      if (article.contentRoot) return { detail: article.contentRoot };
      const plaintext = new TextEncoder().encode(JSON.stringify(await build()));
      const stored = await storeArticleContent({ db: deps.db, store: deps.store, kek: deps.kek }, { plaintext, manuscriptId: article.manuscriptId });
      return { detail: `root ${stored.contentRoot}, ${stored.size} bytes`, extra: { contentRoot: stored.contentRoot } };
    },
    mint: async () => {
      const article = await loadArticle(deps, articleId);
      if (!article.contentRoot || !article.metadataHash) throw new Error("Store the content and write the JATS before minting");
      if (article.tokenId) return { detail: `token ${article.tokenId}` };
      const key = await q.contentKeyByRoot(deps.db, article.contentRoot);
      if (key?.tokenId) {
        return {
          detail: `token ${key.tokenId} (minted before, recovered)`,
          extra: { tokenId: key.tokenId, chainId: key.chainId, articleTokenAddress: key.articleTokenAddress },
        };
      }
      const payees = [];
      for (const share of shares) {
        const wallet = await walletFor(deps, share.userId, share.name);
        await q.setPayeeAddress(deps.db, articleId, share.userId, getAddress(wallet.address));
        payees.push({ account: wallet.address, shareBps: share.shareBps, role: share.role === "author" ? PayeeRole.Author : PayeeRole.Reviewer, wallet });
      }
      const owner = payees.find((p) => p.role === PayeeRole.Author)!.wallet;
      const minted = await mintArticleToken(
        { db: deps.db, chain: deps.chain, kek: deps.kek, now: deps.now },
        {
          actorId: actor.id,
          contentRoot: article.contentRoot,
          owner: { address: owner.address, publicKey: owner.publicKey },
          metadataHash: article.metadataHash,
          payees: payees.map(({ account, shareBps, role }) => ({ account, shareBps, role })),
          royaltyBps: article.royaltyBps,
        },
      );
      return {
        detail: `token ${minted.tokenId}, tx ${minted.txHash}`,
        extra: {
          tokenId: minted.tokenId.toString(),
          mintTxHash: minted.txHash,
          chainId: Number(await deps.chain.chainId()),
          articleTokenAddress: getAddress(deps.chain.addresses.articleToken),
        },
      };
    },
    authorise: async () => {
      const article = await loadArticle(deps, articleId);
      const tokenId = BigInt(article.tokenId!);
      const authors = shares.filter((s) => s.role === "author");
      const [ownerWallet] = await q.walletsOf(deps.db, [authors[0]!.userId]);
      const others = authors.slice(1);
      if (others.length === 0) return { detail: "single author: the owner reads as owner" };
      if (!ownerWallet || ownerWallet.kind !== "local" || !deps.localWallets) {
        return { detail: "the owner's wallet is external: the owner authorises co-authors from it (authorizeUsage)" };
      }
      const ownerSigner = await localWalletSigner({ db: deps.db, ...deps.localWallets }, { userId: authors[0]!.userId });
      const done: string[] = [];
      for (const author of others) {
        const [wallet] = await q.walletsOf(deps.db, [author.userId]);
        if (!wallet) continue;
        if (!(await deps.chain.isAuthorizedUser(tokenId, wallet.address))) await deps.chain.authorizeUsage(ownerSigner, tokenId, wallet.address);
        done.push(wallet.address);
      }
      return { detail: `authorised ${done.join(", ")}` };
    },
    terms: async () => {
      const article = await loadArticle(deps, articleId);
      const register = async (termsId: bigint, kind: LicenseKind, priceWei: string, text: string) => {
        try {
          await deps.chain.registerLicenseTerms({
            tokenId: BigInt(article.tokenId!),
            termsId,
            kind,
            priceWei: BigInt(priceWei),
            durationSeconds: article.licenceDurationSeconds,
            transferable: false,
            termsHash: keccak256(toUtf8Bytes(text)),
          });
        } catch (error) {
          // Registered by an earlier attempt whose outcome was not recorded: terms never change, so this is done.
          if (!/LicenseTermsAlreadyRegistered/.test(String((error as { revert?: { name?: string } }).revert?.name ?? (error as Error).message))) throw error;
        }
      };
      const institutionalPrice = institutionalPriceWei(article.priceWei);
      await register(PERSONAL_READING_TERMS_ID, LicenseKind.PersonalReading, article.priceWei, licenceTermsText(article.id, article.priceWei, article.licenceDurationSeconds));
      await register(INSTITUTIONAL_TERMS_ID, LicenseKind.Institutional, institutionalPrice, licenceTermsText(article.id, institutionalPrice, article.licenceDurationSeconds, "institutional"));
      return { detail: `personal reading, ${article.priceWei} wei; institutional, ${institutionalPrice} wei; ${article.licenceDurationSeconds} s` };
    },
    index: async () => {
      const publishedAt = clock(deps);
      const article = await loadArticle(deps, articleId);
      await q.markManuscriptPublished(deps.db, article.manuscriptId);
      return { detail: `/articles/${article.slug}`, extra: { status: "published", publishedAt: article.publishedAt ?? publishedAt } };
    },
  };

  for (const [name, run] of Object.entries(steps) as Array<[PublishStep, (typeof steps)[PublishStep]]>) {
    const article = await loadArticle(deps, articleId);
    if (article.steps[name]?.status === "done") continue;
    try {
      const { detail, extra } = await run();
      await q.recordStep(deps.db, articleId, name, { status: "done", at: clock(deps).toISOString(), detail }, extra);
    } catch (error) {
      const message = (error as Error).message;
      await q.recordStep(deps.db, articleId, name, { status: "failed", at: clock(deps).toISOString(), detail: message });
      await recordAudit(deps.db, { actorId: actor.id, action: "article.publish.failed", subjectType: "article", subjectId: articleId, data: { step: name, message } });
      if (isDomainError(error) && error.code !== "UNAVAILABLE") throw error;
      throw new DomainError("UNAVAILABLE", `${PUBLISH_STEP_LABELS[name]} failed (${message}). Completed steps are kept: publish again to retry from here.`);
    }
  }
  await recordAudit(deps.db, { actorId: actor.id, action: "article.published", subjectType: "article", subjectId: articleId });
}
