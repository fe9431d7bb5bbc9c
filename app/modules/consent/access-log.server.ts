// The case access log: every access and every consent decision, appended to a hash chain.
import type { Db } from "../../../db/client";
import { verifyChain, type ChainProblem, type ChainedEntry } from "./audit-chain.server";
import * as q from "./queries.server";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export interface AccessEvent {
  actor: string;
  actorLabel: string;
  action: string;
  caseId?: string | null;
  purpose?: string | null;
  decision?: "permit" | "deny" | null;
  data?: Record<string, unknown>;
}

function toEntry(e: AccessEvent, at: Date): ChainedEntry {
  return {
    at: at.toISOString(),
    actor: e.actor,
    actorLabel: e.actorLabel,
    action: e.action,
    caseId: e.caseId ?? null,
    purpose: e.purpose ?? null,
    decision: e.decision ?? null,
    data: e.data ?? {},
  };
}

/** Appends events inside an existing transaction (so the log and the change commit together). */
export function logAccessIn(tx: Tx, events: AccessEvent[], at = new Date()): Promise<void> {
  return q.appendAccessLog(
    tx,
    events.map((e) => toEntry(e, at)),
  );
}

export function logAccess(db: Db, events: AccessEvent[], at = new Date()): Promise<void> {
  if (events.length === 0) return Promise.resolve();
  return db.transaction((tx) => logAccessIn(tx, events, at));
}

export function accessLogForCase(db: Db, caseId: string, limit?: number) {
  return q.accessLogForCase(db, caseId, limit);
}

export async function verifyAccessLog(db: Db): Promise<{ entries: number; problems: ChainProblem[] }> {
  const rows = await q.wholeAccessLog(db);
  return { entries: rows.length, problems: verifyChain(rows) };
}
