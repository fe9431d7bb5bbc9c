// The Matchmaker Exchange API of a real node (Express + Remix on loopback) and outbound federation: per-peer tokens,
// 400/401/406/415/422 JSON errors, only federation-consented cases released, per-peer timeouts.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { caseAccessLog, users } from "../../db/schema";
import { addPeer, createCase, recordCaseConsent, reviewDraft, searchCases, updatePeerSettings } from "../../app/modules/cases/index.server";
import type { SessionUser } from "../../app/modules/identity/index.server";
import { MME_CONTENT_TYPE_V1_0, MME_CONTENT_TYPE_V1_1, validateMatchResponse } from "../../app/modules/matching/index.server";
import { availableDatabaseKinds } from "../helpers/db";
import { startTestApp, type RunningApp } from "../helpers/app-server";
import { sessionUser } from "../helpers/users";

function draft(label: string, terms: string[], gene: string) {
  return { label, summary: "", features: terms.map((id) => ({ id, observed: true })), genomicFeatures: [{ gene }], disorders: [] };
}

const QUERY_PATIENT = {
  id: "remote-1",
  contact: { name: "Dr Remote", href: "mailto:remote@example.org" },
  features: [{ id: "HP:0001250", observed: "yes" }, { id: "HP:0001263", observed: "yes" }],
  genomicFeatures: [{ gene: { id: "STXBP1" } }],
};

const kinds = await availableDatabaseKinds();

describe.each(kinds)("MME node on %s", (kind) => {
  let app: RunningApp;
  let token = "";
  let sharedCase = "";
  let localOnlyCase = "";
  let slowPeer: http.Server;
  let clinician: SessionUser;

  beforeAll(async () => {
    app = await startTestApp(kind);
    const db = app.database.db;
    clinician = await sessionUser(db, "clinician@demo.mednexus.org");
    const admin = await sessionUser(db, "admin@demo.mednexus.org");
    const create = async (d: ReturnType<typeof draft>) => {
      const { findings } = reviewDraft({ db }, d);
      expect(findings).toEqual([]);
      return (await createCase({ db }, clinician, { draft: d, resolutions: {} })).caseId;
    };
    sharedCase = await create(draft("Epileptic encephalopathy A", ["HP:0001250", "HP:0001263", "HP:0002376"], "STXBP1"));
    localOnlyCase = await create(draft("Epileptic encephalopathy B", ["HP:0001250", "HP:0001263"], "STXBP1"));
    await create(draft("Epileptic encephalopathy C (no consent)", ["HP:0001250", "HP:0001263"], "STXBP1"));
    await recordCaseConsent({ db }, clinician, sharedCase, { permission: "HMB", allowFederation: "on", patientConfirmed: "on" });
    await recordCaseConsent({ db }, clinician, localOnlyCase, { permission: "HMB", patientConfirmed: "on" });
    // this node federates with itself ("Mirror"): a real MME node on loopback, reached over HTTP
    const mirror = await addPeer({ db }, admin, { name: "Mirror node", baseUrl: app.url, country: "IS", purpose: "HMB", notForProfit: "on", timeoutMs: "5000" });
    token = mirror.inboundToken;
    await updatePeerSettings({ db }, admin, mirror.peerId, { outboundToken: token });
    slowPeer = http.createServer((_req, res) => {
      setTimeout(() => res.writeHead(200, { "Content-Type": MME_CONTENT_TYPE_V1_0 }).end('{"results":[]}'), 3000);
    });
    await new Promise<void>((resolve) => slowPeer.listen(0, "127.0.0.1", resolve));
    const slow = await addPeer({ db }, admin, { name: "Slow node", baseUrl: `http://127.0.0.1:${(slowPeer.address() as AddressInfo).port}`, country: "US", timeoutMs: "300" });
    await updatePeerSettings({ db }, admin, slow.peerId, { outboundToken: "slow-token" });
  });
  afterAll(async () => {
    slowPeer?.closeAllConnections();
    await new Promise((resolve) => slowPeer?.close(resolve));
    await app?.close();
  });

  const post = (body: string, headers: Record<string, string>) => fetch(`${app.url}/mme/match`, { method: "POST", headers, body });
  const valid = JSON.stringify({ patient: QUERY_PATIENT });

  it("answers errors as JSON with the right status", async () => {
    const cases: Array<[Record<string, string>, string, number, RegExp]> = [
      [{ "Content-Type": MME_CONTENT_TYPE_V1_0 }, valid, 401, /X-Auth-Token/],
      [{ "Content-Type": MME_CONTENT_TYPE_V1_0, "X-Auth-Token": "wrong" }, valid, 401, /X-Auth-Token/],
      [{ "Content-Type": "text/plain", "X-Auth-Token": token }, valid, 415, /Unsupported Content-Type/],
      [{ "Content-Type": MME_CONTENT_TYPE_V1_0, Accept: "application/vnd.ga4gh.matchmaker.v9.0+json", "X-Auth-Token": token }, valid, 406, /Unsupported API version/],
      [{ "Content-Type": MME_CONTENT_TYPE_V1_0, "X-Auth-Token": token }, "{not json", 400, /not valid JSON/],
      [{ "Content-Type": MME_CONTENT_TYPE_V1_0, "X-Auth-Token": token }, JSON.stringify({ patient: { id: "x" } }), 422, /Invalid match request/],
    ];
    for (const [headers, body, status, message] of cases) {
      const response = await post(body, headers);
      expect(response.status, JSON.stringify(headers)).toBe(status);
      const json = (await response.json()) as { message: string };
      expect(json.message).toMatch(message);
    }
  });

  it("releases only cases whose consent allows federation, in the negotiated version, and logs each decision", async () => {
    const response = await post(valid, { "Content-Type": MME_CONTENT_TYPE_V1_0, Accept: MME_CONTENT_TYPE_V1_1, "X-Auth-Token": token });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(MME_CONTENT_TYPE_V1_1);
    const parsed = validateMatchResponse(await response.json());
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.results.map((r) => r.patient.id)).toEqual([sharedCase]);
    expect(parsed.value.results[0].patient.contact.name).toBe(clinician.name);
    expect(parsed.value.results[0].score.patient).toBeGreaterThan(0.5);
    const log = await app.database.db.select().from(caseAccessLog).where(eq(caseAccessLog.actorLabel, "Mirror node (Matchmaker Exchange node)"));
    expect(log.find((e) => e.action === "case.sent" && e.caseId === sharedCase)?.decision).toBe("permit");
    expect(log.find((e) => e.action === "consent.denied" && e.caseId === localOnlyCase)?.data.reasons).toEqual(["Consent does not allow matching with other nodes (Matchmaker Exchange)."]);
  });

  it("serves a heartbeat, and metrics only to peers", async () => {
    const hb = await fetch(`${app.url}/mme/heartbeat`);
    expect(hb.status).toBe(200);
    expect(((await hb.json()) as { heartbeat: { accept: string[] } }).heartbeat.accept).toContain(MME_CONTENT_TYPE_V1_1);
    expect((await fetch(`${app.url}/mme/metrics`)).status).toBe(401);
    const m = await fetch(`${app.url}/mme/metrics`, { headers: { "X-Auth-Token": token } });
    const { metrics } = (await m.json()) as { metrics: Record<string, number> };
    expect(metrics.numberOfCases).toBe(1);
    expect(metrics.numberOfUniqueGenes).toBe(1);
    expect(metrics.numberOfRequestsReceived).toBeGreaterThanOrEqual(1);
  });

  it("searches peers in parallel, labels results by node, and reports a peer that times out", async () => {
    const started = Date.now();
    const { results, peers } = await searchCases({ db: app.database.db }, clinician, {
      features: [{ id: "HP:0001250", observed: true }, { id: "HP:0001263", observed: true }],
      genes: ["STXBP1"],
      includePeers: true,
    });
    expect(Date.now() - started).toBeLessThan(2500);
    expect(peers.find((p) => p.peer === "Slow node")).toMatchObject({ ok: false, message: "timed out after 300 ms" });
    expect(peers.find((p) => p.peer === "Mirror node")).toMatchObject({ ok: true, results: 1 });
    const remote = results.filter((r) => r.node === "Mirror node");
    expect(remote.map((r) => r.caseId)).toEqual([sharedCase]);
    expect(remote[0].sharedGenes).toEqual(["STXBP1"]);
    expect(results.filter((r) => r.node === "This node").map((r) => r.caseId).sort()).toEqual([sharedCase, localOnlyCase].sort());
  });
});
