// Case withdrawal by its clinician: through the case page's button, the case leaves the match index, is never
// returned by local search or the MME API (even by a process whose index still holds it), and the withdrawal is in
// the hash-chained access log.
import { and, eq } from "drizzle-orm";
import { caseAccessLog, cases, userRoles, users } from "../../db/schema";
import { addPeer, caseLibrary, createCase, exportCaseAsMme, recordCaseConsent, reviewDraft, searchCases, withdrawCase } from "../../app/modules/cases/index.server";
import { verifyAccessLog } from "../../app/modules/consent/index.server";
import type { SessionUser } from "../../app/modules/identity/index.server";
import { MME_CONTENT_TYPE_V1_1, validateMatchResponse } from "../../app/modules/matching/index.server";
import { DomainError } from "../../app/utils/errors";
import { availableDatabaseKinds } from "../helpers/db";
import { signInCookie, startTestApp, type RunningApp } from "../helpers/app-server";
import { sessionUser } from "../helpers/users";

const draft = (label: string) => ({
  label,
  summary: "",
  features: [{ id: "HP:0001250", observed: true }, { id: "HP:0001263", observed: true }],
  genomicFeatures: [{ gene: "STXBP1" }],
  disorders: [],
});
const QUERY = { features: [{ id: "HP:0001250", observed: true }, { id: "HP:0001263", observed: true }], genes: ["STXBP1"], purpose: "HMB" };
const MME_QUERY = JSON.stringify({
  patient: { id: "remote-w", contact: { name: "Dr Remote", href: "mailto:remote@example.org" }, features: [{ id: "HP:0001250" }, { id: "HP:0001263" }], genomicFeatures: [{ gene: { id: "STXBP1" } }] },
});

const kinds = await availableDatabaseKinds();

describe.each(kinds)("case withdrawal on %s", (kind) => {
  let app: RunningApp;
  let clinician: SessionUser;
  let searcher: SessionUser;
  let peerToken = "";
  let cookie = "";

  beforeAll(async () => {
    app = await startTestApp(kind);
    const db = app.database.db;
    clinician = await sessionUser(db, "clinician@demo.mednexus.org");
    const coauthor = await sessionUser(db, "coauthor@demo.mednexus.org");
    await db.insert(userRoles).values({ userId: coauthor.id, role: "clinician" });
    searcher = await sessionUser(db, "coauthor@demo.mednexus.org");
    const admin = await sessionUser(db, "admin@demo.mednexus.org");
    peerToken = (await addPeer({ db }, admin, { name: "Withdrawal peer", baseUrl: "http://127.0.0.1:9", country: "IS", purpose: "HMB" })).inboundToken;
    cookie = await signInCookie(app, "clinician@demo.mednexus.org");
  });
  afterAll(async () => {
    await app?.close();
  });

  async function sharedCase(label: string): Promise<string> {
    const db = app.database.db;
    const d = draft(label);
    expect(reviewDraft({ db }, d).findings).toEqual([]);
    const { caseId } = await createCase({ db }, clinician, { draft: d, resolutions: {} });
    await recordCaseConsent({ db }, clinician, caseId, { permission: "HMB", allowFederation: "on", patientConfirmed: "on" });
    return caseId;
  }
  const mmeIds = async () => {
    const response = await fetch(`${app.url}/mme/match`, { method: "POST", headers: { "Content-Type": MME_CONTENT_TYPE_V1_1, "X-Auth-Token": peerToken }, body: MME_QUERY });
    expect(response.status).toBe(200);
    const parsed = validateMatchResponse(await response.json());
    if (!parsed.ok) throw new Error(parsed.error.body.message);
    return parsed.value.results.map((r) => r.patient.id);
  };
  const searchIds = async () => (await searchCases({ db: app.database.db }, searcher, QUERY)).results.map((r) => r.caseId);

  it("withdraws through the case page's button: out of the index, search and MME, and audited", async () => {
    const db = app.database.db;
    const caseId = await sharedCase("Withdrawal case A");
    expect(await searchIds()).toContain(caseId);
    expect(await mmeIds()).toContain(caseId);
    const page = await fetch(`${app.url}/cases/${caseId}`, { headers: { Cookie: cookie } });
    expect(await page.text()).toContain("Withdraw case</button>");

    // someone who is not the case's clinician cannot withdraw it
    await expect(withdrawCase({ db }, searcher, caseId)).rejects.toBeInstanceOf(DomainError);
    expect((await db.query.cases.findFirst({ where: eq(cases.id, caseId) }))!.status).toBe("active");

    const response = await fetch(`${app.url}/cases/${caseId}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app.url, Cookie: cookie },
      body: new URLSearchParams({ intent: "withdraw", reason: "Family asked to withdraw" }),
    });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Case withdrawn.");
    expect(html).toContain('data-testid="case-withdrawn"');
    expect(html).not.toContain("Withdraw case</button>");

    expect((await db.query.cases.findFirst({ where: eq(cases.id, caseId) }))!.status).toBe("withdrawn");
    expect((await caseLibrary(db)).index.has(caseId)).toBe(false);
    expect(await searchIds()).not.toContain(caseId);
    expect(await mmeIds()).not.toContain(caseId);
    await expect(exportCaseAsMme({ db }, clinician, caseId, { code: "HMB" }, { notForProfit: true, commercial: false, irbApproved: false, agreesToPublish: false, agreesToCollaborate: false })).rejects.toThrow(/withdrawn/);

    const log = await db.select().from(caseAccessLog).where(and(eq(caseAccessLog.caseId, caseId), eq(caseAccessLog.action, "case.withdrawn")));
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actor: `user:${clinician.id}`, data: { reason: "Family asked to withdraw" } });
    expect((await verifyAccessLog(db)).problems).toEqual([]);
    // once only
    await expect(withdrawCase({ db }, clinician, caseId)).rejects.toThrow(/withdrawn already/);
  });

  it("never returns a case withdrawn by another process whose change this process's index has not seen", async () => {
    const db = app.database.db;
    const caseId = await sharedCase("Withdrawal case B");
    expect(await searchIds()).toContain(caseId);
    await db.update(cases).set({ status: "withdrawn" }).where(eq(cases.id, caseId));
    expect((await caseLibrary(db)).index.has(caseId)).toBe(true);
    expect(await searchIds()).not.toContain(caseId);
    expect(await mmeIds()).not.toContain(caseId);
    const shown = await db.select().from(caseAccessLog).where(and(eq(caseAccessLog.caseId, caseId), eq(caseAccessLog.action, "case.shown")));
    const sent = await db.select().from(caseAccessLog).where(and(eq(caseAccessLog.caseId, caseId), eq(caseAccessLog.action, "case.sent")));
    // shown once, before the withdrawal; never after
    expect(shown).toHaveLength(1);
    expect(sent).toHaveLength(0);
  });
});
