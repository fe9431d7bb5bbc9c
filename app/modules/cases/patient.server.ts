// The patient's view of their case through the secret link: what it is used for, by whom (from the access log),
// and one-click revocation, effective on the next use.
import type { Db } from "../../../db/client";
import { DomainError } from "../../utils/errors";
import { accessLogForCase, consentHistory, describeConsent, logAccess, logAccessIn, revokeConsentVersion } from "../consent/index.server";
import type { HpoBundle } from "../phenotypes/index.server";
import { caseHpo } from "./hpo.server";
import { hashToken } from "./cases.server";
import { libraryEvents } from "./library.server";
import * as q from "./queries.server";

export interface PatientDeps {
  db: Db;
  hpo?: HpoBundle;
}

const USE_ACTIONS: Record<string, string> = {
  "case.shown": "Shown to a clinician in a case search on this node",
  "case.sent": "Sent to another hospital's node (Matchmaker Exchange)",
  "case.exported": "Exported by your clinician",
  "case.created": "Your clinician added your de-identified case",
  "consent.recorded": "Your consent was recorded",
  "consent.revoked": "You withdrew your consent",
};

async function caseByToken(db: Db, token: string) {
  if (!token || token.length < 20 || token.length > 100) throw new DomainError("NOT_FOUND", "This link is not valid. Ask your clinician for a new one.");
  const row = await q.findCaseByPatientToken(db, hashToken(token));
  if (!row) throw new DomainError("NOT_FOUND", "This link is not valid. Ask your clinician for a new one.");
  return row;
}

export async function patientView(deps: PatientDeps, token: string) {
  const row = await caseByToken(deps.db, token);
  const hpo = deps.hpo ?? caseHpo();
  const [history, log] = await Promise.all([consentHistory(deps.db, row.id), accessLogForCase(deps.db, row.id, 500)]);
  await logAccess(deps.db, [{ actor: "patient-link", actorLabel: "The patient (secret link)", action: "patient.viewed", caseId: row.id }]);
  const current = history[0] ?? null;
  const uses = log
    .filter((e) => e.action in USE_ACTIONS)
    .map((e) => ({ at: e.at, what: USE_ACTIONS[e.action], who: e.actorLabel, purpose: e.purpose, action: e.action }));
  const denied = log.filter((e) => e.action === "consent.denied").length;
  return {
    caseLabel: row.label,
    phenotypes: row.features.map((f) => ({ name: f.label ?? hpo.ontology.resolve(f.id).term?.name ?? f.id, observed: f.observed })),
    genes: row.genomicFeatures.map((g) => g.gene),
    clinician: row.contact.name,
    institution: row.contact.institution ?? null,
    consent: current ? { version: current.version, status: current.status, text: describeConsent(current), recordedBy: current.recordedByLabel, at: current.createdAt.toISOString() } : null,
    history: history.map((c) => ({ version: c.version, status: c.status, text: describeConsent(c), at: c.createdAt.toISOString() })),
    uses,
    deniedRequests: denied,
    attribution: hpo.ontology.attribution,
  };
}

/** One click: a new consent version that denies every use; the library sees it before the next search. */
export async function revokeByPatient(deps: PatientDeps, token: string) {
  const row = await caseByToken(deps.db, token);
  const consent = await deps.db.transaction(async (tx) => {
    const c = await revokeConsentVersion(tx, { caseId: row.id, recordedBy: null, recordedByLabel: "The patient (secret link)" });
    await logAccessIn(tx, [{ actor: "patient-link", actorLabel: "The patient (secret link)", action: "consent.revoked", caseId: row.id, decision: "deny", data: { version: c.version } }]);
    return c;
  });
  await libraryEvents.consentChanged(deps.db, consent);
  return consent;
}
