import { decide, permissionCovers, type ConsentRecord, type Requester } from "./model";

const at = new Date("2026-06-01T00:00:00Z");
const consent = (over: Partial<ConsentRecord> = {}): ConsentRecord => ({
  id: "c1",
  caseId: "case",
  version: 1,
  status: "active",
  permission: "HMB",
  disease: null,
  modifiers: [],
  scopeCountries: [],
  scopeInstitutionIds: [],
  allowFederation: false,
  expiresAt: null,
  recordedByLabel: "Dr X",
  createdAt: new Date("2026-01-01T00:00:00Z"),
  ...over,
});
const clinician: Requester = {
  id: "user:1",
  label: "Dr Y",
  institutionIds: ["i1"],
  country: "IS",
  notForProfit: true,
  commercial: false,
  irbApproved: false,
  agreesToPublish: false,
  agreesToCollaborate: false,
  viaFederation: false,
};

describe("decide (GA4GH DUO)", () => {
  it("denies by default when no consent is recorded", () => {
    expect(decide(null, { code: "HMB" }, clinician, at)).toMatchObject({ permit: false, reasons: ["No consent is recorded for this case."] });
  });

  it("lets a specific request match a general permission, never the reverse", () => {
    expect(permissionCovers("GRU", "DS")).toBe(true);
    expect(permissionCovers("DS", "HMB")).toBe(false);
    expect(decide(consent({ permission: "GRU" }), { code: "DS", disease: "OMIM:607208" }, clinician, at).permit).toBe(true);
    expect(decide(consent({ permission: "HMB" }), { code: "GRU" }, clinician, at).permit).toBe(false);
    expect(decide(consent({ permission: "HMB" }), { code: "POA" }, clinician, at).permit).toBe(false);
    expect(decide(consent({ permission: "NRES" }), { code: "POA" }, clinician, at).permit).toBe(true);
    expect(decide(consent({ permission: "NRES", modifiers: ["NPOA"] }), { code: "POA" }, clinician, at).permit).toBe(false);
  });

  it("matches disease-specific consent only for the same disease", () => {
    const ds = consent({ permission: "DS", disease: "OMIM:607208" });
    expect(decide(ds, { code: "DS", disease: "omim:607208" }, clinician, at).permit).toBe(true);
    expect(decide(ds, { code: "DS", disease: "OMIM:100000" }, clinician, at).permit).toBe(false);
    expect(decide(ds, { code: "HMB" }, clinician, at).permit).toBe(false);
  });

  it("enforces revocation, expiry and federation", () => {
    expect(decide(consent({ status: "revoked", version: 2 }), { code: "HMB" }, clinician, at).reasons[0]).toMatch(/revoked/);
    expect(decide(consent({ expiresAt: new Date("2026-05-31T23:59:59Z") }), { code: "HMB" }, clinician, at).reasons[0]).toMatch(/expired on 2026-05-31/);
    expect(decide(consent(), { code: "HMB" }, { ...clinician, viaFederation: true }, at).permit).toBe(false);
    expect(decide(consent({ allowFederation: true }), { code: "HMB" }, { ...clinician, viaFederation: true }, at).permit).toBe(true);
  });

  it("enforces modifiers against what the requester attests and where they are", () => {
    expect(decide(consent({ modifiers: ["NPU"] }), { code: "HMB" }, { ...clinician, notForProfit: false }, at).permit).toBe(false);
    expect(decide(consent({ modifiers: ["NCU"] }), { code: "HMB" }, { ...clinician, commercial: true }, at).permit).toBe(false);
    expect(decide(consent({ modifiers: ["IRB"] }), { code: "HMB" }, clinician, at).permit).toBe(false);
    expect(decide(consent({ modifiers: ["IRB"] }), { code: "HMB" }, { ...clinician, irbApproved: true }, at).permit).toBe(true);
    expect(decide(consent({ modifiers: ["PUB", "COL"] }), { code: "HMB" }, { ...clinician, agreesToPublish: true }, at).permit).toBe(false);
    expect(decide(consent({ modifiers: ["GS"], scopeCountries: ["US"] }), { code: "HMB" }, clinician, at).permit).toBe(false);
    expect(decide(consent({ modifiers: ["GS"], scopeCountries: ["IS"] }), { code: "HMB" }, clinician, at).permit).toBe(true);
    expect(decide(consent({ modifiers: ["IS"], scopeInstitutionIds: ["i2"] }), { code: "HMB" }, clinician, at).permit).toBe(false);
    expect(decide(consent({ modifiers: ["IS"], scopeInstitutionIds: ["i1"] }), { code: "HMB" }, clinician, at).permit).toBe(true);
  });
});
