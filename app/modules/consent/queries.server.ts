// The consent module's only database file: consent versions and the hash-chained case access log.
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { caseAccessLog, caseConsents, type CaseConsentRow } from "../../../db/schema";
import { GENESIS_HASH, entryHash, type ChainedEntry } from "./audit-chain.server";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
type Executor = Db | Tx;

/** Serialises appends to the chain across connections and processes (pg); PGlite runs one transaction at a time. */
const ACCESS_LOG_LOCK = 7_412_101;

export async function latestConsent(db: Executor, caseId: string): Promise<CaseConsentRow | undefined> {
  const [row] = await db.select().from(caseConsents).where(eq(caseConsents.caseId, caseId)).orderBy(desc(caseConsents.version)).limit(1);
  return row;
}

/** The consent in force (highest version) for each of the given cases; all cases when `caseIds` is omitted. */
export async function latestConsents(db: Executor, caseIds?: string[]): Promise<CaseConsentRow[]> {
  if (caseIds && caseIds.length === 0) return [];
  const rows = await db
    .selectDistinctOn([caseConsents.caseId])
    .from(caseConsents)
    .where(caseIds ? inArray(caseConsents.caseId, caseIds) : undefined)
    .orderBy(caseConsents.caseId, desc(caseConsents.version));
  return rows;
}

export function consentHistory(db: Executor, caseId: string) {
  return db.select().from(caseConsents).where(eq(caseConsents.caseId, caseId)).orderBy(desc(caseConsents.version));
}

export async function insertConsentVersion(tx: Executor, values: Omit<typeof caseConsents.$inferInsert, "version" | "id" | "createdAt">) {
  const [{ next }] = await tx
    .select({ next: sql<number>`coalesce(max(${caseConsents.version}), 0) + 1` })
    .from(caseConsents)
    .where(eq(caseConsents.caseId, values.caseId));
  const [row] = await tx
    .insert(caseConsents)
    .values({ ...values, version: Number(next) })
    .returning();
  return row;
}

/** Appends entries to the chain in order, inside the caller's transaction. */
export async function appendAccessLog(tx: Tx, entries: ChainedEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.execute(sql`select pg_advisory_xact_lock(${ACCESS_LOG_LOCK})`);
  const [last] = await tx.select({ hash: caseAccessLog.hash }).from(caseAccessLog).orderBy(desc(caseAccessLog.seq)).limit(1);
  let prev = last?.hash ?? GENESIS_HASH;
  const rows = entries.map((entry) => {
    const hash = entryHash(prev, entry);
    const row = { ...entry, prevHash: prev, hash };
    prev = hash;
    return row;
  });
  await tx.insert(caseAccessLog).values(rows);
}

export function accessLogForCase(db: Executor, caseId: string, limit = 200) {
  return db.select().from(caseAccessLog).where(eq(caseAccessLog.caseId, caseId)).orderBy(desc(caseAccessLog.seq)).limit(limit);
}

export function accessLogForCaseAndAction(db: Executor, caseId: string, actions: string[]) {
  return db
    .select()
    .from(caseAccessLog)
    .where(and(eq(caseAccessLog.caseId, caseId), inArray(caseAccessLog.action, actions)))
    .orderBy(desc(caseAccessLog.seq));
}

export function wholeAccessLog(db: Executor) {
  return db.select().from(caseAccessLog).orderBy(asc(caseAccessLog.seq));
}
