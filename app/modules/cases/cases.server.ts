// Case use cases: review a draft for identifiers, save it de-identified, read it, record consent, patient links.
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../../../db/client";
import type { CaseRow } from "../../../db/schema";
import { DomainError } from "../../utils/errors";
import {
  consentHistory,
  consentToFhir,
  decide,
  logAccess,
  logAccessIn,
  recordConsentVersion,
  currentConsents,
  type ConsentRecord,
  type Purpose,
} from "../consent/index.server";
import type { SessionUser } from "../identity/index.server";
import { caseToMmePatient } from "../matching/index.server";
import type { HpoBundle } from "../phenotypes/index.server";
import { caseHpo } from "./hpo.server";
import { applyResolutions, findDraftIdentifiers } from "./ingest";
import { caseLibrary, libraryEvents, toMatchCase } from "./library.server";
import { caseDraftSchema, type CaseDraft, type IdentifierFinding, type Resolution } from "./model";
import * as q from "./queries.server";
import { actorLabel, institutionsOf, userRequester, type Attestations } from "./requester.server";

export interface CasesDeps {
  db: Db;
  hpo?: HpoBundle;
  now?: () => Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function newPatientToken(): string {
  return randomBytes(24).toString("base64url");
}

function zodFieldErrors(issues: { path: (string | number)[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) out[i.path.join(".") || "form"] ??= i.message;
  return out;
}

/** Validates a draft and checks every HPO id against the ontology (alt ids resolve to their current term). */
export function validateDraft(hpo: HpoBundle, raw: unknown): CaseDraft {
  const parsed = caseDraftSchema.safeParse(raw);
  if (!parsed.success) throw new DomainError("VALIDATION", `Check the case: ${parsed.error.issues[0]?.message ?? "invalid"}.`, zodFieldErrors(parsed.error.issues));
  const draft = parsed.data;
  const errors: Record<string, string> = {};
  draft.features = draft.features.map((f, i) => {
    const r = hpo.ontology.resolve(f.id);
    if (!r.term) {
      errors[`features.${i}.id`] = `${f.id} is not a term of the ${hpo.ontology.attribution}`;
      return f;
    }
    return { ...f, id: r.term.id, label: r.term.name };
  });
  if (Object.keys(errors).length) throw new DomainError("VALIDATION", Object.values(errors)[0], errors);
  return draft;
}

/** What the clinician must resolve before saving. */
export function reviewDraft(deps: CasesDeps, raw: unknown): { draft: CaseDraft; findings: IdentifierFinding[] } {
  const draft = validateDraft(deps.hpo ?? caseHpo(), raw);
  return { draft, findings: findDraftIdentifiers(draft) };
}

function canManage(user: SessionUser, row: Pick<CaseRow, "createdBy" | "institutionId">): boolean {
  if (row.createdBy === user.id) return true;
  return !!row.institutionId && user.roles.includes("clinician") && user.verifiedInstitutionIds.includes(row.institutionId);
}

/**
 * Saves a case: re-detects identifiers on the submitted text, refuses while any is unresolved, redacts those marked
 * "redact", stores only the de-identified structured record, logs the creation and adds the case to the library.
 * Returns the patient's secret link token, shown once.
 */
export async function createCase(
  deps: CasesDeps,
  actor: SessionUser,
  input: { draft: unknown; resolutions: Record<string, Resolution> },
): Promise<{ caseId: string; patientToken: string }> {
  const hpo = deps.hpo ?? caseHpo();
  const draft = validateDraft(hpo, input.draft);
  const outcome = applyResolutions(draft, input.resolutions ?? {});
  if (outcome.unresolved.length > 0) {
    throw new DomainError(
      "VALIDATION",
      `Resolve every identifier before saving: ${outcome.unresolved.length} left (${outcome.unresolved.map((u) => u.kindLabel).join(", ")}).`,
      { identifiers: "Redact or confirm each highlighted identifier." },
    );
  }
  const clean = outcome.draft;
  const insts = await institutionsOf(deps.db, actor);
  const label = await actorLabel(deps.db, actor);
  const token = newPatientToken();
  const row = await deps.db.transaction(async (tx) => {
    const created = await q.insertCase(tx, {
      label: clean.label,
      institutionId: insts[0]?.id ?? null,
      createdBy: actor.id,
      sex: clean.sex ?? null,
      ageBand: clean.ageBand ?? null,
      ageOfOnset: clean.ageOfOnset ?? null,
      onsetYear: clean.onsetYear ?? null,
      country: clean.country ?? null,
      summary: clean.summary,
      features: clean.features.map((f) => (f.label ? { id: f.id, label: f.label, observed: f.observed } : { id: f.id, observed: f.observed })),
      genomicFeatures: clean.genomicFeatures.map((g) => {
        const out: CaseRow["genomicFeatures"][number] = { gene: g.gene.toUpperCase().startsWith("ENSG") || g.gene.startsWith("HGNC:") ? g.gene : g.gene.toUpperCase() };
        if (g.assembly && g.referenceName) {
          out.variant = { assembly: g.assembly, referenceName: g.referenceName.replace(/^chr/i, "").toUpperCase() };
          if (g.start !== undefined) out.variant.start = g.start;
          if (g.referenceBases) out.variant.referenceBases = g.referenceBases.toUpperCase();
          if (g.alternateBases) out.variant.alternateBases = g.alternateBases.toUpperCase();
        }
        if (g.zygosity) out.zygosity = g.zygosity;
        return out;
      }),
      disorders: clean.disorders.map((d) => (d.label ? { id: d.id.toUpperCase(), label: d.label } : { id: d.id.toUpperCase() })),
      contact: { name: actor.name, href: `mailto:${actor.email}`, ...(insts[0] ? { institution: insts[0].name } : {}) },
      patientTokenHash: hashToken(token),
      deidReport: outcome.report,
    });
    await logAccessIn(tx, [
      { actor: `user:${actor.id}`, actorLabel: label, action: "case.created", caseId: created.id, data: { identifiers: outcome.report.map((r) => `${r.kind}:${r.action}`) } },
    ]);
    return created;
  });
  await libraryEvents.added(deps.db, row);
  return { caseId: row.id, patientToken: token };
}

async function manageableCase(deps: CasesDeps, actor: SessionUser, caseId: string): Promise<CaseRow> {
  if (!UUID.test(caseId)) throw new DomainError("NOT_FOUND", "No such case.");
  const row = await q.findCase(deps.db, caseId);
  if (!row || !canManage(actor, row)) throw new DomainError("NOT_FOUND", "No such case, or it is not one of yours.");
  return row;
}

/** The contributing clinician (or a clinician of the same institution) opens a case; the access is logged. */
export async function getCaseForClinician(deps: CasesDeps, actor: SessionUser, caseId: string) {
  const row = await manageableCase(deps, actor, caseId);
  const consents = await consentHistory(deps.db, row.id);
  await logAccess(deps.db, [{ actor: `user:${actor.id}`, actorLabel: await actorLabel(deps.db, actor), action: "case.viewed", caseId: row.id }]);
  return { case: row, consents };
}

export async function listCasesFor(deps: CasesDeps, actor: SessionUser) {
  const rows = await q.casesVisibleTo(deps.db, actor.id, actor.verifiedInstitutionIds);
  const consents = await currentConsents(
    deps.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, consent: consents.get(r.id) ?? null }));
}

/** Records a new consent version for a case, logs it, and updates the library so the next use sees it. */
export async function recordCaseConsent(deps: CasesDeps, actor: SessionUser, caseId: string, raw: unknown): Promise<ConsentRecord> {
  const row = await manageableCase(deps, actor, caseId);
  const label = await actorLabel(deps.db, actor);
  const consent = await deps.db.transaction(async (tx) => {
    const c = await recordConsentVersion(tx, { caseId: row.id, raw, recordedBy: actor.id, recordedByLabel: label });
    await logAccessIn(tx, [
      {
        actor: `user:${actor.id}`,
        actorLabel: label,
        action: "consent.recorded",
        caseId: row.id,
        purpose: c.permission,
        data: { version: c.version, modifiers: c.modifiers, allowFederation: c.allowFederation, scopeCountries: c.scopeCountries, expiresAt: c.expiresAt?.toISOString() ?? null },
      },
    ]);
    return c;
  });
  await libraryEvents.consentChanged(deps.db, consent);
  return consent;
}

/** A new secret link for the patient; the previous one stops working. */
export async function renewPatientLink(deps: CasesDeps, actor: SessionUser, caseId: string): Promise<string> {
  const row = await manageableCase(deps, actor, caseId);
  const token = newPatientToken();
  await deps.db.transaction(async (tx) => {
    await q.setPatientToken(tx, row.id, hashToken(token));
    await logAccessIn(tx, [{ actor: `user:${actor.id}`, actorLabel: await actorLabel(deps.db, actor), action: "patient-link.renewed", caseId: row.id }]);
  });
  return token;
}

/** The FHIR R4 Consent resources of a case (every version), for the contributing clinician. */
export async function exportConsentsAsFhir(deps: CasesDeps, actor: SessionUser, caseId: string) {
  const row = await manageableCase(deps, actor, caseId);
  const history = await consentHistory(deps.db, row.id);
  await logAccess(deps.db, [{ actor: `user:${actor.id}`, actorLabel: await actorLabel(deps.db, actor), action: "consent.exported", caseId: row.id }]);
  return { resourceType: "Bundle" as const, type: "collection" as const, entry: history.map((c) => ({ resource: consentToFhir(c, row.id) })) };
}

/**
 * Exports a case as an MME patient for another system: a use of the case, so it passes the consent check for the
 * stated purpose (even for its own clinician) and is logged either way.
 */
export async function exportCaseAsMme(deps: CasesDeps, actor: SessionUser, caseId: string, purpose: Purpose, attestations: Attestations) {
  const row = await manageableCase(deps, actor, caseId);
  if (row.status !== "active") throw new DomainError("CONFLICT", "This case was withdrawn and is no longer used.");
  const [consent] = (await currentConsents(deps.db, [row.id])).values();
  const requester = await userRequester(deps.db, actor, attestations);
  const decision = decide(consent, purpose, requester, (deps.now ?? (() => new Date()))());
  await logAccess(deps.db, [
    {
      actor: requester.id,
      actorLabel: requester.label,
      action: decision.permit ? "case.exported" : "consent.denied",
      caseId: row.id,
      purpose: purpose.code,
      decision: decision.permit ? "permit" : "deny",
      data: { use: "export", reasons: decision.reasons },
    },
  ]);
  if (!decision.permit) throw new DomainError("FORBIDDEN", `Consent does not allow this export: ${decision.reasons.join(" ")}`);
  return caseToMmePatient(toMatchCase(row));
}

/**
 * The case's own clinician (the one who contributed it) withdraws it: it leaves the match index at once and is never
 * used again (local search and MME re-check the status in the database before releasing anything). The record is kept
 * for the audit trail; the withdrawal is written to the hash-chained access log in the same transaction.
 */
export async function withdrawCase(deps: CasesDeps, actor: SessionUser, caseId: string, reason?: string): Promise<void> {
  const row = await manageableCase(deps, actor, caseId);
  if (row.createdBy !== actor.id) throw new DomainError("FORBIDDEN", "Only the clinician who contributed this case can withdraw it.");
  const note = (reason ?? "").trim().slice(0, 500);
  const label = await actorLabel(deps.db, actor);
  const changed = await deps.db.transaction(async (tx) => {
    const done = await q.setCaseWithdrawn(tx, row.id);
    if (done) await logAccessIn(tx, [{ actor: `user:${actor.id}`, actorLabel: label, action: "case.withdrawn", caseId: row.id, data: note ? { reason: note } : {} }]);
    return done;
  });
  if (!changed) throw new DomainError("CONFLICT", "This case was withdrawn already.");
  await libraryEvents.removed(deps.db, row.id);
}

/**
 * The case's contributing clinician links it to a manuscript or published article that reports it: one they author,
 * or one already published (a draft's title is never shown to people outside its authors). Logged.
 */
export async function linkCasePublication(deps: CasesDeps, actor: SessionUser, caseId: string, rawManuscript: string): Promise<{ manuscriptId: string; title: string }> {
  const row = await manageableCase(deps, actor, caseId);
  if (row.createdBy !== actor.id) throw new DomainError("FORBIDDEN", "Only the clinician who contributed this case can link it to a publication.");
  // a bare id or a link to the manuscript's or article's page
  const manuscriptId = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i.exec(rawManuscript ?? "")?.[0]?.toLowerCase();
  const invalid = () => new DomainError("VALIDATION", "Give the id (or link) of a manuscript you author, or of a published article.", { manuscriptId: "No manuscript you author, or published article, has this id." });
  if (!manuscriptId) throw invalid();
  const m = await q.findManuscriptForLinking(deps.db, manuscriptId, actor.id);
  if (!m || !(m.isAuthor || m.status === "published")) throw invalid();
  const label = await actorLabel(deps.db, actor);
  const linked = await deps.db.transaction(async (tx) => {
    const inserted = await q.insertCasePublication(tx, { caseId: row.id, manuscriptId: m.id, linkedBy: actor.id });
    if (inserted) await logAccessIn(tx, [{ actor: `user:${actor.id}`, actorLabel: label, action: "case.publication.linked", caseId: row.id, data: { manuscriptId: m.id } }]);
    return inserted;
  });
  if (!linked) throw new DomainError("CONFLICT", "This case is linked to that publication already.", { manuscriptId: "Linked already." });
  return { manuscriptId: m.id, title: m.title };
}

/** The manuscripts and articles a case is linked to. */
export function casePublicationsOf(deps: CasesDeps, caseId: string) {
  return q.publicationsOfCase(deps.db, caseId);
}

/** For tests and tools: make sure the library is loaded. */
export function warmLibrary(deps: CasesDeps) {
  return caseLibrary(deps.db, deps.hpo);
}
