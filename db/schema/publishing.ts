import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./_columns";
import { institutions, users } from "./identity";
import { manuscripts, manuscriptVersions } from "./manuscripts";
import { submissions, venues } from "./review";

export type ArticleStatus = "proposed" | "approved" | "publishing" | "published";
export type PublishStepName = "freeze" | "html" | "jats" | "store" | "mint" | "authorise" | "terms" | "index";
export interface PublishStepState {
  status: "done" | "failed";
  at: string;
  /** What the step produced (hashes, roots, ids) or why it failed. */
  detail: string;
}

/** An accepted submission on its way to publication, and then the published article. */
export const articles = pgTable(
  "articles",
  {
    id: id(),
    submissionId: uuid("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    manuscriptId: uuid("manuscript_id")
      .notNull()
      .references(() => manuscripts.id, { onDelete: "cascade" }),
    venueId: uuid("venue_id")
      .notNull()
      .references(() => venues.id),
    /** The accepted version, frozen for publication. */
    versionId: uuid("version_id")
      .notNull()
      .references(() => manuscriptVersions.id),
    contentHash: text("content_hash").notNull(),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    abstract: text("abstract").notNull().default(""),
    status: text("status").$type<ArticleStatus>().notNull().default("proposed"),
    steps: jsonb("steps").$type<Partial<Record<PublishStepName, PublishStepState>>>().notNull().default({}),
    /** Wei, decimal string: the price of a personal reading licence. */
    priceWei: text("price_wei").notNull(),
    licenceDurationSeconds: integer("licence_duration_seconds").notNull(),
    royaltyBps: integer("royalty_bps").notNull().default(500),
    contentRoot: text("content_root"),
    metadataHash: text("metadata_hash"),
    chainId: integer("chain_id"),
    articleTokenAddress: text("article_token_address"),
    /** uint256 as a decimal string. */
    tokenId: text("token_id"),
    mintTxHash: text("mint_tx_hash"),
    views: integer("views").notNull().default(0),
    reads: integer("reads").notNull().default(0),
    publishedAt: timestamp("published_at", { withTimezone: true, mode: "date" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("articles_submission_key").on(t.submissionId),
    uniqueIndex("articles_slug_key").on(t.slug),
    index("articles_status_idx").on(t.status),
    check("articles_status_check", sql`${t.status} in ('proposed','approved','publishing','published')`),
  ],
);
export type Article = typeof articles.$inferSelect;

/** One payee of an article's revenue split, with the measure it was proposed from and the payee's approval. */
export const articleShares = pgTable(
  "article_shares",
  {
    articleId: uuid("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    role: text("role").$type<"author" | "reviewer">().notNull(),
    /** Mint order: the first payee receives the rounding dust. */
    position: integer("position").notNull(),
    shareBps: integer("share_bps").notNull(),
    /** Characters of the manuscript attributed to the author when the split was proposed (0 for reviewers). */
    measuredCharacters: integer("measured_characters").notNull().default(0),
    /** The wallet paid at mint (EIP-55), fixed when the article is minted. */
    payeeAddress: text("payee_address"),
    approvedAt: timestamp("approved_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.userId] }),
    index("article_shares_user_idx").on(t.userId),
    check("article_shares_role_check", sql`${t.role} in ('author','reviewer')`),
    check("article_shares_bps_check", sql`${t.shareBps} > 0 and ${t.shareBps} <= 10000`),
  ],
);
export type ArticleShare = typeof articleShares.$inferSelect;

/** Licences bought through MedNexus, as the chain recorded them. */
export const articleLicences = pgTable(
  "article_licences",
  {
    id: id(),
    articleId: uuid("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    licensee: text("licensee").notNull(),
    /** uint256 as a decimal string. */
    licenceId: text("licence_id").notNull(),
    priceWei: text("price_wei").notNull(),
    /** Null for a perpetual licence. */
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }),
    txHash: text("tx_hash").notNull(),
    /** An institutional licence: every verified member of this institution reads while it is valid. Null for a personal one. */
    institutionId: uuid("institution_id").references(() => institutions.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("article_licences_tx_key").on(t.txHash),
    index("article_licences_user_idx").on(t.userId),
    index("article_licences_article_idx").on(t.articleId),
    index("article_licences_institution_idx").on(t.institutionId),
  ],
);
export type ArticleLicence = typeof articleLicences.$inferSelect;

/** Withdrawals of revenue made through MedNexus. */
export const earningWithdrawals = pgTable(
  "earning_withdrawals",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    address: text("address").notNull(),
    amountWei: text("amount_wei").notNull(),
    txHash: text("tx_hash").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("earning_withdrawals_tx_key").on(t.txHash), index("earning_withdrawals_user_idx").on(t.userId)],
);
