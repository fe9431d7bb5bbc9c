// Consent versions: record a new version, revoke (a new version that denies), read what is in force.
import type { Db } from "../../../db/client";
import type { CaseConsentRow } from "../../../db/schema";
import { DomainError } from "../../utils/errors";
import { consentInputSchema, type ConsentRecord } from "./model";
import * as q from "./queries.server";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export function toConsentRecord(row: CaseConsentRow): ConsentRecord {
  return {
    id: row.id,
    caseId: row.caseId,
    version: row.version,
    status: row.status,
    permission: row.permission,
    disease: row.disease,
    modifiers: row.modifiers,
    scopeCountries: row.scopeCountries,
    scopeInstitutionIds: row.scopeInstitutionIds,
    allowFederation: row.allowFederation,
    expiresAt: row.expiresAt,
    recordedByLabel: row.recordedByLabel,
    createdAt: row.createdAt,
  };
}

function fieldErrors(issues: { path: (string | number)[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) out[String(i.path[0] ?? "form")] ??= i.message;
  return out;
}

/** Validates consent form input; throws VALIDATION with field messages. */
export function parseConsentInput(raw: unknown) {
  const parsed = consentInputSchema.safeParse(raw);
  if (!parsed.success) throw new DomainError("VALIDATION", "Check the consent fields.", fieldErrors(parsed.error.issues));
  return parsed.data;
}

export async function recordConsentVersion(tx: Tx, input: { caseId: string; raw: unknown; recordedBy: string; recordedByLabel: string }): Promise<ConsentRecord> {
  const c = parseConsentInput(input.raw);
  const row = await q.insertConsentVersion(tx, {
    caseId: input.caseId,
    status: "active",
    permission: c.permission,
    disease: c.permission === "DS" ? c.disease : null,
    modifiers: c.modifiers,
    scopeCountries: c.scopeCountries,
    scopeInstitutionIds: c.scopeInstitutionIds,
    allowFederation: c.allowFederation,
    expiresAt: c.expiresAt,
    recordedBy: input.recordedBy,
    recordedByLabel: input.recordedByLabel,
  });
  return toConsentRecord(row);
}

/** Revocation is a new version with status "revoked": history stays, the newest version denies every use. */
export async function revokeConsentVersion(tx: Tx, input: { caseId: string; recordedBy: string | null; recordedByLabel: string }): Promise<ConsentRecord> {
  const current = await q.latestConsent(tx, input.caseId);
  if (current?.status === "revoked") throw new DomainError("INVALID_TRANSITION", "Consent is already withdrawn.");
  const row = await q.insertConsentVersion(tx, {
    caseId: input.caseId,
    status: "revoked",
    permission: current?.permission ?? "NRES",
    disease: current?.disease ?? null,
    modifiers: current?.modifiers ?? [],
    scopeCountries: current?.scopeCountries ?? [],
    scopeInstitutionIds: current?.scopeInstitutionIds ?? [],
    allowFederation: false,
    expiresAt: null,
    recordedBy: input.recordedBy,
    recordedByLabel: input.recordedByLabel,
  });
  return toConsentRecord(row);
}

export async function currentConsents(db: Db | Tx, caseIds?: string[]): Promise<Map<string, ConsentRecord>> {
  const rows = await q.latestConsents(db, caseIds);
  return new Map(rows.map((r) => [r.caseId, toConsentRecord(r)]));
}

export async function consentHistory(db: Db, caseId: string): Promise<ConsentRecord[]> {
  return (await q.consentHistory(db, caseId)).map(toConsentRecord);
}
