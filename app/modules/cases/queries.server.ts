// The cases module's only database file: cases, peer nodes, and the institution facts consent decisions need.
import { and, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { caseAccessLog, casePublications, cases, institutions, manuscriptAuthors, manuscripts, mmePeers, type CaseRow } from "../../../db/schema";

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
type Executor = Db | Tx;

export async function insertCase(tx: Executor, values: typeof cases.$inferInsert): Promise<CaseRow> {
  const [row] = await tx.insert(cases).values(values).returning();
  return row;
}

export async function findCase(db: Executor, id: string): Promise<CaseRow | undefined> {
  const [row] = await db.select().from(cases).where(eq(cases.id, id)).limit(1);
  return row;
}

export async function findCaseByPatientToken(db: Executor, tokenHash: string): Promise<CaseRow | undefined> {
  const [row] = await db.select().from(cases).where(eq(cases.patientTokenHash, tokenHash)).limit(1);
  return row;
}

export function activeCases(db: Executor): Promise<CaseRow[]> {
  return db.select().from(cases).where(eq(cases.status, "active"));
}

/** Marks an active case withdrawn; false when it was not active. */
export async function setCaseWithdrawn(db: Executor, id: string): Promise<boolean> {
  const rows = await db.update(cases).set({ status: "withdrawn", updatedAt: new Date() }).where(and(eq(cases.id, id), eq(cases.status, "active"))).returning({ id: cases.id });
  return rows.length > 0;
}

/** Of these ids, the ones whose case is still active (results are re-checked against this before release). */
export async function activeCaseIds(db: Executor, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: cases.id }).from(cases).where(and(inArray(cases.id, ids), eq(cases.status, "active")));
  return new Set(rows.map((r) => r.id));
}

export function casesByIds(db: Executor, ids: string[]): Promise<CaseRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select().from(cases).where(inArray(cases.id, ids));
}

/** Cases a clinician contributed or that belong to one of their institutions. */
export function casesVisibleTo(db: Executor, userId: string, institutionIds: string[]) {
  const mine = eq(cases.createdBy, userId);
  return db
    .select({ id: cases.id, label: cases.label, status: cases.status, createdAt: cases.createdAt, features: cases.features, genomicFeatures: cases.genomicFeatures })
    .from(cases)
    .where(institutionIds.length ? sql`${mine} or ${inArray(cases.institutionId, institutionIds)}` : mine)
    .orderBy(desc(cases.createdAt));
}

export async function setPatientToken(db: Executor, caseId: string, tokenHash: string) {
  await db.update(cases).set({ patientTokenHash: tokenHash }).where(eq(cases.id, caseId));
}

export function institutionsByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select({ id: institutions.id, name: institutions.name, country: institutions.country }).from(institutions).where(inArray(institutions.id, ids));
}

export function allInstitutions(db: Executor) {
  return db.select({ id: institutions.id, name: institutions.name, country: institutions.country }).from(institutions).orderBy(institutions.name);
}

// ------------------------------------------------------------------------------------------------ peers

export function listPeers(db: Executor) {
  return db.select().from(mmePeers).orderBy(mmePeers.name);
}

export function enabledPeers(db: Executor) {
  return db.select().from(mmePeers).where(eq(mmePeers.enabled, true)).orderBy(mmePeers.name);
}

export async function findPeerByInboundHash(db: Executor, hash: string) {
  const [row] = await db.select().from(mmePeers).where(and(eq(mmePeers.inboundTokenHash, hash), eq(mmePeers.enabled, true))).limit(1);
  return row;
}

export async function findPeer(db: Executor, id: string) {
  const [row] = await db.select().from(mmePeers).where(eq(mmePeers.id, id)).limit(1);
  return row;
}

export async function insertPeer(db: Executor, values: typeof mmePeers.$inferInsert) {
  const rows = await db.insert(mmePeers).values(values).onConflictDoNothing().returning();
  return rows[0];
}

export async function updatePeer(db: Executor, id: string, values: Partial<typeof mmePeers.$inferInsert>) {
  const [row] = await db.update(mmePeers).set(values).where(eq(mmePeers.id, id)).returning();
  return row;
}

export async function deletePeer(db: Executor, id: string) {
  await db.delete(mmePeers).where(eq(mmePeers.id, id));
}

export async function countLogActions(db: Executor, actions: string[]): Promise<Record<string, number>> {
  const rows = await db
    .select({ action: caseAccessLog.action, n: count() })
    .from(caseAccessLog)
    .where(inArray(caseAccessLog.action, actions))
    .groupBy(caseAccessLog.action);
  return Object.fromEntries(rows.map((r) => [r.action, Number(r.n)]));
}

// ------------------------------------------------------------------------------------------------ publications

export async function findManuscriptForLinking(db: Executor, manuscriptId: string, userId: string) {
  const [m] = await db.select({ id: manuscripts.id, title: manuscripts.title, status: manuscripts.status, createdBy: manuscripts.createdBy }).from(manuscripts).where(eq(manuscripts.id, manuscriptId)).limit(1);
  if (!m) return undefined;
  const [author] = await db
    .select({ userId: manuscriptAuthors.userId })
    .from(manuscriptAuthors)
    .where(and(eq(manuscriptAuthors.manuscriptId, manuscriptId), eq(manuscriptAuthors.userId, userId), eq(manuscriptAuthors.status, "accepted")))
    .limit(1);
  return { ...m, isAuthor: m.createdBy === userId || !!author };
}

export async function insertCasePublication(db: Executor, values: typeof casePublications.$inferInsert): Promise<boolean> {
  const rows = await db.insert(casePublications).values(values).onConflictDoNothing().returning({ id: casePublications.id });
  return rows.length > 0;
}

export function publicationsOfCase(db: Executor, caseId: string) {
  return db
    .select({ manuscriptId: casePublications.manuscriptId, title: manuscripts.title, status: manuscripts.status, linkedAt: casePublications.createdAt })
    .from(casePublications)
    .innerJoin(manuscripts, eq(manuscripts.id, casePublications.manuscriptId))
    .where(eq(casePublications.caseId, caseId))
    .orderBy(casePublications.createdAt);
}
