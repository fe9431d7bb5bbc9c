import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { bytea, createdAt, id, updatedAt } from "./_columns";
import { users } from "./identity";

import type { ArticleType, AuthorStatus, ManuscriptStatus } from "./enums";

export { ARTICLE_TYPES, AUTHOR_STATUSES, MANUSCRIPT_STATUSES, type ArticleType, type AuthorStatus, type ManuscriptStatus } from "./enums";


export const manuscripts = pgTable(
  "manuscripts",
  {
    id: id(),
    title: text("title").notNull(),
    abstract: text("abstract").notNull().default(""),
    keywords: text("keywords").array().notNull().default(sql`'{}'::text[]`),
    articleType: text("article_type").$type<ArticleType>().notNull(),
    status: text("status").$type<ManuscriptStatus>().notNull().default("draft"),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("manuscripts_created_by_idx").on(t.createdBy)],
);
export type Manuscript = typeof manuscripts.$inferSelect;


export const manuscriptAuthors = pgTable(
  "manuscript_authors",
  {
    manuscriptId: uuid("manuscript_id")
      .notNull()
      .references(() => manuscripts.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    isCorresponding: boolean("is_corresponding").notNull().default(false),
    creditRoles: text("credit_roles").array().notNull().default(sql`'{}'::text[]`),
    status: text("status").$type<AuthorStatus>().notNull().default("invited"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.manuscriptId, t.userId] }),
    index("manuscript_authors_user_idx").on(t.userId),
    check("manuscript_authors_status_check", sql`${t.status} in ('invited','accepted','declined')`),
  ],
);

/** A named, frozen version of a manuscript: the Yjs state (gc on), its ProseMirror JSON and a content hash. */
export const manuscriptVersions = pgTable(
  "manuscript_versions",
  {
    id: id(),
    manuscriptId: uuid("manuscript_id")
      .notNull()
      .references(() => manuscripts.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    name: text("name").notNull(),
    state: bytea("state").notNull(),
    content: jsonb("content").$type<Record<string, unknown>>().notNull(),
    contentHash: text("content_hash").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("manuscript_versions_number_key").on(t.manuscriptId, t.number)],
);
export type ManuscriptVersion = typeof manuscriptVersions.$inferSelect;
