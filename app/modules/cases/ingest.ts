// De-identification at ingest, and imports (FHIR R4 Bundle, MME patient JSON) into a case draft. Pure, no I/O.
import { ageBand, findIdentifiers, KIND_LABELS, redact, yearOnly, type IdentifierHit } from "../deid";
import { validateMmePatient } from "../matching/mme";
import type { CaseDraft, DraftGenomicFeature, DroppedIdentifier, IdentifierFinding, Resolution } from "./model";

/** Free-text fields of a draft that may carry identifiers (structured fields are coded or coarsened). */
function textFields(draft: CaseDraft): Array<{ field: string; label: string; text: string }> {
  const out = [
    { field: "label", label: "Case label", text: draft.label },
    { field: "summary", label: "Summary", text: draft.summary },
  ];
  draft.features.forEach((f, i) => f.label && out.push({ field: `features.${i}.label`, label: `Phenotype ${i + 1} label`, text: f.label }));
  draft.disorders.forEach((d, i) => d.label && out.push({ field: `disorders.${i}.label`, label: `Disorder ${i + 1} label`, text: d.label }));
  return out;
}

const findingKey = (field: string, hit: IdentifierHit) => `${field}:${hit.start}:${hit.end}:${hit.text}`;

/** Every identifier the shared HIPAA Safe Harbor engine finds in the draft's free text. */
export function findDraftIdentifiers(draft: CaseDraft): IdentifierFinding[] {
  const findings: IdentifierFinding[] = [];
  for (const { field, label, text } of textFields(draft)) {
    for (const hit of findIdentifiers(text)) {
      findings.push({ key: findingKey(field, hit), field, fieldLabel: label, kind: hit.kind, kindLabel: KIND_LABELS[hit.kind], text: hit.text, suggestion: hit.suggestion });
    }
  }
  return findings;
}

export interface DeidOutcome {
  draft: CaseDraft;
  report: Array<{ field: string; kind: string; action: "redacted" | "confirmed" }>;
  unresolved: IdentifierFinding[];
}

/**
 * Applies the clinician's resolutions: "redact" replaces the identifier by the engine's suggestion (keeping what Safe
 * Harbor allows, such as the year of a date), "confirm" keeps the text as not identifying. Anything unresolved is
 * returned and nothing may be saved.
 */
export function applyResolutions(draft: CaseDraft, resolutions: Record<string, Resolution>): DeidOutcome {
  const report: DeidOutcome["report"] = [];
  const unresolved: IdentifierFinding[] = [];
  const redactField = (field: string, text: string): string => {
    const hits = findIdentifiers(text);
    const toRedact: IdentifierHit[] = [];
    for (const hit of hits) {
      const r = resolutions[findingKey(field, hit)];
      if (r === "redact") {
        toRedact.push(hit);
        report.push({ field, kind: hit.kind, action: "redacted" });
      } else if (r === "confirm") {
        report.push({ field, kind: hit.kind, action: "confirmed" });
      } else {
        unresolved.push({ key: findingKey(field, hit), field, fieldLabel: field, kind: hit.kind, kindLabel: KIND_LABELS[hit.kind], text: hit.text, suggestion: hit.suggestion });
      }
    }
    return toRedact.length ? redact(text, toRedact) : text;
  };
  const out: CaseDraft = {
    ...draft,
    label: redactField("label", draft.label),
    summary: redactField("summary", draft.summary),
    features: draft.features.map((f, i) => (f.label ? { ...f, label: redactField(`features.${i}.label`, f.label) } : f)),
    disorders: draft.disorders.map((d, i) => (d.label ? { ...d, label: redactField(`disorders.${i}.label`, d.label) } : d)),
  };
  return { draft: out, report, unresolved };
}

// ------------------------------------------------------------------------------------------------ FHIR R4

interface FhirCoding {
  system?: string;
  code?: string;
  display?: string;
}
interface FhirCodeableConcept {
  coding?: FhirCoding[];
  text?: string;
}
interface FhirResource {
  resourceType: string;
  [key: string]: unknown;
}
export interface FhirBundle {
  resourceType: "Bundle";
  entry?: Array<{ resource?: FhirResource }>;
}

export interface ImportResult {
  draft: CaseDraft;
  dropped: DroppedIdentifier[];
  warnings: string[];
}

const HPO_SYSTEMS = ["http://purl.obolibrary.org/obo/hp.owl", "http://human-phenotype-ontology.org", "https://hpo.jax.org", "http://hpo.jax.org"];

function hpoCode(cc: FhirCodeableConcept | undefined): FhirCoding | undefined {
  return cc?.coding?.find((c) => (c.system && HPO_SYSTEMS.some((s) => c.system!.startsWith(s))) || /^HP:\d{7}$/.test(c.code ?? ""));
}

function disorderCode(cc: FhirCodeableConcept | undefined): { id: string; label?: string } | undefined {
  for (const c of cc?.coding ?? []) {
    const code = (c.code ?? "").trim();
    const system = (c.system ?? "").toLowerCase();
    let id: string | undefined;
    if (/^(OMIM|ORPHA|MONDO):\S+$/i.test(code)) id = code.toUpperCase();
    else if (system.includes("omim")) id = `OMIM:${code}`;
    else if (system.includes("orpha")) id = `ORPHA:${code.replace(/^ORPHA:/i, "")}`;
    else if (system.includes("mondo")) id = code.startsWith("MONDO:") ? code : `MONDO:${code}`;
    if (id) return c.display ? { id, label: c.display } : { id };
  }
  return undefined;
}

const asArray = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

function isAbsent(resource: FhirResource): boolean {
  const verification = resource.verificationStatus as FhirCodeableConcept | undefined;
  if (verification?.coding?.some((c) => c.code === "refuted")) return true;
  if (resource.valueBoolean === false) return true;
  const value = resource.valueCodeableConcept as FhirCodeableConcept | undefined;
  if (value?.coding?.some((c) => ["260385009", "N", "absent", "negative"].includes(c.code ?? ""))) return true;
  const interpretation = asArray<FhirCodeableConcept>(resource.interpretation);
  return interpretation.some((i) => i.coding?.some((c) => c.code === "NEG" || c.code === "N"));
}

function component(resource: FhirResource, loinc: string): Record<string, unknown> | undefined {
  return asArray<Record<string, unknown>>(resource.component).find((c) => (c.code as FhirCodeableConcept | undefined)?.coding?.some((x) => x.code === loinc));
}

/** A genetics Observation (LOINC 69548-6 "Genetic variant assessment" with HL7 genomics components) → gene/variant. */
function geneticFeature(resource: FhirResource): DraftGenomicFeature | undefined {
  const gene = (component(resource, "48018-6")?.valueCodeableConcept as FhirCodeableConcept | undefined)?.coding?.[0];
  if (!gene) return undefined;
  const symbol = gene.display && /^[A-Za-z0-9\-.]+$/.test(gene.display) ? gene.display : gene.code;
  if (!symbol) return undefined;
  const out: DraftGenomicFeature = { gene: symbol };
  const build = (component(resource, "62374-4")?.valueCodeableConcept as FhirCodeableConcept | undefined)?.coding?.[0];
  if (build?.code === "LA14029-5" || /37|hg19/i.test(build?.display ?? "")) out.assembly = "GRCh37";
  if (build?.code === "LA26806-2" || /38/i.test(build?.display ?? "")) out.assembly = "GRCh38";
  const chrom = (component(resource, "48001-2")?.valueCodeableConcept as FhirCodeableConcept | undefined)?.coding?.[0]?.display;
  if (chrom) out.referenceName = chrom.replace(/^chr(omosome)?\s*/i, "");
  const start = component(resource, "81254-5")?.valueRange as { low?: { value?: number } } | undefined;
  const startInt = component(resource, "81254-5")?.valueInteger as number | undefined;
  if (typeof startInt === "number") out.start = startInt;
  else if (typeof start?.low?.value === "number") out.start = start.low.value;
  const ref = component(resource, "69547-8")?.valueString as string | undefined;
  const alt = component(resource, "69551-0")?.valueString as string | undefined;
  if (ref) out.referenceBases = ref.toUpperCase();
  if (alt) out.alternateBases = alt.toUpperCase();
  const zyg = (component(resource, "53034-5")?.valueCodeableConcept as FhirCodeableConcept | undefined)?.coding?.[0];
  if (zyg?.code === "LA6706-1" || /heterozygous/i.test(zyg?.display ?? "")) out.zygosity = 1;
  if (zyg?.code === "LA6705-3" || /homozygous/i.test(zyg?.display ?? "")) out.zygosity = 2;
  return out;
}

function ageAt(birthDate: string, at: Date): number | null {
  const year = yearOnly(birthDate);
  if (year === null) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(birthDate);
  let age = at.getUTCFullYear() - year;
  if (m && (at.getUTCMonth() + 1 < Number(m[2]) || (at.getUTCMonth() + 1 === Number(m[2]) && at.getUTCDate() < Number(m[3])))) age -= 1;
  return age >= 0 ? age : null;
}

/**
 * FHIR R4 Bundle (Patient, Condition, Observation) → a case draft. Direct identifiers of the Patient (name,
 * identifiers, telecom, address lines, birth date) are dropped and reported; the birth date becomes an age band,
 * dates become years; notes go into the summary, where the identifier review will look at them.
 */
export function importFhirBundle(input: unknown, now = new Date()): ImportResult {
  if (!input || typeof input !== "object" || (input as FhirResource).resourceType !== "Bundle") {
    throw new ImportError('This is not a FHIR R4 Bundle (resourceType must be "Bundle").');
  }
  const bundle = input as FhirBundle;
  const resources = (bundle.entry ?? []).map((e) => e.resource).filter((r): r is FhirResource => !!r && typeof r.resourceType === "string");
  const dropped: DroppedIdentifier[] = [];
  const warnings: string[] = [];
  const draft: CaseDraft = { label: "Imported case", summary: "", features: [], genomicFeatures: [], disorders: [] };
  const notes: string[] = [];
  const onsetYears: number[] = [];
  const patients = resources.filter((r) => r.resourceType === "Patient");
  if (patients.length > 1) warnings.push(`The bundle holds ${patients.length} patients; only the first was imported.`);
  const patient = patients[0];
  if (patient) {
    if (patient.name) dropped.push({ field: "Patient.name", what: "the patient's name" });
    if (patient.identifier) dropped.push({ field: "Patient.identifier", what: "record numbers and other identifiers" });
    if (patient.telecom) dropped.push({ field: "Patient.telecom", what: "telephone numbers and e-mail addresses" });
    if (patient.photo) dropped.push({ field: "Patient.photo", what: "photographs" });
    if (patient.contact) dropped.push({ field: "Patient.contact", what: "relatives' and contacts' details" });
    const gender = String(patient.gender ?? "");
    if (gender === "female") draft.sex = "FEMALE";
    else if (gender === "male") draft.sex = "MALE";
    else if (gender === "other") draft.sex = "OTHER";
    if (typeof patient.birthDate === "string") {
      const age = ageAt(patient.birthDate, now);
      if (age !== null) draft.ageBand = ageBand(age) as CaseDraft["ageBand"];
      dropped.push({ field: "Patient.birthDate", what: `the date of birth (kept only as the age band ${draft.ageBand ?? "unknown"})` });
    }
    const addresses = asArray<Record<string, unknown>>(patient.address);
    if (addresses.length) {
      const country = String(addresses[0].country ?? "").trim().toUpperCase();
      if (/^[A-Z]{2}$/.test(country)) draft.country = country;
      dropped.push({ field: "Patient.address", what: `the address (kept only the country${draft.country ? ` ${draft.country}` : ""})` });
    }
  }
  for (const r of resources) {
    if (r.resourceType !== "Condition" && r.resourceType !== "Observation") continue;
    const code = r.code as FhirCodeableConcept | undefined;
    const onset = (r.onsetDateTime ?? r.effectiveDateTime ?? r.recordedDate) as string | undefined;
    if (typeof onset === "string") {
      const year = yearOnly(onset);
      if (year !== null) onsetYears.push(year);
    }
    for (const note of asArray<{ text?: string }>(r.note)) if (note.text) notes.push(note.text);
    const genetic = r.resourceType === "Observation" ? geneticFeature(r) : undefined;
    if (genetic) {
      draft.genomicFeatures.push(genetic);
      continue;
    }
    const hpo = hpoCode(code);
    if (hpo?.code) {
      const id = hpo.code.replace(/^HP_/, "HP:");
      if (!draft.features.some((f) => f.id === id)) draft.features.push({ id, label: hpo.display, observed: !isAbsent(r) });
      continue;
    }
    const disorder = r.resourceType === "Condition" ? disorderCode(code) : undefined;
    if (disorder) {
      if (!isAbsent(r)) draft.disorders.push(disorder);
      continue;
    }
    warnings.push(`${r.resourceType} "${code?.text ?? code?.coding?.[0]?.display ?? "(no code)"}" has no HPO, OMIM, Orphanet or genetics coding and was not imported.`);
  }
  if (onsetYears.length) {
    draft.onsetYear = Math.min(...onsetYears);
    dropped.push({ field: "onset/effective dates", what: `clinical dates (kept only the year ${draft.onsetYear})` });
  }
  draft.summary = notes.join("\n\n");
  if (draft.features.length === 0 && draft.genomicFeatures.length === 0) warnings.push("No HPO-coded phenotype or gene was found: add them below.");
  return { draft, dropped, warnings };
}

/** An MME v1 patient JSON (or a match request holding one) → a case draft. */
export function importMmePatient(input: unknown): ImportResult {
  const candidate = input && typeof input === "object" && "patient" in input ? (input as { patient: unknown }).patient : input;
  const parsed = validateMmePatient(candidate);
  if (!parsed.ok) throw new ImportError(parsed.error.body.message);
  const p = parsed.value;
  const dropped: DroppedIdentifier[] = [{ field: "patient.id", what: "the sending system's patient id" }];
  if (p.contact) dropped.push({ field: "patient.contact", what: "the original contact (you become the contact)" });
  const draft: CaseDraft = {
    label: p.label ?? "Imported MME patient",
    summary: "",
    features: (p.features ?? []).map((f) => ({ id: f.id, label: f.label, observed: f.observed !== "no" })),
    genomicFeatures: (p.genomicFeatures ?? []).map((g) => {
      const out: DraftGenomicFeature = { gene: g.gene.id };
      const v = g.variant;
      if (v) {
        const assembly = /38/.test(v.assembly) ? "GRCh38" : /37|19/.test(v.assembly) ? "GRCh37" : undefined;
        if (assembly) out.assembly = assembly;
        out.referenceName = v.referenceName.replace(/^chr/i, "");
        if (v.start !== undefined) out.start = v.start;
        if (v.referenceBases) out.referenceBases = v.referenceBases.toUpperCase();
        if (v.alternateBases) out.alternateBases = v.alternateBases.toUpperCase();
      }
      if (g.zygosity === 1 || g.zygosity === 2) out.zygosity = g.zygosity;
      return out;
    }),
    disorders: (p.disorders ?? [])
      .filter((d) => /^(OMIM|MIM|ORPHA|ORPHANET|MONDO):/i.test(d.id))
      .map((d) => ({ id: d.id.toUpperCase().replace(/^MIM:/, "OMIM:"), label: d.label })),
  };
  if (p.sex === "FEMALE" || p.sex === "MALE" || p.sex === "OTHER") draft.sex = p.sex;
  if (p.ageOfOnset && /^HP:\d{7}$/.test(p.ageOfOnset)) draft.ageOfOnset = p.ageOfOnset;
  return { draft, dropped, warnings: [] };
}

export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportError";
  }
}
