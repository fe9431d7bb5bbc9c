import { and, desc, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { manuscriptAuthors, manuscripts } from "../../../db/schema";
import type { Tx } from "../identity/queries.server";
import type { NewManuscriptInput } from "./model";

export async function insertManuscript(tx: Db | Tx, input: NewManuscriptInput, creatorId: string) {
  const [row] = await tx.insert(manuscripts).values({ ...input, createdBy: creatorId }).returning();
  await tx.insert(manuscriptAuthors).values({ manuscriptId: row.id, userId: creatorId, position: 1, isCorresponding: true, status: "accepted" });
  return row;
}

export async function listForAuthor(db: Db, userId: string) {
  const rows = await db
    .select({ id: manuscriptAuthors.manuscriptId })
    .from(manuscriptAuthors)
    .where(and(eq(manuscriptAuthors.userId, userId), ne(manuscriptAuthors.status, "declined")));
  if (rows.length === 0) return [];
  return db.query.manuscripts.findMany({
    where: inArray(manuscripts.id, rows.map((r) => r.id)),
    orderBy: [desc(manuscripts.updatedAt)],
    with: { authors: { with: { user: { columns: { id: true, name: true } } } } },
  });
}

export function listNotDraft(db: Db) {
  return db.query.manuscripts.findMany({
    where: ne(manuscripts.status, "draft"),
    orderBy: [desc(manuscripts.updatedAt)],
    with: { authors: { with: { user: { columns: { id: true, name: true } } } } },
  });
}

export function getManuscript(db: Db, id: string) {
  return db.query.manuscripts.findFirst({
    where: eq(manuscripts.id, id),
    with: { authors: { with: { user: { columns: { id: true, name: true, orcid: true } } } } },
  });
}
