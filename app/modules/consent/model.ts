// Consent for the case library: GA4GH Data Use Ontology (DUO) permissions and modifiers, and `decide`, the one rule
// every use of a case passes. Pure, no I/O; the UI may import it.
import { z } from "zod";

export const DUO_CITATION = "GA4GH Data Use Ontology";

/** DUO data use permissions we record, most general first (DUO ids from ../shared/data/duo/duo.csv). */
export const DUO_PERMISSIONS = {
  NRES: { id: "DUO:0000004", label: "no restriction" },
  GRU: { id: "DUO:0000042", label: "general research use" },
  HMB: { id: "DUO:0000006", label: "health or medical or biomedical research" },
  DS: { id: "DUO:0000007", label: "disease specific research" },
  POA: { id: "DUO:0000011", label: "population origins or ancestry research only" },
} as const;
export type DuoPermission = keyof typeof DUO_PERMISSIONS;
export const DUO_PERMISSION_CODES = Object.keys(DUO_PERMISSIONS) as DuoPermission[];

/**
 * The permission hierarchy of DUO: each code's parent (the more general permission). A request is permitted when
 * its purpose is the consented permission or more specific than it; a general request never matches a specific
 * permission (an HMB request does not match DS consent).
 */
const PARENT: Record<DuoPermission, DuoPermission | null> = { NRES: null, GRU: "NRES", HMB: "GRU", DS: "HMB", POA: "GRU" };

/** DUO modifiers we enforce, with what the requester must satisfy. */
export const DUO_MODIFIERS = {
  NPU: { id: "DUO:0000045", label: "not for profit organisation use only" },
  NCU: { id: "DUO:0000046", label: "non-commercial use only" },
  NPUNCU: { id: "DUO:0000018", label: "not for profit, non commercial use only" },
  IRB: { id: "DUO:0000021", label: "ethics approval required" },
  GS: { id: "DUO:0000022", label: "geographical restriction" },
  IS: { id: "DUO:0000028", label: "institution specific restriction" },
  PUB: { id: "DUO:0000019", label: "publication required" },
  COL: { id: "DUO:0000020", label: "collaboration required" },
  GSO: { id: "DUO:0000016", label: "genetic studies only" },
  NPOA: { id: "DUO:0000044", label: "population origins or ancestry research prohibited" },
} as const;
export type DuoModifier = keyof typeof DUO_MODIFIERS;
export const DUO_MODIFIER_CODES = Object.keys(DUO_MODIFIERS) as DuoModifier[];

/** Where a case is being used. */
export const CASE_USES = ["search-result", "mme-reply", "export", "trial-candidate"] as const;
export type CaseUse = (typeof CASE_USES)[number];
export const CASE_USE_LABELS: Record<CaseUse, string> = {
  "search-result": "shown in a case search on this node",
  "mme-reply": "sent to another node in a Matchmaker Exchange reply",
  export: "exported",
  "trial-candidate": "proposed as a trial candidate",
};

export interface Purpose {
  code: DuoPermission;
  /** for DS: the disease studied (OMIM, Orphanet or MONDO id) */
  disease?: string | null;
}

export interface Requester {
  /** user id, or "node:<peer id>" for another node */
  id: string;
  label: string;
  institutionIds: string[];
  country: string | null;
  notForProfit: boolean;
  commercial: boolean;
  /** documentation of local IRB/ERB approval was attested */
  irbApproved: boolean;
  agreesToPublish: boolean;
  agreesToCollaborate: boolean;
  /** another node reached through Matchmaker Exchange */
  viaFederation: boolean;
}

export interface ConsentRecord {
  id: string;
  caseId: string;
  version: number;
  status: "active" | "revoked";
  permission: string;
  disease: string | null;
  modifiers: string[];
  scopeCountries: string[];
  scopeInstitutionIds: string[];
  allowFederation: boolean;
  expiresAt: Date | null;
  recordedByLabel: string;
  createdAt: Date;
}

export interface ConsentDecision {
  permit: boolean;
  /** one sentence per rule checked that failed, or why it passed */
  reasons: string[];
  consentId: string | null;
  consentVersion: number | null;
}

function isDuoPermission(code: string): code is DuoPermission {
  return code in DUO_PERMISSIONS;
}

/** True when `requested` is `granted` or a more specific permission under it (DUO: specific matches general). */
export function permissionCovers(granted: DuoPermission, requested: DuoPermission): boolean {
  for (let p: DuoPermission | null = requested; p !== null; p = PARENT[p]) if (p === granted) return true;
  return false;
}

function sameDisease(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && a.trim().toUpperCase() === b.trim().toUpperCase();
}

export function describePurpose(purpose: Purpose): string {
  const base = `${purpose.code} (${DUO_PERMISSIONS[purpose.code].label})`;
  return purpose.code === "DS" && purpose.disease ? `${base}: ${purpose.disease}` : base;
}

/**
 * The consent check for one use of one case at one time. Deny by default: no consent, a revoked or expired one, a
 * purpose the permission does not cover or any unmet modifier denies.
 */
export function decide(consent: ConsentRecord | null | undefined, purpose: Purpose, requester: Requester, at: Date): ConsentDecision {
  if (!consent) return { permit: false, reasons: ["No consent is recorded for this case."], consentId: null, consentVersion: null };
  const deny = (reason: string): ConsentDecision => ({ permit: false, reasons: [reason], consentId: consent.id, consentVersion: consent.version });
  if (consent.status !== "active") return deny(`Consent version ${consent.version} revoked this case's use.`);
  if (consent.expiresAt && consent.expiresAt.getTime() <= at.getTime()) return deny(`Consent expired on ${consent.expiresAt.toISOString().slice(0, 10)}.`);
  if (requester.viaFederation && !consent.allowFederation) return deny("Consent does not allow matching with other nodes (Matchmaker Exchange).");
  if (!isDuoPermission(consent.permission)) return deny(`Unknown consented permission ${consent.permission}.`);
  if (!permissionCovers(consent.permission, purpose.code)) {
    return deny(`The request's purpose ${purpose.code} is not covered by the consented ${consent.permission}; a general request never matches a more specific permission.`);
  }
  if (consent.permission === "DS" && !sameDisease(consent.disease, purpose.disease)) {
    return deny(`Consent is for research on ${consent.disease ?? "(no disease given)"} only; the request is for ${purpose.disease || "no specific disease"}.`);
  }
  const modifiers = new Set(consent.modifiers);
  if ((modifiers.has("NPU") || modifiers.has("NPUNCU")) && !requester.notForProfit) return deny("Consent limits use to not-for-profit organisations.");
  if ((modifiers.has("NCU") || modifiers.has("NPUNCU")) && requester.commercial) return deny("Consent limits use to non-commercial purposes.");
  if (modifiers.has("IRB") && !requester.irbApproved) return deny("Consent requires documented ethics (IRB/ERB) approval.");
  if (modifiers.has("PUB") && !requester.agreesToPublish) return deny("Consent requires the requester to publish results.");
  if (modifiers.has("COL") && !requester.agreesToCollaborate) return deny("Consent requires collaboration with the contributing clinician.");
  if (modifiers.has("NPOA") && purpose.code === "POA") return deny("Consent prohibits population origins or ancestry research.");
  if (modifiers.has("GS") || consent.scopeCountries.length > 0) {
    if (!requester.country || !consent.scopeCountries.includes(requester.country.toUpperCase())) {
      return deny(`Consent limits use to ${consent.scopeCountries.join(", ") || "(no country)"}; the requester is in ${requester.country ?? "an unknown country"}.`);
    }
  }
  if (modifiers.has("IS") || consent.scopeInstitutionIds.length > 0) {
    if (!requester.institutionIds.some((i) => consent.scopeInstitutionIds.includes(i))) return deny("Consent limits use to named institutions; the requester is not in one.");
  }
  return {
    permit: true,
    reasons: [`Consent version ${consent.version} (${consent.permission}${consent.disease ? ` ${consent.disease}` : ""}) covers ${purpose.code}.`],
    consentId: consent.id,
    consentVersion: consent.version,
  };
}

// ------------------------------------------------------------------------------------------------ input

const countryList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (Array.isArray(v) ? v : (v ?? "").split(/[,\s]+/)).map((c) => c.trim().toUpperCase()).filter(Boolean))
  .refine((list) => list.every((c) => /^[A-Z]{2}$/.test(c)), "Use two-letter ISO 3166 country codes, e.g. IS, IN, US");

export const consentInputSchema = z
  .object({
    permission: z.enum(DUO_PERMISSION_CODES as [DuoPermission, ...DuoPermission[]], { errorMap: () => ({ message: "Choose what the case may be used for" }) }),
    disease: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v.toUpperCase() : null)),
    modifiers: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((v) => (Array.isArray(v) ? v : v ? [v] : []))
      .refine((list) => list.every((m) => m in DUO_MODIFIERS), "Unknown data use modifier"),
    scopeCountries: countryList,
    scopeInstitutionIds: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((v) => (Array.isArray(v) ? v : v ? [v] : []).filter(Boolean))
      .refine((list) => list.every((i) => /^[0-9a-f-]{36}$/i.test(i)), "Unknown institution"),
    allowFederation: z
      .union([z.boolean(), z.string()])
      .optional()
      .transform((v) => v === true || v === "on" || v === "true"),
    expiresAt: z
      .string()
      .trim()
      .optional()
      .transform((v, ctx) => {
        if (!v) return null;
        const d = new Date(`${v}T23:59:59Z`);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(d.getTime())) {
          ctx.addIssue({ code: "custom", message: "Enter the expiry date as YYYY-MM-DD" });
          return z.NEVER;
        }
        return d;
      }),
    patientConfirmed: z
      .union([z.boolean(), z.string()])
      .optional()
      .transform((v) => v === true || v === "on" || v === "true")
      .refine((v) => v, "Confirm that the patient (or their guardian) gave this consent"),
  })
  .superRefine((c, ctx) => {
    if (c.permission === "DS" && !c.disease) ctx.addIssue({ code: "custom", path: ["disease"], message: "Name the disease (e.g. OMIM:219700) for disease-specific consent" });
    if (c.permission === "DS" && c.disease && !/^(OMIM|ORPHA|ORPHANET|MONDO):\S+$/i.test(c.disease)) {
      ctx.addIssue({ code: "custom", path: ["disease"], message: "Use an OMIM, Orphanet or MONDO id, e.g. OMIM:219700" });
    }
    if (c.modifiers.includes("GS") && c.scopeCountries.length === 0) ctx.addIssue({ code: "custom", path: ["scopeCountries"], message: "List the countries for the geographical restriction" });
    if (c.modifiers.includes("IS") && c.scopeInstitutionIds.length === 0) ctx.addIssue({ code: "custom", path: ["scopeInstitutionIds"], message: "Choose the institutions for the institution restriction" });
    if (c.expiresAt && c.expiresAt.getTime() < Date.now()) ctx.addIssue({ code: "custom", path: ["expiresAt"], message: "The expiry date is in the past" });
  });
export type ConsentInput = z.infer<typeof consentInputSchema>;

/** Plain-language sentence for the patient page. */
export function describeConsent(c: ConsentRecord): string {
  if (c.status === "revoked") return `You withdrew your consent (version ${c.version}, ${c.createdAt.toISOString().slice(0, 10)}). Your case is no longer used.`;
  const parts = [`Your case may be used for ${DUO_PERMISSIONS[c.permission as DuoPermission]?.label ?? c.permission}${c.disease ? ` on ${c.disease}` : ""}`];
  if (c.modifiers.length > 0) parts.push(`with these conditions: ${c.modifiers.map((m) => DUO_MODIFIERS[m as DuoModifier]?.label ?? m).join("; ")}`);
  if (c.scopeCountries.length > 0) parts.push(`only in ${c.scopeCountries.join(", ")}`);
  parts.push(c.allowFederation ? "including matching with other hospitals' nodes (Matchmaker Exchange)" : "on this node only");
  if (c.expiresAt) parts.push(`until ${c.expiresAt.toISOString().slice(0, 10)}`);
  return `${parts.join(", ")}.`;
}
