import { and, asc, desc, eq, inArray, max, ne, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { collabClientAuthors, collabSnapshots, collabUpdates, manuscriptAuthors, manuscripts, manuscriptVersions, users } from "../../../db/schema";
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

// --- versions ---

export async function readDraftState(db: Db, documentName: string) {
  return db.transaction(async (tx) => {
    // The collab-server compacts under the same lock: snapshot and tail are read as one consistent pair.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${documentName}))`);
    const [snapshot] = await tx.select({ state: collabSnapshots.state }).from(collabSnapshots).where(eq(collabSnapshots.documentName, documentName));
    const rows = await tx.select({ update: collabUpdates.update }).from(collabUpdates).where(eq(collabUpdates.documentName, documentName)).orderBy(asc(collabUpdates.id));
    return { snapshot: snapshot?.state ?? null, updates: rows.map((r) => r.update) };
  });
}

export function clientAuthors(db: Db, documentName: string) {
  return db.select({ clientId: collabClientAuthors.clientId, userId: collabClientAuthors.userId }).from(collabClientAuthors).where(eq(collabClientAuthors.documentName, documentName));
}

export async function insertVersion(
  tx: Db | Tx,
  input: { manuscriptId: string; name: string; state: Uint8Array; content: Record<string, unknown>; contentHash: string; createdBy: string },
) {
  const [{ latest }] = await tx.select({ latest: max(manuscriptVersions.number) }).from(manuscriptVersions).where(eq(manuscriptVersions.manuscriptId, input.manuscriptId));
  const [row] = await tx.insert(manuscriptVersions).values({ ...input, number: (latest ?? 0) + 1 }).returning();
  return row;
}

export function listVersions(db: Db, manuscriptId: string) {
  return db
    .select({ number: manuscriptVersions.number, name: manuscriptVersions.name, contentHash: manuscriptVersions.contentHash, createdAt: manuscriptVersions.createdAt, author: users.name })
    .from(manuscriptVersions)
    .leftJoin(users, eq(users.id, manuscriptVersions.createdBy))
    .where(eq(manuscriptVersions.manuscriptId, manuscriptId))
    .orderBy(desc(manuscriptVersions.number));
}

export function getVersion(db: Db, manuscriptId: string, number: number) {
  return db.query.manuscriptVersions.findFirst({ where: and(eq(manuscriptVersions.manuscriptId, manuscriptId), eq(manuscriptVersions.number, number)) });
}
