// Federation with other MedNexus / Matchmaker Exchange nodes: the peer list (admins), and outbound queries with a
// timeout per peer.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Db } from "../../../db/client";
import { DomainError } from "../../utils/errors";
import { logAccess } from "../consent/index.server";
import type { SessionUser } from "../identity/index.server";
import {
  MME_CONTENT_TYPE_V1_0,
  MME_CONTENT_TYPE_V1_1,
  caseToMmePatient,
  mmePatientToCase,
  validateMatchResponse,
  type MatchCase,
} from "../matching/index.server";
import { peerInputSchema, type PeerOutcome } from "./model";
import { decryptPeerToken, encryptPeerToken } from "./peer-token.server";
import * as q from "./queries.server";
import { actorLabel, institutionsOf } from "./requester.server";

export interface FederationDeps {
  db: Db;
  fetch?: typeof fetch;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function hashPeerToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Institution admins and platform admins run this node's federation. */
export function canManageFederation(user: SessionUser): boolean {
  return user.roles.includes("platform_admin") || user.roles.includes("institution_admin") || user.adminInstitutionIds.length > 0;
}

function requireFederationAdmin(user: SessionUser) {
  if (!canManageFederation(user)) throw new DomainError("FORBIDDEN", "Only institution or platform admins manage peer nodes.");
}

/**
 * Rows written before outbound tokens were encrypted hold them in clear in `outbound_token`: each is sealed into
 * `outbound_token_enc` and the clear column emptied, once (a no-op when none is left).
 */
export async function sealLegacyPeerTokens(db: Db): Promise<number> {
  const legacy = (await q.listPeers(db)).filter((p) => p.outboundToken !== null);
  for (const p of legacy) await q.updatePeer(db, p.id, { outboundToken: null, outboundTokenEnc: p.outboundToken ? encryptPeerToken(p.outboundToken, p.id) : null });
  return legacy.length;
}

export async function listPeersFor(deps: FederationDeps, actor: SessionUser) {
  requireFederationAdmin(actor);
  await sealLegacyPeerTokens(deps.db);
  const rows = await q.listPeers(deps.db);
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    baseUrl: p.baseUrl,
    country: p.country,
    purpose: p.purpose,
    notForProfit: p.notForProfit,
    hasOutboundToken: !!p.outboundTokenEnc,
    timeoutMs: p.timeoutMs,
    enabled: p.enabled,
  }));
}

/** Adds a peer and issues the token it must send us; the token is returned once and only its hash is kept. */
export async function addPeer(deps: FederationDeps, actor: SessionUser, raw: unknown): Promise<{ peerId: string; inboundToken: string }> {
  requireFederationAdmin(actor);
  const parsed = peerInputSchema.safeParse(raw);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const i of parsed.error.issues) errors[String(i.path[0] ?? "form")] ??= i.message;
    throw new DomainError("VALIDATION", "Check the highlighted fields.", errors);
  }
  const inboundToken = randomBytes(24).toString("base64url");
  const { outboundToken, ...peer } = parsed.data;
  const peerId = randomUUID();
  const row = await q.insertPeer(deps.db, {
    ...peer,
    id: peerId,
    outboundTokenEnc: outboundToken ? encryptPeerToken(outboundToken, peerId) : null,
    inboundTokenHash: hashPeerToken(inboundToken),
    createdBy: actor.id,
  });
  if (!row) throw new DomainError("CONFLICT", "Check the highlighted fields.", { name: "A peer with this name exists already." });
  await logAccess(deps.db, [{ actor: `user:${actor.id}`, actorLabel: await actorLabel(deps.db, actor), action: "peer.added", data: { peer: row.name, baseUrl: row.baseUrl } }]);
  return { peerId: row.id, inboundToken };
}

export async function updatePeerSettings(
  deps: FederationDeps,
  actor: SessionUser,
  peerId: string,
  change: { enabled?: boolean; outboundToken?: string | null; rotateInbound?: boolean; remove?: boolean },
): Promise<{ inboundToken?: string }> {
  requireFederationAdmin(actor);
  if (!UUID.test(peerId)) throw new DomainError("NOT_FOUND", "No such peer.");
  const peer = await q.findPeer(deps.db, peerId);
  if (!peer) throw new DomainError("NOT_FOUND", "No such peer.");
  const label = await actorLabel(deps.db, actor);
  if (change.remove) {
    await q.deletePeer(deps.db, peerId);
    await logAccess(deps.db, [{ actor: `user:${actor.id}`, actorLabel: label, action: "peer.removed", data: { peer: peer.name } }]);
    return {};
  }
  const values: Parameters<typeof q.updatePeer>[2] = {};
  let inboundToken: string | undefined;
  if (change.enabled !== undefined) values.enabled = change.enabled;
  if (change.outboundToken !== undefined) {
    const token = change.outboundToken?.trim() || null;
    values.outboundToken = null;
    values.outboundTokenEnc = token ? encryptPeerToken(token, peerId) : null;
  }
  if (change.rotateInbound) {
    inboundToken = randomBytes(24).toString("base64url");
    values.inboundTokenHash = hashPeerToken(inboundToken);
  }
  await q.updatePeer(deps.db, peerId, values);
  await logAccess(deps.db, [
    { actor: `user:${actor.id}`, actorLabel: label, action: "peer.updated", data: { peer: peer.name, enabled: change.enabled ?? null, outboundTokenChanged: change.outboundToken !== undefined, inboundRotated: !!change.rotateInbound } },
  ]);
  return { inboundToken };
}

export interface RemoteResult {
  node: string;
  score: number;
  case: MatchCase;
}

/**
 * Sends the query to every enabled peer that gave us a token, in parallel, each with its own timeout. A peer that
 * fails, times out or answers something that is not an MME match response is reported, never fatal.
 */
export async function queryPeers(deps: FederationDeps, actor: SessionUser, query: MatchCase): Promise<{ results: RemoteResult[]; outcomes: PeerOutcome[] }> {
  // without a key (production lacking PEER_TOKEN_KEY) legacy peers stay unsealed and are not queried: never fatal here
  await sealLegacyPeerTokens(deps.db).catch(() => 0);
  const peers = (await q.enabledPeers(deps.db)).filter((p) => p.outboundTokenEnc);
  const insts = await institutionsOf(deps.db, actor);
  const patient = caseToMmePatient(
    { ...query, id: `query-${randomBytes(6).toString("hex")}` },
    { name: actor.name, href: `mailto:${actor.email}`, ...(insts[0] ? { institution: insts[0].name } : {}) },
  );
  const doFetch = deps.fetch ?? fetch;
  const settled = await Promise.all(
    peers.map(async (peer) => {
      const started = performance.now();
      const ms = () => Math.round(performance.now() - started);
      let token: string;
      try {
        token = decryptPeerToken(peer.outboundTokenEnc!, peer.id);
      } catch (error) {
        const message = error instanceof Error && /PEER_TOKEN_KEY|No key/.test(error.message) ? error.message : "its token cannot be decrypted with this node's key: set it again";
        return { outcome: { peer: peer.name, ok: false, message, results: 0, ms: ms() }, results: [] };
      }
      try {
        const response = await doFetch(`${peer.baseUrl}/mme/match`, {
          method: "POST",
          headers: { "Content-Type": MME_CONTENT_TYPE_V1_1, Accept: `${MME_CONTENT_TYPE_V1_1}, ${MME_CONTENT_TYPE_V1_0};q=0.9`, "X-Auth-Token": token },
          body: JSON.stringify({ patient }),
          signal: AbortSignal.timeout(peer.timeoutMs),
        });
        const text = await response.text();
        if (!response.ok) {
          let message = text.slice(0, 200);
          try {
            message = (JSON.parse(text) as { message?: string }).message ?? message;
          } catch {
            // not JSON: keep the text
          }
          return { outcome: { peer: peer.name, ok: false, message: `answered ${response.status}: ${message}`, results: 0, ms: ms() }, results: [] };
        }
        const valid = validateMatchResponse(JSON.parse(text));
        if (!valid.ok) return { outcome: { peer: peer.name, ok: false, message: valid.error.body.message, results: 0, ms: ms() }, results: [] };
        const results = valid.value.results.map((r) => ({ node: peer.name, score: r.score.patient, case: mmePatientToCase(r.patient) }));
        return { outcome: { peer: peer.name, ok: true, message: `${results.length} match${results.length === 1 ? "" : "es"}`, results: results.length, ms: ms() }, results };
      } catch (error) {
        const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
        const message = timedOut ? `timed out after ${peer.timeoutMs} ms` : `could not be reached (${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)})`;
        return { outcome: { peer: peer.name, ok: false, message, results: 0, ms: ms() }, results: [] };
      }
    }),
  );
  return { results: settled.flatMap((s) => s.results), outcomes: settled.map((s) => s.outcome) };
}
