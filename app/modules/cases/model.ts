// The case library's shapes, form schemas and UI constants. Pure, no I/O; the UI may import it.
import { z } from "zod";

export const HPO_ATTRIBUTION_FALLBACK = "Human Phenotype Ontology (release 2017-04-13)";
export const LOCAL_NODE_LABEL = "This node";

export const SEXES = ["FEMALE", "MALE", "OTHER", "NOT_APPLICABLE"] as const;
export const SEX_LABELS: Record<(typeof SEXES)[number], string> = { FEMALE: "Female", MALE: "Male", OTHER: "Other", NOT_APPLICABLE: "Not stated" };

/** HPO onset terms (Onset, HP:0003674, and its children in the 2017 release). */
export const ONSET_TERMS = [
  { id: "HP:0030674", label: "Antenatal onset" },
  { id: "HP:0003577", label: "Congenital onset" },
  { id: "HP:0003623", label: "Neonatal onset" },
  { id: "HP:0003593", label: "Infantile onset" },
  { id: "HP:0011463", label: "Childhood onset" },
  { id: "HP:0003621", label: "Juvenile onset" },
  { id: "HP:0003581", label: "Adult onset" },
] as const;

export const ASSEMBLIES = ["GRCh37", "GRCh38"] as const;
export const ZYGOSITY_LABELS: Record<string, string> = { "1": "heterozygous", "2": "homozygous" };

/** Safe Harbor age bands: five years each, one band for everyone over 89. */
export const AGE_BANDS = ["0-4", ...Array.from({ length: 17 }, (_, i) => `${i * 5 + 5}-${i * 5 + 9}`), "90+"] as [string, ...string[]];

export const draftFeatureSchema = z.object({
  id: z
    .string()
    .trim()
    .regex(/^HP:\d{7}$/, "Use an HPO term id like HP:0001250"),
  label: z.string().trim().max(300).optional(),
  observed: z.boolean(),
});

export const draftGenomicFeatureSchema = z.object({
  gene: z
    .string()
    .trim()
    .min(1, "Name the gene (symbol, HGNC or Ensembl id)")
    .max(64)
    .regex(/^(HGNC:\d+|ENSG\d{11}|[A-Za-z0-9][A-Za-z0-9\-.]*)$/, "Use a gene symbol (e.g. SCN1A), an HGNC id (HGNC:10585) or an Ensembl id (ENSG…)"),
  assembly: z.enum(ASSEMBLIES).optional(),
  referenceName: z
    .string()
    .trim()
    .regex(/^(chr)?([1-9]|1\d|2[0-2]|X|Y|MT?)$/i, "Use a chromosome name like 2 or X")
    .optional(),
  start: z.number().int().nonnegative().optional(),
  referenceBases: z
    .string()
    .trim()
    .regex(/^[ACGTN]+$/i, "Bases are A, C, G, T or N")
    .optional(),
  alternateBases: z
    .string()
    .trim()
    .regex(/^[ACGTN]+$/i, "Bases are A, C, G, T or N")
    .optional(),
  zygosity: z.union([z.literal(1), z.literal(2)]).optional(),
});

export const draftDisorderSchema = z.object({
  id: z
    .string()
    .trim()
    .regex(/^(OMIM|MIM|ORPHA|ORPHANET|MONDO):\S+$/i, "Use an OMIM or Orphanet id like OMIM:607208 or ORPHA:33069"),
  label: z.string().trim().max(300).optional(),
});

/** A case as the clinician edits it before saving; nothing here is stored until identifiers are resolved. */
export const caseDraftSchema = z
  .object({
    label: z.string().trim().min(1, "Give the case a short label (no names)").max(120),
    sex: z.enum(SEXES).optional(),
    ageBand: z.enum(AGE_BANDS, { errorMap: () => ({ message: "Choose a five-year age band" }) }).optional(),
    ageOfOnset: z
      .string()
      .trim()
      .regex(/^HP:\d{7}$/)
      .optional(),
    onsetYear: z.number().int().min(1900).max(2100).optional(),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, "Use a two-letter ISO 3166 country code")
      .optional(),
    summary: z.string().max(5000, "Keep the summary under 5,000 characters").default(""),
    features: z.array(draftFeatureSchema).max(200).default([]),
    genomicFeatures: z.array(draftGenomicFeatureSchema).max(50).default([]),
    disorders: z.array(draftDisorderSchema).max(20).default([]),
  })
  .refine((d) => d.features.some((f) => f.observed) || d.genomicFeatures.length > 0, {
    message: "Add at least one observed phenotype or one gene",
    path: ["features"],
  });
export type CaseDraft = z.infer<typeof caseDraftSchema>;
export type DraftFeature = z.infer<typeof draftFeatureSchema>;
export type DraftGenomicFeature = z.infer<typeof draftGenomicFeatureSchema>;

export const EMPTY_DRAFT: CaseDraft = { label: "", summary: "", features: [], genomicFeatures: [], disorders: [] };

/** One identifier found in a free-text field at ingest; the clinician must redact or confirm each one. */
export interface IdentifierFinding {
  /** stable key: field + position + text, so a resolution applies to exactly this finding */
  key: string;
  field: string;
  fieldLabel: string;
  kind: string;
  kindLabel: string;
  text: string;
  suggestion: string;
}
export type Resolution = "redact" | "confirm";

/** Structured identifiers an import dropped or coarsened before anyone saw them. */
export interface DroppedIdentifier {
  field: string;
  what: string;
}

/** Search form: the phenotype and genotype to match, the purpose of use and the requester's attestations. */
export const searchInputSchema = z
  .object({
    features: z.array(draftFeatureSchema).max(100).default([]),
    genes: z.array(z.string().trim().min(1).max(64)).max(20).default([]),
    purpose: z.enum(["NRES", "GRU", "HMB", "DS", "POA"]).default("HMB"),
    disease: z.string().trim().max(64).optional(),
    notForProfit: z.boolean().default(true),
    commercial: z.boolean().default(false),
    irbApproved: z.boolean().default(false),
    agreesToPublish: z.boolean().default(false),
    agreesToCollaborate: z.boolean().default(false),
    includePeers: z.boolean().default(false),
    limit: z.number().int().min(1).max(50).default(10),
  })
  .refine((s) => s.features.some((f) => f.observed) || s.genes.length > 0, { message: "Add at least one observed phenotype or one gene to search for", path: ["features"] });
export type SearchInput = z.infer<typeof searchInputSchema>;

export const peerInputSchema = z.object({
  name: z.string().trim().min(2, "Name the node").max(120),
  baseUrl: z
    .string()
    .trim()
    .regex(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/i, "Enter the node's base URL, e.g. https://mme.example.org")
    .transform((u) => u.replace(/\/+$/, "")),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, "Use a two-letter ISO 3166 country code"),
  purpose: z.enum(["NRES", "GRU", "HMB", "DS", "POA"]).default("HMB"),
  notForProfit: z
    .union([z.boolean(), z.string()])
    .optional()
    .transform((v) => v === true || v === "on" || v === "true"),
  outboundToken: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => (v ? v : null)),
  timeoutMs: z.coerce.number().int().min(200, "At least 200 ms").max(60000, "At most 60 s").default(5000),
});
export type PeerInput = z.infer<typeof peerInputSchema>;

export interface ExplainedResult {
  node: string;
  caseId: string;
  label: string;
  score: number;
  phenotypeScore: number;
  genotypeScore: number;
  matchedTerms: Array<{ query: string; match: string; via: string; ic: number }>;
  penalties: Array<{ excluded: string; conflicting: string; deduction: number }>;
  sharedGenes: string[];
  sharedVariants: string[];
  observed: string[];
  excluded: string[];
  genes: string[];
  disorders: string[];
  contact: { name: string; href: string; institution?: string } | null;
  consentReason: string | null;
}

export interface PeerOutcome {
  peer: string;
  ok: boolean;
  message: string;
  results: number;
  ms: number;
}
