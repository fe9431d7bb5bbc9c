import { bigint, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { bytea, createdAt } from "./_columns";

// The collab-server's storage: the Yjs update log is the source of truth for a manuscript draft.
// User ids are the ids carried by collab tokens (text, no foreign key): the log must accept every
// update the server has broadcast, even from a user deleted a moment later.

/** Append-only log of Yjs updates, folded into `collab_snapshots` by compaction. */
export const collabUpdates = pgTable(
  "collab_updates",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    documentName: text("document_name").notNull(),
    update: bytea("update").notNull(),
    userId: text("user_id"),
    createdAt: createdAt(),
  },
  (t) => [index("collab_updates_document_idx").on(t.documentName, t.id)],
);
export type CollabUpdate = typeof collabUpdates.$inferSelect;

/** One compacted state per document: every log row with id ≤ `lastUpdateId` is folded into `state`. */
export const collabSnapshots = pgTable("collab_snapshots", {
  documentName: text("document_name").primaryKey(),
  state: bytea("state").notNull(),
  lastUpdateId: bigint("last_update_id", { mode: "number" }).notNull(),
  updateCount: integer("update_count").notNull().default(0),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});
export type CollabSnapshot = typeof collabSnapshots.$inferSelect;

/** Which user wrote with which Yjs client id in a document (for per-author contribution). */
export const collabClientAuthors = pgTable(
  "collab_client_authors",
  {
    documentName: text("document_name").notNull(),
    clientId: bigint("client_id", { mode: "number" }).notNull(),
    userId: text("user_id").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.documentName, t.clientId] })],
);
export type CollabClientAuthor = typeof collabClientAuthors.$inferSelect;
