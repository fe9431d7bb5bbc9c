import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./_columns";
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
