import { and, eq, gt, isNull, ne } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { articleContentKeys, userWallets, walletLinkNonces, type WalletKind } from "../../../db/schema";

type Executor = Db | Parameters<Parameters<Db["transaction"]>[0]>[0];

export async function insertContentKey(
  db: Executor,
  input: { contentRoot: string; contentSize: number; manuscriptId: string | null; wrappedKey: Uint8Array },
) {
  const [row] = await db.insert(articleContentKeys).values(input).onConflictDoNothing({ target: articleContentKeys.contentRoot }).returning();
  return row;
}

export function findContentKeyByRoot(db: Executor, contentRoot: string) {
  return db.query.articleContentKeys.findFirst({ where: eq(articleContentKeys.contentRoot, contentRoot) });
}

export function findContentKeyByToken(db: Executor, chainId: number, articleTokenAddress: string, tokenId: string) {
  return db.query.articleContentKeys.findFirst({
    where: and(
      eq(articleContentKeys.chainId, chainId),
      eq(articleContentKeys.articleTokenAddress, articleTokenAddress),
      eq(articleContentKeys.tokenId, tokenId),
    ),
  });
}

/**
 * Forgets every other row's claim to a token id the chain has just minted for different content: such a claim comes
 * from a chain that was reset (a development chain without its state), where ids and addresses repeat.
 */
export async function clearStaleTokenClaims(
  db: Executor,
  token: { chainId: number; articleTokenAddress: string; tokenId: string },
  exceptId: string,
) {
  return db
    .update(articleContentKeys)
    .set({ chainId: null, articleTokenAddress: null, tokenId: null, mintedAt: null })
    .where(
      and(
        eq(articleContentKeys.chainId, token.chainId),
        eq(articleContentKeys.articleTokenAddress, token.articleTokenAddress),
        eq(articleContentKeys.tokenId, token.tokenId),
        ne(articleContentKeys.id, exceptId),
      ),
    )
    .returning({ id: articleContentKeys.id, contentRoot: articleContentKeys.contentRoot });
}

/** Records the mint on a key that was not minted yet; false when another mint got there first. */
export async function markContentKeyMinted(
  db: Executor,
  id: string,
  token: { chainId: number; articleTokenAddress: string; tokenId: string; mintedAt: Date },
): Promise<boolean> {
  const rows = await db
    .update(articleContentKeys)
    .set(token)
    .where(and(eq(articleContentKeys.id, id), isNull(articleContentKeys.tokenId)))
    .returning({ id: articleContentKeys.id });
  return rows.length === 1;
}

export async function insertWalletLinkNonce(db: Executor, input: { nonce: string; userId: string; expiresAt: Date }) {
  await db.insert(walletLinkNonces).values(input);
}

/** Marks the nonce used if it belongs to the user, is unused and unexpired; one caller at most ever gets a row. */
export async function consumeWalletLinkNonce(db: Executor, nonce: string, userId: string, now: Date) {
  const [row] = await db
    .update(walletLinkNonces)
    .set({ usedAt: now })
    .where(
      and(
        eq(walletLinkNonces.nonce, nonce),
        eq(walletLinkNonces.userId, userId),
        isNull(walletLinkNonces.usedAt),
        gt(walletLinkNonces.expiresAt, now),
      ),
    )
    .returning();
  return row;
}

export function findWalletLinkNonce(db: Executor, nonce: string) {
  return db.query.walletLinkNonces.findFirst({ where: eq(walletLinkNonces.nonce, nonce) });
}

export function findWalletByAddress(db: Executor, address: string) {
  return db.query.userWallets.findFirst({ where: eq(userWallets.address, address) });
}

export function listWalletsOfUser(db: Executor, userId: string) {
  return db.query.userWallets.findMany({ where: eq(userWallets.userId, userId), orderBy: (w, { asc }) => [asc(w.createdAt)] });
}

/** Inserts the wallet unless its address is linked already; returns the row that holds the address. */
export async function insertWallet(db: Executor, input: { userId: string; address: string; publicKey: string; kind: WalletKind }) {
  const [inserted] = await db.insert(userWallets).values(input).onConflictDoNothing({ target: userWallets.address }).returning();
  if (inserted) return { wallet: inserted, created: true };
  const existing = await findWalletByAddress(db, input.address);
  if (!existing) throw new Error(`Wallet ${input.address} neither inserted nor found`);
  return { wallet: existing, created: false };
}
