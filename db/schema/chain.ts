import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { bytea, createdAt, id } from "./_columns";
import { users } from "./identity";
import { manuscripts } from "./manuscripts";

/**
 * The content key of each encrypted article version, wrapped under the platform's key-encryption key (CONTENT_KEK).
 * The platform plays the re-encryption oracle: it releases the key to whoever the chain says may read the article.
 */
export const articleContentKeys = pgTable(
  "article_content_keys",
  {
    id: id(),
    /** 0G Merkle root of the encrypted envelope (0x-prefixed bytes32 hex); the storage root written on chain. */
    contentRoot: text("content_root").notNull(),
    contentSize: integer("content_size").notNull(),
    manuscriptId: uuid("manuscript_id").references(() => manuscripts.id, { onDelete: "set null" }),
    /** AES-256-GCM: version | iv | wrapped key | tag, bound to the content root. */
    wrappedKey: bytea("wrapped_key").notNull(),
    /** Set once the article is minted: which token on which contract of which chain. */
    chainId: integer("chain_id"),
    articleTokenAddress: text("article_token_address"),
    /** uint256 as a decimal string. */
    tokenId: text("token_id"),
    mintedAt: timestamp("minted_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("article_content_keys_content_root_key").on(t.contentRoot),
    uniqueIndex("article_content_keys_token_key").on(t.chainId, t.articleTokenAddress, t.tokenId),
    index("article_content_keys_manuscript_idx").on(t.manuscriptId),
  ],
);
export type ArticleContentKey = typeof articleContentKeys.$inferSelect;

export const WALLET_KINDS = ["siwe", "local"] as const;
export type WalletKind = (typeof WALLET_KINDS)[number];

/** Wallets linked to users: proven by an EIP-4361 signature, or a platform-derived local key (development chain). */
export const userWallets = pgTable(
  "user_wallets",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** EIP-55 checksummed address. */
    address: text("address").notNull(),
    /** Uncompressed secp256k1 public key (0x04…), recovered from the link signature or derived for a local key. */
    publicKey: text("public_key").notNull(),
    kind: text("kind").$type<WalletKind>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("user_wallets_address_key").on(t.address),
    index("user_wallets_user_idx").on(t.userId),
    check("user_wallets_kind_check", sql`${t.kind} in ('siwe','local')`),
  ],
);
export type UserWallet = typeof userWallets.$inferSelect;

/** Single-use EIP-4361 nonces for linking a wallet. */
export const walletLinkNonces = pgTable(
  "wallet_link_nonces",
  {
    nonce: text("nonce").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [index("wallet_link_nonces_user_idx").on(t.userId)],
);
