// The hash chain of the case access log: canonical JSON (sorted keys, no spaces) of each entry, chained by
// hash = sha256(prev_hash + canonical). Pure; shared by the writer and scripts/verify-audit.ts.
import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

/** What is hashed: everything but the row's position (seq) and the hashes themselves. */
export interface ChainedEntry {
  at: string;
  actor: string;
  actorLabel: string;
  action: string;
  caseId: string | null;
  purpose: string | null;
  decision: string | null;
  data: Record<string, unknown>;
}

/** JSON with object keys sorted at every level, so the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(",")}}`;
}

export function entryHash(prevHash: string, entry: ChainedEntry): string {
  return createHash("sha256").update(prevHash).update(canonicalJson(entry)).digest("hex");
}

export interface ChainProblem {
  seq: number;
  problem: string;
}

/** Checks a whole chain in seq order: every prev_hash links to the previous hash and every hash recomputes. */
export function verifyChain(rows: Array<ChainedEntry & { seq: number; prevHash: string; hash: string }>): ChainProblem[] {
  const problems: ChainProblem[] = [];
  let prev = GENESIS_HASH;
  for (const row of rows) {
    const { prevHash, hash, seq: _seq, ...entry } = row;
    if (prevHash !== prev) problems.push({ seq: row.seq, problem: `prev_hash ${prevHash.slice(0, 12)}… does not link to the previous entry's hash ${prev.slice(0, 12)}…` });
    const expected = entryHash(prevHash, entry);
    if (expected !== hash) problems.push({ seq: row.seq, problem: `hash does not match the entry's content (stored ${hash.slice(0, 12)}…, computed ${expected.slice(0, 12)}…)` });
    prev = hash;
  }
  return problems;
}
