import { applyResolutions, findDraftIdentifiers, importFhirBundle, importMmePatient } from "./ingest";
import type { CaseDraft } from "./model";

describe("FHIR R4 import", () => {
  const bundle = {
    resourceType: "Bundle",
    entry: [
      { resource: { resourceType: "Patient", name: [{ family: "Smith" }], identifier: [{ value: "1" }], gender: "female", birthDate: "2010-07-01", address: [{ line: ["1 Main St"], country: "is" }] } },
      { resource: { resourceType: "Condition", code: { coding: [{ system: "http://purl.obolibrary.org/obo/hp.owl", code: "HP:0001250" }] }, onsetDateTime: "2014-03-02" } },
      { resource: { resourceType: "Observation", code: { coding: [{ code: "HP:0001251" }] }, valueBoolean: false } },
      { resource: { resourceType: "Condition", code: { coding: [{ system: "https://www.orpha.net", code: "33069", display: "Dravet syndrome" }] } } },
      { resource: { resourceType: "Condition", code: { text: "Headache" } } },
    ],
  };

  it("keeps coded phenotypes (absent ones as excluded), disorders, coarsened age and country, and drops identifiers", () => {
    const { draft, dropped, warnings } = importFhirBundle(bundle, new Date("2026-01-01T00:00:00Z"));
    expect(draft.features).toEqual([
      { id: "HP:0001250", label: undefined, observed: true },
      { id: "HP:0001251", label: undefined, observed: false },
    ]);
    expect(draft.disorders).toEqual([{ id: "ORPHA:33069", label: "Dravet syndrome" }]);
    expect(draft).toMatchObject({ sex: "FEMALE", ageBand: "15-19", country: "IS", onsetYear: 2014 });
    expect(dropped.map((d) => d.field)).toEqual(expect.arrayContaining(["Patient.name", "Patient.identifier", "Patient.birthDate", "Patient.address"]));
    expect(JSON.stringify(draft)).not.toMatch(/Smith|Main St|2010-07-01/);
    expect(warnings).toEqual([expect.stringContaining('"Headache"')]);
  });

  it("refuses what is not a Bundle", () => {
    expect(() => importFhirBundle({ resourceType: "Patient" })).toThrow(/not a FHIR R4 Bundle/);
  });
});

describe("MME import", () => {
  it("reads a patient or a match request, and reports invalid input", () => {
    const patient = { id: "p", contact: { name: "X", href: "mailto:x@example.org" }, features: [{ id: "HP:0001250", observed: "no" }], genomicFeatures: [{ gene: { id: "SCN1A" }, zygosity: 1 }], disorders: [{ id: "MIM:607208" }] };
    const { draft } = importMmePatient({ patient });
    expect(draft.features).toEqual([{ id: "HP:0001250", label: undefined, observed: false }]);
    expect(draft.genomicFeatures).toEqual([{ gene: "SCN1A", zygosity: 1 }]);
    expect(draft.disorders).toEqual([{ id: "OMIM:607208", label: undefined }]);
    expect(() => importMmePatient({ id: "p" })).toThrow(/Invalid patient/);
  });
});

describe("identifier resolution", () => {
  const draft: CaseDraft = { label: "Case of Dr Anna Jones", summary: "Seen 12 March 2015, MRN 1234567.", features: [], genomicFeatures: [], disorders: [] };

  it("redacts or keeps each finding as resolved, and reports what is left", () => {
    const findings = findDraftIdentifiers(draft);
    expect(findings.map((f) => `${f.field}:${f.kind}`)).toEqual(["label:name", "summary:date", "summary:mrn"]);
    const partial = applyResolutions(draft, { [findings[1].key]: "redact", [findings[2].key]: "confirm" });
    expect(partial.unresolved.map((u) => u.kind)).toEqual(["name"]);
    expect(partial.draft.summary).toBe("Seen [DATE: 2015], MRN 1234567.");
    const full = applyResolutions(draft, Object.fromEntries(findings.map((f) => [f.key, "redact" as const])));
    expect(full.unresolved).toEqual([]);
    expect(full.draft.label).not.toContain("Jones");
    expect(full.report).toHaveLength(3);
  });
});
