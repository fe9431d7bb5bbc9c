// FHIR R4 Consent export of a consent version. Only the few R4 types we emit are written here.
import { DUO_CITATION, DUO_MODIFIERS, DUO_PERMISSIONS, type ConsentRecord, type DuoModifier, type DuoPermission } from "./model";

interface Coding {
  system?: string;
  code: string;
  display?: string;
}
interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}
interface Reference {
  reference?: string;
  display?: string;
  identifier?: { system?: string; value: string };
}

export interface FhirConsent {
  resourceType: "Consent";
  id: string;
  meta?: { versionId?: string; lastUpdated?: string };
  status: "active" | "inactive" | "rejected";
  scope: CodeableConcept;
  category: CodeableConcept[];
  patient: Reference;
  dateTime: string;
  performer?: Reference[];
  policy?: Array<{ uri?: string; authority?: string }>;
  provision: {
    type: "permit" | "deny";
    period?: { end?: string };
    purpose?: Coding[];
    securityLabel?: Coding[];
    actor?: Array<{ role: CodeableConcept; reference: Reference }>;
    extension?: Array<{ url: string; valueString?: string; valueBoolean?: boolean }>;
  };
}

const DUO_SYSTEM = "http://purl.obolibrary.org/obo/duo";

export function consentToFhir(c: ConsentRecord, caseReference: string): FhirConsent {
  const permission = DUO_PERMISSIONS[c.permission as DuoPermission];
  const purpose: Coding[] = [{ system: DUO_SYSTEM, code: permission?.id ?? c.permission, display: permission?.label ?? c.permission }];
  const securityLabel: Coding[] = c.modifiers.map((m) => {
    const mod = DUO_MODIFIERS[m as DuoModifier];
    return { system: DUO_SYSTEM, code: mod?.id ?? m, display: mod?.label ?? m };
  });
  const extension: FhirConsent["provision"]["extension"] = [{ url: "https://mednexus.org/fhir/StructureDefinition/matchmaker-exchange", valueBoolean: c.allowFederation }];
  if (c.disease) extension.push({ url: "https://mednexus.org/fhir/StructureDefinition/duo-disease", valueString: c.disease });
  for (const country of c.scopeCountries) extension.push({ url: "https://mednexus.org/fhir/StructureDefinition/duo-geographic-scope", valueString: country });
  return {
    resourceType: "Consent",
    id: c.id,
    meta: { versionId: String(c.version), lastUpdated: c.createdAt.toISOString() },
    status: c.status === "active" ? "active" : "inactive",
    scope: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/consentscope", code: "research", display: "Research" }] },
    category: [{ coding: [{ system: "http://loinc.org", code: "57016-8", display: "Privacy policy acknowledgment Document" }], text: DUO_CITATION }],
    patient: { identifier: { system: "https://mednexus.org/cases", value: caseReference }, display: "De-identified case" },
    dateTime: c.createdAt.toISOString(),
    performer: [{ display: c.recordedByLabel }],
    policy: [{ uri: "http://purl.obolibrary.org/obo/duo.owl", authority: DUO_CITATION }],
    provision: {
      type: c.status === "active" ? "permit" : "deny",
      ...(c.expiresAt ? { period: { end: c.expiresAt.toISOString() } } : {}),
      purpose,
      securityLabel,
      actor: c.scopeInstitutionIds.map((id) => ({
        role: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", code: "IRCP", display: "information recipient" }] },
        reference: { identifier: { system: "https://mednexus.org/institutions", value: id } },
      })),
      extension,
    },
  };
}
