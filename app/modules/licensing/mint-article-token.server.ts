// Mints the article token of a stored, encrypted article version, with the content key sealed to the owner.
import { computeAddress, getAddress } from "ethers";
import type { Db } from "../../../db/client";
import type { ArticleChain } from "../../adapters/chain/index.server";
import { DomainError } from "../../utils/errors";
import { recordAudit } from "../audit/index.server";
import { sealToPublicKey, unwrapContentKey } from "./crypto.server";
import { articleTokenSubjectId, mintArticleTokenInputSchema, type MintArticleTokenInput } from "./model";
import * as q from "./queries.server";

export interface MintArticleTokenDeps {
  db: Db;
  chain: ArticleChain;
  kek: Uint8Array;
  now?: () => Date;
}

export interface MintedArticleToken {
  tokenId: bigint;
  txHash: string;
  /** The content key sealed to the owner, as written on chain. */
  sealedKey: string;
}

export async function mintArticleToken(
  deps: MintArticleTokenDeps,
  raw: MintArticleTokenInput & { actorId?: string | null },
): Promise<MintedArticleToken> {
  const parsed = mintArticleTokenInputSchema.safeParse(raw);
  if (!parsed.success) throw new DomainError("VALIDATION", `Invalid mint request: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  const input = parsed.data;
  const contentRoot = input.contentRoot.toLowerCase();
  const owner = getAddress(input.owner.address);
  if (computeAddress(input.owner.publicKey) !== owner) {
    throw new DomainError("VALIDATION", `The owner's public key does not belong to ${owner}: the sealed key would be unreadable by the owner.`);
  }
  const row = await q.findContentKeyByRoot(deps.db, contentRoot);
  if (!row) throw new DomainError("NOT_FOUND", `No stored article content has root ${contentRoot}: store the content first.`);
  if (row.tokenId !== null) throw new DomainError("CONFLICT", `The content ${contentRoot} is already minted as token ${row.tokenId}.`);

  const key = unwrapContentKey(deps.kek, row.wrappedKey, contentRoot);
  const sealedKey = sealToPublicKey(input.owner.publicKey, key);
  const { tokenId, txHash } = await deps.chain.mintArticle({
    owner,
    storageRoot: contentRoot,
    metadataHash: input.metadataHash,
    sealedKey,
    payees: input.payees.map((p) => ({ account: getAddress(p.account), shareBps: p.shareBps, role: p.role })),
    royaltyBps: input.royaltyBps,
  });
  const chainId = await deps.chain.chainId();
  const articleTokenAddress = getAddress(deps.chain.addresses.articleToken);
  const token = { chainId: Number(chainId), articleTokenAddress, tokenId: tokenId.toString() };
  const { recorded, stale } = await deps.db.transaction(async (tx) => {
    const stale = await q.clearStaleTokenClaims(tx, token, row.id);
    const recorded = await q.markContentKeyMinted(tx, row.id, { ...token, mintedAt: (deps.now ?? (() => new Date()))() });
    return { recorded, stale };
  });
  if (!recorded) throw new DomainError("CONFLICT", `The content ${contentRoot} was minted concurrently; token ${tokenId} has no key row.`);
  await recordAudit(deps.db, {
    actorId: raw.actorId ?? null,
    action: "article.token.minted",
    subjectType: "article_token",
    subjectId: articleTokenSubjectId(chainId, articleTokenAddress, tokenId),
    data: { contentRoot, owner, txHash, payees: input.payees, ...(stale.length > 0 ? { clearedStaleClaims: stale.map((r) => r.contentRoot) } : {}) },
  });
  return { tokenId, txHash, sealedKey };
}
