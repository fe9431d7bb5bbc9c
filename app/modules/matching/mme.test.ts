import { loadBenchmarkPatients } from "./benchmark-patients.server";
import {
  MME_CONTENT_TYPE_V1_0,
  MME_CONTENT_TYPE_V1_1,
  buildMatchResponse,
  caseToMmePatient,
  mmeError,
  mmePatientToCase,
  negotiateMmeVersion,
  parseMatchRequest,
  validateMatchResponse,
  validateMmePatient,
} from "./mme";

const patients = loadBenchmarkPatients();
const valid = {
  id: "p1",
  contact: { name: "Dr A", href: "mailto:a@example.org", institution: "X" },
  features: [{ id: "HP:0000252", observed: "yes" }],
};

describe("MME schemas", () => {
  it("accept all 50 consortium benchmark patients", () => {
    expect(patients).toHaveLength(50);
    for (const p of patients) expect(validateMmePatient(p)).toMatchObject({ ok: true });
  });

  it("reject patients without features and genomicFeatures, bad contacts, bad observed values", () => {
    const bad = [
      { ...valid, features: [] },
      { ...valid, contact: { name: "x", href: "not a url" } },
      { ...valid, features: [{ id: "HP:0000252", observed: "maybe" }] },
      { ...valid, genomicFeatures: [{ gene: {} }] },
      { ...valid, genomicFeatures: [{ gene: { id: "A" }, variant: { assembly: "GRCh37", referenceName: "1", start: -1 } }] },
      { contact: valid.contact, features: valid.features },
    ];
    for (const p of bad) {
      const r = validateMmePatient(p);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.status).toBe(422);
    }
  });
});

describe("MME request parsing and errors", () => {
  it("answers 400 for malformed JSON and 422 with a message for invalid requests", () => {
    const malformed = parseMatchRequest("{not json");
    expect(malformed).toMatchObject({ ok: false, error: { status: 400, body: { message: expect.any(String) } } });
    const invalid = parseMatchRequest(JSON.stringify({ patient: { id: "x" } }));
    expect(invalid.ok).toBe(false);
    if (!invalid.ok) {
      expect(invalid.error.status).toBe(422);
      expect(invalid.error.body.message).toMatch(/patient\.contact/);
      expect(invalid.error.headers["Content-Type"]).toBe(MME_CONTENT_TYPE_V1_1);
    }
    expect(parseMatchRequest(JSON.stringify({ patient: valid }))).toMatchObject({ ok: true, value: { patient: { id: "p1" } } });
  });

  it("builds 401/406/415 bodies; 406 and 415 list the supported versions", () => {
    expect(mmeError(401, "no token").body).toEqual({ message: "no token" });
    expect(mmeError(406, "nope").body).toEqual({ message: "nope", supportedVersions: ["1.0", "1.1"] });
    expect(mmeError(415, "nope", "1.0")).toMatchObject({ status: 415, headers: { "Content-Type": MME_CONTENT_TYPE_V1_0 } });
  });
});

describe("MME version negotiation", () => {
  it("accepts v1.0 and v1.1 and answers in the requested version", () => {
    expect(negotiateMmeVersion({ contentType: MME_CONTENT_TYPE_V1_0, accept: MME_CONTENT_TYPE_V1_0 })).toEqual({
      ok: true,
      version: "1.0",
      contentType: MME_CONTENT_TYPE_V1_0,
    });
    expect(negotiateMmeVersion({ contentType: MME_CONTENT_TYPE_V1_1, accept: `${MME_CONTENT_TYPE_V1_1}, ${MME_CONTENT_TYPE_V1_0};q=0.5` })).toMatchObject({
      version: "1.1",
    });
    expect(negotiateMmeVersion({ contentType: MME_CONTENT_TYPE_V1_0, accept: `${MME_CONTENT_TYPE_V1_1};q=0.2, ${MME_CONTENT_TYPE_V1_0}` })).toMatchObject({
      version: "1.0",
    });
    expect(negotiateMmeVersion({ contentType: MME_CONTENT_TYPE_V1_0, accept: "*/*" })).toMatchObject({ version: "1.0" });
    expect(negotiateMmeVersion({ contentType: MME_CONTENT_TYPE_V1_0 })).toMatchObject({ version: "1.0" });
    expect(negotiateMmeVersion({ accept: "application/vnd.ga4gh.matchmaker.v2.0+json, application/vnd.ga4gh.matchmaker.v1.1+json" }, false)).toMatchObject({
      version: "1.1",
    });
  });

  it("answers 406 for unsupported Accept versions and 415 for unsupported bodies", () => {
    const r406 = negotiateMmeVersion({ contentType: MME_CONTENT_TYPE_V1_0, accept: "application/vnd.ga4gh.matchmaker.v2.0+json" });
    expect(r406).toMatchObject({ ok: false, error: { status: 406, body: { supportedVersions: ["1.0", "1.1"] } } });
    expect(negotiateMmeVersion({ contentType: "text/plain" })).toMatchObject({ ok: false, error: { status: 415 } });
    expect(negotiateMmeVersion({ contentType: "application/vnd.ga4gh.matchmaker.v0.9+json" })).toMatchObject({ ok: false, error: { status: 415 } });
    expect(negotiateMmeVersion({})).toMatchObject({ ok: false, error: { status: 415 } });
  });
});

describe("MME ⇄ case conversion", () => {
  it("round-trips every benchmark patient without loss", () => {
    for (const raw of patients) {
      const parsed = validateMmePatient(raw);
      if (!parsed.ok) throw new Error(parsed.error.body.message);
      expect(caseToMmePatient(mmePatientToCase(parsed.value))).toEqual(raw);
    }
  });

  it("maps observed:no to an excluded feature and missing observed to observed", () => {
    const c = mmePatientToCase({
      ...valid,
      features: [{ id: "HP:0000252" }, { id: "HP:0001250", observed: "no" }],
    } as Parameters<typeof mmePatientToCase>[0]);
    expect(c.features).toEqual([
      { id: "HP:0000252", observed: true },
      { id: "HP:0001250", observed: false },
    ]);
  });

  it("builds responses with results[].score.patient and patient, using a fallback contact when needed", () => {
    const c = { id: "c1", features: [{ id: "HP:0000252", observed: true }], genomicFeatures: [], disorders: [] };
    const response = buildMatchResponse([{ score: 0.8123456789, case: c }], {
      fallbackContact: { name: "MedNexus node", href: "https://mednexus.example/contact" },
      disclaimer: "research use",
    });
    expect(response.results[0].score.patient).toBe(0.812346);
    expect(response.results[0].patient.contact.name).toBe("MedNexus node");
    expect(validateMatchResponse(response)).toMatchObject({ ok: true });
    expect(() => buildMatchResponse([{ score: 0.5, case: c }])).toThrow(/no contact/);
    expect(validateMatchResponse({ results: [{ score: { patient: 1.5 }, patient: valid }] }).ok).toBe(false);
  });
});
