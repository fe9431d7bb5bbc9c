// The case library end to end below the UI: de-identification at ingest, consent decisions (DUO rules, deny by
// default), local search through the MatchIndex, patient revocation, and the hash-chained access log.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { migrateDatabase, openDatabase } from "../../db/client";
import { caseAccessLog, caseConsents, cases, userRoles, users } from "../../db/schema";
import { DEFAULT_DEMO_PASSWORD, seedDemoData } from "../../db/seed";
import { seedDemoCases } from "../../db/seed-cases";
import { createCase, patientView, recordCaseConsent, revokeByPatient, reviewDraft, searchCases } from "../../app/modules/cases/index.server";
import { verifyAccessLog } from "../../app/modules/consent/index.server";
import type { SessionUser } from "../../app/modules/identity/index.server";
import { DomainError } from "../../app/utils/errors";
import { availableDatabaseKinds, createTestDatabase, type TestDatabase } from "../helpers/db";
import { sessionUser } from "../helpers/users";

// Dravet-like presentation: seizures, developmental regression, ataxia; SCN1A
const DRAFT = {
  label: "Infant with febrile seizures",
  summary: "Seen by Dr Anna Jones on 12 March 2015 at 45 Elm Street, Boston. MRN 1234567. Prolonged febrile seizures from 6 months.",
  sex: "FEMALE",
  ageBand: "5-9",
  features: [
    { id: "HP:0002373", observed: true },
    { id: "HP:0001250", observed: true },
    { id: "HP:0002376", observed: true },
    { id: "HP:0001251", observed: false },
  ],
  genomicFeatures: [{ gene: "SCN1A", assembly: "GRCh37", referenceName: "2", start: 166848646, referenceBases: "G", alternateBases: "A", zygosity: 1 }],
  disorders: [{ id: "OMIM:607208", label: "Dravet syndrome" }],
};
const QUERY = { features: [{ id: "HP:0002373", observed: true }, { id: "HP:0001250", observed: true }], genes: [] as string[] };

const kinds = await availableDatabaseKinds();

describe.each(kinds)("case library on %s", (kind) => {
  let database: TestDatabase;
  let clinician: SessionUser;
  let searcher: SessionUser;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedDemoData(database.db, { password: DEFAULT_DEMO_PASSWORD });
    clinician = await sessionUser(database.db, "clinician@demo.mednexus.org");
    // a second clinician at another institution (Reykjavík, IS)
    const coauthor = await sessionUser(database.db, "coauthor@demo.mednexus.org");
    await database.db.insert(userRoles).values({ userId: coauthor.id, role: "clinician" });
    searcher = await sessionUser(database.db, "coauthor@demo.mednexus.org");
  });
  afterAll(async () => {
    await database?.close();
  });

  const deps = () => ({ db: database.db });

  it("finds identifiers at ingest and saves nothing until each is redacted or confirmed", async () => {
    const { findings } = reviewDraft(deps(), DRAFT);
    const kindsFound = findings.map((f) => f.kind);
    expect(kindsFound).toEqual(expect.arrayContaining(["name", "date", "address", "mrn"]));
    const before = await database.db.select({ n: sql<number>`count(*)` }).from(cases);
    await expect(createCase(deps(), clinician, { draft: DRAFT, resolutions: {} })).rejects.toThrow(/Resolve every identifier/);
    const partial = Object.fromEntries(findings.slice(1).map((f) => [f.key, "redact" as const]));
    await expect(createCase(deps(), clinician, { draft: DRAFT, resolutions: partial })).rejects.toBeInstanceOf(DomainError);
    const after = await database.db.select({ n: sql<number>`count(*)` }).from(cases);
    expect(Number(after[0].n)).toBe(Number(before[0].n));
  });

  let caseId = "";
  let patientToken = "";

  it("stores the redacted, coarsened case and logs its creation", async () => {
    const { findings } = reviewDraft(deps(), DRAFT);
    const resolutions = Object.fromEntries(findings.map((f) => [f.key, "redact" as const]));
    ({ caseId, patientToken } = await createCase(deps(), clinician, { draft: DRAFT, resolutions }));
    const row = await database.db.query.cases.findFirst({ where: eq(cases.id, caseId) });
    expect(row!.summary).not.toMatch(/Jones|Elm Street|1234567|12 March/);
    expect(row!.summary).toContain("[DATE: 2015]");
    expect(row!.ageBand).toBe("5-9");
    expect(row!.features.find((f) => f.id === "HP:0001251")).toMatchObject({ observed: false, label: "Ataxia" });
    expect(row!.deidReport.every((r) => r.action === "redacted")).toBe(true);
    expect(row!.patientTokenHash).not.toBe(patientToken);
    const log = await database.db.select().from(caseAccessLog).where(eq(caseAccessLog.caseId, caseId));
    expect(log.map((e) => e.action)).toContain("case.created");
  });

  it("denies by default: without consent the case is never shown, and the denial is logged", async () => {
    const { results } = await searchCases(deps(), searcher, QUERY);
    expect(results.find((r) => r.caseId === caseId)).toBeUndefined();
    const denials = await database.db
      .select()
      .from(caseAccessLog)
      .where(and(eq(caseAccessLog.caseId, caseId), eq(caseAccessLog.action, "consent.denied")));
    expect(denials.length).toBeGreaterThan(0);
    expect(denials[0].data.reasons).toEqual(["No consent is recorded for this case."]);
  });

  it("follows DUO: a specific request matches a general permission, never the reverse", async () => {
    await recordCaseConsent(deps(), clinician, caseId, { permission: "DS", disease: "OMIM:607208", patientConfirmed: "on" });
    expect((await searchCases(deps(), searcher, { ...QUERY, purpose: "HMB" })).results.find((r) => r.caseId === caseId)).toBeUndefined();
    expect((await searchCases(deps(), searcher, { ...QUERY, purpose: "DS", disease: "OMIM:999999" })).results.find((r) => r.caseId === caseId)).toBeUndefined();
    expect((await searchCases(deps(), searcher, { ...QUERY, purpose: "DS", disease: "OMIM:607208" })).results.find((r) => r.caseId === caseId)).toBeDefined();

    await recordCaseConsent(deps(), clinician, caseId, { permission: "HMB", patientConfirmed: "on" });
    const { results } = await searchCases(deps(), searcher, { ...QUERY, purpose: "DS", disease: "OMIM:607208" });
    const hit = results.find((r) => r.caseId === caseId)!;
    expect(hit.node).toBe("This node");
    expect(hit.matchedTerms.map((t) => t.query)).toEqual(expect.arrayContaining(["Febrile seizures", "Seizures"]));
    expect(hit.matchedTerms.map((t) => t.match)).toContain("Febrile seizures");
    expect(hit.excluded).toEqual(["Ataxia"]);
    expect(hit.contact?.name).toBe(clinician.name);
    expect((await searchCases(deps(), searcher, { ...QUERY, purpose: "GRU" })).results.find((r) => r.caseId === caseId)).toBeUndefined();
  });

  it("applies modifiers and scope: a geographical restriction keeps other countries out", async () => {
    await recordCaseConsent(deps(), clinician, caseId, { permission: "HMB", modifiers: ["GS"], scopeCountries: "US", patientConfirmed: "on" });
    expect((await searchCases(deps(), searcher, QUERY)).results.find((r) => r.caseId === caseId)).toBeUndefined(); // searcher is in IS
    expect((await searchCases(deps(), clinician, QUERY)).results.find((r) => r.caseId === caseId)).toBeDefined(); // US
    await recordCaseConsent(deps(), clinician, caseId, { permission: "HMB", modifiers: ["IRB"], patientConfirmed: "on" });
    expect((await searchCases(deps(), searcher, QUERY)).results.find((r) => r.caseId === caseId)).toBeUndefined();
    expect((await searchCases(deps(), searcher, { ...QUERY, irbApproved: true })).results.find((r) => r.caseId === caseId)).toBeDefined();
  });

  it("refuses a consent that is incomplete and writes no version", async () => {
    const versions = await database.db.select().from(caseConsents).where(eq(caseConsents.caseId, caseId));
    await expect(recordCaseConsent(deps(), clinician, caseId, { permission: "DS", patientConfirmed: "on" })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(recordCaseConsent(deps(), clinician, caseId, { permission: "HMB" })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(recordCaseConsent(deps(), searcher, caseId, { permission: "HMB", patientConfirmed: "on" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await database.db.select().from(caseConsents).where(eq(caseConsents.caseId, caseId))).toHaveLength(versions.length);
  });

  it("lets the patient see every use and revoke in one step, effective on the next search", async () => {
    await recordCaseConsent(deps(), clinician, caseId, { permission: "GRU", allowFederation: "on", patientConfirmed: "on" });
    expect((await searchCases(deps(), searcher, QUERY)).results.find((r) => r.caseId === caseId)).toBeDefined();
    const view = await patientView(deps(), patientToken);
    expect(view.consent?.status).toBe("active");
    expect(view.uses.some((u) => u.action === "case.shown" && u.who.startsWith(searcher.name))).toBe(true);
    await revokeByPatient(deps(), patientToken);
    expect((await searchCases(deps(), searcher, QUERY)).results.find((r) => r.caseId === caseId)).toBeUndefined();
    expect((await patientView(deps(), patientToken)).consent?.status).toBe("revoked");
    await expect(revokeByPatient(deps(), patientToken)).rejects.toMatchObject({ code: "INVALID_TRANSITION" });
    await expect(patientView(deps(), "x".repeat(32))).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("keeps a verifiable hash chain and detects a tampered row", async () => {
    const intact = await verifyAccessLog(database.db);
    expect(intact.entries).toBeGreaterThan(10);
    expect(intact.problems).toEqual([]);
    const [victim] = await database.db.select().from(caseAccessLog).where(eq(caseAccessLog.action, "case.shown")).limit(1);
    await database.db.update(caseAccessLog).set({ actorLabel: "someone else" }).where(eq(caseAccessLog.seq, victim.seq));
    const tampered = await verifyAccessLog(database.db);
    expect(tampered.problems.map((p) => p.seq)).toContain(victim.seq);
    await database.db.update(caseAccessLog).set({ actorLabel: victim.actorLabel }).where(eq(caseAccessLog.seq, victim.seq));
    expect((await verifyAccessLog(database.db)).problems).toEqual([]);
  });
});

describe("scripts/verify-audit.ts", () => {
  it("exits 0 on an intact chain and 1 after a row is tampered with", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "mednexus-audit-"));
    const dataDir = path.join(dir, "pglite");
    try {
      let handle = await openDatabase({ dataDir });
      await migrateDatabase(handle);
      const [user] = await handle.db.insert(users).values({ email: "solo@example.org", name: "Dr Solo", passwordHash: "not-used" }).returning();
      await handle.db.insert(userRoles).values({ userId: user.id, role: "clinician" });
      const clinician = await sessionUser(handle.db, "solo@example.org");
      const { findings } = reviewDraft({ db: handle.db }, DRAFT);
      const { caseId } = await createCase({ db: handle.db }, clinician, { draft: DRAFT, resolutions: Object.fromEntries(findings.map((f) => [f.key, "confirm" as const])) });
      await recordCaseConsent({ db: handle.db }, clinician, caseId, { permission: "HMB", patientConfirmed: "on" });
      await searchCases({ db: handle.db }, clinician, QUERY);
      await handle.close();

      const run = () => spawnSync(process.execPath, ["--import", "tsx", "scripts/verify-audit.ts", "--pglite", dataDir], { encoding: "utf8", env: { ...process.env, DATABASE_URL: "" } });
      const ok = run();
      expect(ok.stdout).toMatch(/intact: \d+ entries/);
      expect(ok.status).toBe(0);

      handle = await openDatabase({ dataDir });
      await handle.db.execute(sql`update case_access_log set purpose = 'NRES' where seq = 2`);
      await handle.close();
      const bad = run();
      expect(bad.stdout).toMatch(/TAMPERED/);
      expect(bad.stdout).toMatch(/entry 2:/);
      expect(bad.status).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

describe("db/seed-cases.ts", () => {
  it("seeds consented demo cases once, through the same de-identification and access log", async () => {
    const database = await createTestDatabase("pglite");
    try {
      await seedDemoData(database.db, { password: DEFAULT_DEMO_PASSWORD });
      const seeded = await seedDemoCases(database.db, { count: 6 });
      expect(seeded).toHaveLength(6);
      expect(seeded[0].patientLink).toMatch(/^\/patients\/[\w-]{30,}$/);
      expect(await seedDemoCases(database.db)).toEqual([]);
      const consents = await database.db.select().from(caseConsents);
      expect(consents).toHaveLength(6);
      expect((await verifyAccessLog(database.db)).problems).toEqual([]);
      const clinician = await sessionUser(database.db, "clinician@demo.mednexus.org");
      const { results } = await searchCases({ db: database.db }, clinician, { features: (await database.db.query.cases.findFirst())!.features.filter((f) => f.observed).map((f) => ({ id: f.id, observed: true })), genes: [] });
      expect(results.length).toBeGreaterThan(0);
    } finally {
      await database.close();
    }
  });
});
