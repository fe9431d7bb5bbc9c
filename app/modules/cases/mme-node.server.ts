// This node's Matchmaker Exchange API: POST /mme/match (token per peer, version negotiation, only cases whose
// consent allows federation and the peer's purpose), GET /mme/heartbeat, GET /mme/metrics.
import type { Db } from "../../../db/client";
import { currentConsents, decide, describePurpose, logAccess, type AccessEvent, type ConsentDecision, type Purpose } from "../consent/index.server";
import {
  MME_CONTENT_TYPE_V1_0,
  MME_CONTENT_TYPE_V1_1,
  MME_LATEST_VERSION,
  buildMatchResponse,
  mmeContentType,
  mmeErrors,
  mmePatientToCase,
  negotiateMmeVersion,
  parseMatchRequest,
  type MmeErrorResponse,
} from "../matching/index.server";
import type { HpoBundle } from "../phenotypes/index.server";
import { caseHpo } from "./hpo.server";
import type { DuoPermission } from "../consent/index.server";
import { hashPeerToken } from "./federation.server";
import { caseLibrary } from "./library.server";
import * as q from "./queries.server";
import { peerRequester } from "./requester.server";

export interface MmeDeps {
  db: Db;
  hpo?: HpoBundle;
  now?: () => Date;
}

export interface MmeHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

const DISCLAIMER = "Matches are de-identified cases shared under each patient's consent. Contact the listed clinician; do not try to re-identify anyone.";
const MAX_RESULTS = 20;

const fromError = (e: MmeErrorResponse): MmeHttpResponse => ({ status: e.status, headers: e.headers, body: e.body });

async function authenticate(db: Db, token: string | null) {
  if (!token || !token.trim()) return null;
  return (await q.findPeerByInboundHash(db, hashPeerToken(token.trim()))) ?? null;
}

export async function handleMatchRequest(
  deps: MmeDeps,
  request: { token: string | null; contentType: string | null; accept: string | null; body: string },
): Promise<MmeHttpResponse> {
  const peer = await authenticate(deps.db, request.token);
  if (!peer) return fromError(mmeErrors.unauthorized());
  const negotiation = negotiateMmeVersion({ contentType: request.contentType, accept: request.accept });
  if (!negotiation.ok) return fromError(negotiation.error);
  const parsed = parseMatchRequest(request.body);
  if (!parsed.ok) return fromError({ ...parsed.error, headers: { "Content-Type": negotiation.contentType } });
  const hpo = deps.hpo ?? caseHpo();
  const library = await caseLibrary(deps.db, hpo);
  const requester = peerRequester(peer);
  const purpose: Purpose = { code: (peer.purpose as DuoPermission) ?? "HMB" };
  const now = (deps.now ?? (() => new Date()))();
  const query = { ...mmePatientToCase(parsed.value.patient), id: `mme:${peer.id}:${parsed.value.patient.id}` };
  const decisions = new Map<string, ConsentDecision>();
  const matches = library.index.query(query, {
    limit: MAX_RESULTS,
    explain: false,
    filter: (c) => {
      const d = decide(library.consents.get(c.id), purpose, requester, now);
      decisions.set(c.id, d);
      return d.permit;
    },
  });
  // the database has the last word on consent and on withdrawal (another process may have changed either)
  const ids = matches.map((m) => m.caseId);
  const [fresh, active] = await Promise.all([currentConsents(deps.db, ids), q.activeCaseIds(deps.db, ids)]);
  const released = matches.filter((m) => {
    if (!active.has(m.caseId)) {
      decisions.delete(m.caseId);
      return false;
    }
    const d = decide(fresh.get(m.caseId), purpose, requester, now);
    decisions.set(m.caseId, d);
    return d.permit;
  });
  const events: AccessEvent[] = [
    { actor: requester.id, actorLabel: requester.label, action: "mme.match.received", purpose: describePurpose(purpose), data: { features: query.features.length, genes: query.genomicFeatures.length, released: released.length } },
  ];
  for (const [caseId, d] of decisions) {
    events.push({
      actor: requester.id,
      actorLabel: requester.label,
      action: d.permit ? "case.sent" : "consent.denied",
      caseId,
      purpose: describePurpose(purpose),
      decision: d.permit ? "permit" : "deny",
      data: { use: "mme-reply", reasons: d.reasons, consentVersion: d.consentVersion },
    });
  }
  await logAccess(deps.db, events, now);
  const body = buildMatchResponse(released, { disclaimer: DISCLAIMER });
  return { status: 200, headers: { "Content-Type": negotiation.contentType }, body };
}

export function heartbeat(): MmeHttpResponse {
  return {
    status: 200,
    headers: { "Content-Type": mmeContentType(MME_LATEST_VERSION) },
    body: { heartbeat: { production: process.env.NODE_ENV === "production", version: MME_LATEST_VERSION, accept: [MME_CONTENT_TYPE_V1_0, MME_CONTENT_TYPE_V1_1] } },
  };
}

/** MME metrics over the cases this node can share through federation (consent in force allows it). */
export async function metrics(deps: MmeDeps, token: string | null): Promise<MmeHttpResponse> {
  const peer = await authenticate(deps.db, token);
  if (!peer) return fromError(mmeErrors.unauthorized());
  const [rows, consents, counts] = await Promise.all([q.activeCases(deps.db), currentConsents(deps.db), q.countLogActions(deps.db, ["mme.match.received", "case.sent"])]);
  const now = (deps.now ?? (() => new Date()))().getTime();
  const shared = rows.filter((r) => {
    const c = consents.get(r.id);
    return c && c.status === "active" && c.allowFederation && (!c.expiresAt || c.expiresAt.getTime() > now);
  });
  const genes = shared.flatMap((r) => r.genomicFeatures.map((g) => g.gene.toUpperCase()));
  const features = shared.flatMap((r) => r.features.map((f) => f.id));
  return {
    status: 200,
    headers: { "Content-Type": mmeContentType(MME_LATEST_VERSION) },
    body: {
      metrics: {
        numberOfCases: shared.length,
        numberOfSubmitters: new Set(shared.map((r) => r.createdBy)).size,
        numberOfGenes: genes.length,
        numberOfUniqueGenes: new Set(genes).size,
        numberOfVariants: shared.reduce((n, r) => n + r.genomicFeatures.filter((g) => g.variant).length, 0),
        numberOfFeatures: features.length,
        numberOfUniqueFeatures: new Set(features).size,
        numberOfCasesWithDiagnosis: shared.filter((r) => r.disorders.length > 0).length,
        numberOfRequestsReceived: counts["mme.match.received"] ?? 0,
        numberOfPotentialMatchesSent: counts["case.sent"] ?? 0,
        dateGenerated: new Date(now).toISOString().slice(0, 10),
      },
    },
  };
}
