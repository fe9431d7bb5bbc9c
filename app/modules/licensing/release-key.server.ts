// The re-encryption oracle's role: hand an article's content key only to an account the chain says may read it,
// read from the chain at the moment of the request (no cache), to a requester who proves control of that account.
import { getAddress, verifyMessage } from "ethers";
import type { Db } from "../../../db/client";
import type { ArticleChain } from "../../adapters/chain/index.server";
import { DomainError } from "../../utils/errors";
import { recordAudit } from "../audit/index.server";
import { compressedPublicKey, sealToPublicKey, unwrapContentKey } from "./crypto.server";
import {
  articleTokenSubjectId,
  keyRequestMessage,
  KEY_REQUEST_MAX_AGE_MS,
  KEY_REQUEST_MAX_SKEW_MS,
  releaseKeyInputSchema,
  type AccessBasis,
  type ReleasedKey,
  type ReleaseKeyInput,
} from "./model";
import * as q from "./queries.server";

export interface ReleaseKeyDeps {
  db: Db;
  chain: ArticleChain;
  kek: Uint8Array;
  now?: () => Date;
}

export async function releaseArticleKey(deps: ReleaseKeyDeps, raw: ReleaseKeyInput): Promise<ReleasedKey> {
  const parsed = releaseKeyInputSchema.safeParse(raw);
  if (!parsed.success) {
    throw new DomainError("VALIDATION", `Invalid key request: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  }
  const input = parsed.data;
  const account = getAddress(input.account);
  const chainId = await readChain(() => deps.chain.chainId());
  const articleToken = getAddress(deps.chain.addresses.articleToken);
  const subject = {
    subjectType: "article_token",
    subjectId: articleTokenSubjectId(chainId, articleToken, input.tokenId),
  };
  const refuse = async (code: "FORBIDDEN" | "NOT_FOUND" | "UNAUTHENTICATED", reason: string, message: string): Promise<never> => {
    await recordAudit(deps.db, {
      actorId: input.userId,
      action: "article.key.refused",
      ...subject,
      data: { account, reason, proof: input.proof.kind, delivery: input.delivery.kind },
    });
    throw new DomainError(code, message);
  };

  if (input.delivery.kind === "session" && input.userId === null) {
    return refuse("UNAUTHENTICATED", "no-session", "Sign in to receive an article key over your session, or ask for it sealed to your public key.");
  }

  // 1. The requester controls the account.
  if (input.proof.kind === "linked-wallet") {
    const wallet = input.userId === null ? undefined : await q.findWalletByAddress(deps.db, account);
    if (!wallet || wallet.userId !== input.userId) {
      return refuse("FORBIDDEN", "wallet-not-linked", `The account ${account} is not a wallet linked to your profile: link it first, or sign the key request with it.`);
    }
  } else {
    const now = (deps.now ?? (() => new Date()))();
    const issuedAt = new Date(input.proof.issuedAt);
    const age = now.getTime() - issuedAt.getTime();
    if (age > KEY_REQUEST_MAX_AGE_MS || age < -KEY_REQUEST_MAX_SKEW_MS) {
      return refuse("FORBIDDEN", "stale-signature", "The signed key request is too old (or dated in the future): sign a new one.");
    }
    const message = keyRequestMessage({
      tokenId: input.tokenId,
      articleToken,
      chainId,
      account,
      deliverTo: input.delivery.kind === "sealed" ? input.delivery.recipientPublicKey : "session",
      issuedAt: input.proof.issuedAt,
    });
    let signer: string | undefined;
    try {
      signer = verifyMessage(message, input.proof.signature);
    } catch {
      signer = undefined;
    }
    if (signer !== account) {
      return refuse("FORBIDDEN", "bad-signature", `The key request is not signed by ${account}: sign exactly the request message with that account.`);
    }
  }

  // 2. The chain, now, says the account may read the article.
  const owner = await readChain(() => deps.chain.ownerOf(input.tokenId));
  if (owner === null) return refuse("NOT_FOUND", "no-token", `There is no article token ${input.tokenId} on this chain.`);
  const basis = await accessBasis(deps.chain, input.tokenId, account, owner);
  if (!basis) {
    return refuse(
      "FORBIDDEN",
      "no-licence",
      `The account ${account} may not read article ${input.tokenId}: it is not the owner, not authorised, and holds no unexpired licence. Buy or renew a licence first.`,
    );
  }

  const row = await q.findContentKeyByToken(deps.db, Number(chainId), articleToken, input.tokenId.toString());
  if (!row) return refuse("NOT_FOUND", "no-key", `This platform holds no content key for article token ${input.tokenId}.`);
  // The key must be for the content the token names on chain (a reset development chain reuses ids and addresses).
  const onChain = await readChain(() => deps.chain.intelligentDataOf(input.tokenId));
  if (onChain?.storageRoot.toLowerCase() !== row.contentRoot) {
    return refuse("NOT_FOUND", "root-mismatch", `Article token ${input.tokenId} names different content on chain than the key this platform holds for it.`);
  }
  const key = unwrapContentKey(deps.kek, row.wrappedKey, row.contentRoot);

  // 3. Deliver, and record it.
  const released: ReleasedKey =
    input.delivery.kind === "sealed"
      ? { delivery: "sealed", basis, tokenId: input.tokenId, contentRoot: row.contentRoot, sealedKey: sealToPublicKey(input.delivery.recipientPublicKey, key) }
      : { delivery: "session", basis, tokenId: input.tokenId, contentRoot: row.contentRoot, key };
  await recordAudit(deps.db, {
    actorId: input.userId,
    action: "article.key.released",
    ...subject,
    data: {
      account,
      basis,
      proof: input.proof.kind,
      delivery: input.delivery.kind,
      ...(input.delivery.kind === "sealed" ? { recipientPublicKey: compressedPublicKey(input.delivery.recipientPublicKey) } : {}),
    },
  });
  return released;
}

async function accessBasis(chain: ArticleChain, tokenId: bigint, account: string, owner: string): Promise<AccessBasis | null> {
  if (getAddress(owner) === account) return "owner";
  const [authorized, licensed] = await Promise.all([
    readChain(() => chain.isAuthorizedUser(tokenId, account)),
    readChain(() => chain.hasValidLicense(tokenId, account)),
  ]);
  if (authorized) return "authorized";
  if (licensed) return "license";
  return null;
}

/** A chain that does not answer is the outside world failing, not a refusal. */
async function readChain<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw new DomainError("UNAVAILABLE", `The chain could not be read to check access (${(error as Error).message}); try again shortly.`);
  }
}
