// Every case-library route checks who is asking, and bad input gets a 4xx with a message and writes nothing.
import { eq, sql } from "drizzle-orm";
import { caseConsents, cases, mmePeers } from "../../db/schema";
import { DEMO_ACCOUNTS } from "../../db/seed";
import { findDraftIdentifiers } from "../../app/modules/cases/index.server";
import { availableDatabaseKinds } from "../helpers/db";
import { signInCookie, startTestApp, type RunningApp } from "../helpers/app-server";

type Who = "anonymous" | (typeof DEMO_ACCOUNTS)[number]["key"];
const EVERYONE: Who[] = ["anonymous", ...DEMO_ACCOUNTS.map((a) => a.key)];
const DRAFT = {
  label: "Route test case",
  summary: "Seen on 12 March 2015.",
  features: [{ id: "HP:0001250", observed: true }],
  genomicFeatures: [],
  disorders: [],
};

const kinds = await availableDatabaseKinds();

describe.each(kinds)("case library routes on %s", (kind) => {
  let app: RunningApp;
  const cookies = new Map<Who, string>();

  beforeAll(async () => {
    app = await startTestApp(kind);
    for (const key of ["clinician", "patient", "admin", "instadmin", "reader"] as const) cookies.set(key, await signInCookie(app, `${key}@demo.mednexus.org`));
  });
  afterAll(async () => {
    await app?.close();
  });

  const get = (path: string, who: Who) => fetch(`${app.url}${path}`, { redirect: "manual", headers: who === "anonymous" ? {} : { Cookie: cookies.get(who)! } });
  const post = (path: string, who: Who, fields: Record<string, string>) =>
    fetch(`${app.url}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app.url, ...(who === "anonymous" ? {} : { Cookie: cookies.get(who)! }) },
      body: new URLSearchParams(fields),
    });
  const count = async (table: typeof cases | typeof caseConsents | typeof mmePeers) => Number((await app.database.db.select({ n: sql<number>`count(*)` }).from(table))[0].n);

  it("gives each person the expected status on each page", async () => {
    const table: Array<[string, Partial<Record<Who, number>>]> = [
      ["/cases", { anonymous: 302, clinician: 200, patient: 403, admin: 403, reader: 403 }],
      ["/cases/new", { anonymous: 302, clinician: 200, patient: 403, reader: 403 }],
      ["/cases/search", { anonymous: 302, clinician: 200, patient: 403, reader: 403 }],
      ["/cases/hpo-terms?q=seiz", { anonymous: 302, clinician: 200, patient: 403 }],
      ["/cases/00000000-0000-0000-0000-000000000000", { anonymous: 302, clinician: 404, patient: 403 }],
      ["/cases/not-a-uuid", { clinician: 404 }],
      ["/federation/peers", { anonymous: 302, clinician: 403, patient: 403, admin: 200, instadmin: 200 }],
      ["/patients/not-a-real-secret-link-token-000", { anonymous: 404, clinician: 404 }],
      ["/mme/heartbeat", { anonymous: 200 }],
      ["/mme/metrics", { anonymous: 401 }],
      ["/mme/match", { anonymous: 405 }],
    ];
    const mismatches: string[] = [];
    for (const [path, expected] of table) {
      for (const [who, status] of Object.entries(expected) as Array<[Who, number]>) {
        const response = await get(path, who);
        if (response.status !== status) mismatches.push(`${who} ${path}: ${response.status}, expected ${status}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(EVERYONE.length).toBeGreaterThan(5);
  });

  it("serves HPO term suggestions with the ontology's attribution", async () => {
    const body = (await (await get("/cases/hpo-terms?q=febrile%20seiz", "clinician")).json()) as { attribution: string; hits: Array<{ id: string; name: string }> };
    expect(body.attribution).toBe("Human Phenotype Ontology (release 2017-04-13)");
    expect(body.hits[0]).toEqual(expect.objectContaining({ id: "HP:0002373", name: "Febrile seizures" }));
  });

  it("refuses to save a case with unresolved identifiers, or bad JSON, and writes nothing", async () => {
    const before = await count(cases);
    const unresolved = await post("/cases/new", "clinician", { intent: "save", draft: JSON.stringify(DRAFT), resolutions: "{}" });
    expect(unresolved.status).toBe(400);
    expect(await unresolved.text()).toMatch(/Resolve every identifier/);
    const badJson = await post("/cases/new", "clinician", { intent: "import-fhir", payload: "{not json" });
    expect(badJson.status).toBe(400);
    const notBundle = await post("/cases/new", "clinician", { intent: "import-fhir", payload: '{"resourceType":"Patient"}' });
    expect(notBundle.status).toBe(422);
    expect(await notBundle.text()).toMatch(/not a FHIR R4 Bundle/);
    const unknownTerm = await post("/cases/new", "clinician", { intent: "review", draft: JSON.stringify({ ...DRAFT, features: [{ id: "HP:9999999", observed: true }] }) });
    expect(unknownTerm.status).toBe(400);
    expect((await post("/cases/new", "patient", { intent: "save", draft: JSON.stringify(DRAFT), resolutions: "{}" })).status).toBe(403);
    expect(await count(cases)).toBe(before);
  });

  it("saves a reviewed case, then refuses incomplete consent and records a complete one", async () => {
    const findings = findDraftIdentifiers(DRAFT);
    expect(findings.map((f) => f.kind)).toEqual(["date"]);
    const saved = await post("/cases/new", "clinician", { intent: "save", draft: JSON.stringify(DRAFT), resolutions: JSON.stringify({ [findings[0].key]: "redact" }) });
    expect(saved.status).toBe(200);
    const html = await saved.text();
    const patientLink = /data-testid="patient-link">([^<]+)</.exec(html)?.[1] ?? "";
    const caseId = /href="\/cases\/([0-9a-f-]{36})"/.exec(html)?.[1] ?? "";
    expect(patientLink).toMatch(/\/patients\/[\w-]{30,}$/);
    const row = await app.database.db.query.cases.findFirst({ where: eq(cases.id, caseId) });
    expect(row!.summary).toBe("Seen on [DATE: 2015].");

    const consents = await count(caseConsents);
    const missing = await post(`/cases/${caseId}`, "clinician", { intent: "consent", permission: "DS" });
    expect(missing.status).toBe(400);
    const missingHtml = await missing.text();
    expect(missingHtml).toContain("Name the disease (e.g. OMIM:219700) for disease-specific consent");
    expect(missingHtml).toContain("Confirm that the patient (or their guardian) gave this consent");
    expect(await count(caseConsents)).toBe(consents);
    const ok = await post(`/cases/${caseId}`, "clinician", { intent: "consent", permission: "HMB", allowFederation: "on", patientConfirmed: "on" });
    expect(ok.status).toBe(200);
    expect(await count(caseConsents)).toBe(consents + 1);

    const fhir = await get(`/cases/${caseId}/consent/fhir`, "clinician");
    expect(fhir.headers.get("content-type")).toMatch(/application\/fhir\+json/);
    const bundle = (await fhir.json()) as { entry: Array<{ resource: { resourceType: string; status: string; provision: { purpose: Array<{ code: string }> } } }> };
    expect(bundle.entry[0].resource).toMatchObject({ resourceType: "Consent", status: "active", provision: { purpose: [{ code: "DUO:0000006" }] } });
    expect((await get(`/cases/${caseId}/consent/fhir`, "patient")).status).toBe(403);

    const patientPage = await get(new URL(patientLink).pathname, "anonymous");
    expect(patientPage.status).toBe(200);
    expect(await patientPage.text()).toContain("GA4GH Data Use Ontology");
  });

  it("lets only admins add peers, and rejects a bad peer without writing", async () => {
    const before = await count(mmePeers);
    expect((await post("/federation/peers", "clinician", { intent: "add", name: "X", baseUrl: "http://127.0.0.1:1", country: "IS" })).status).toBe(403);
    const bad = await post("/federation/peers", "admin", { intent: "add", name: "Bad", baseUrl: "ftp://nope", country: "Iceland" });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain("Enter the node&#x27;s base URL");
    expect(badHtml).toContain("Use a two-letter ISO 3166 country code");
    expect(await count(mmePeers)).toBe(before);
    const search = await post("/cases/search", "clinician", { features: "[]", genes: "" });
    expect(search.status).toBe(400);
  });
});
