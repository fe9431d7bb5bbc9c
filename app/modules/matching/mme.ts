// Matchmaker Exchange API v1.0 / v1.1 data layer: schemas (zod), content types and version negotiation,
// conversion between MME patients and our MatchCase, response building and error bodies. Pure, no I/O.
import { z } from "zod";
import type { CaseContact, MatchCase, MatchResult } from "./model";

export const MME_SUPPORTED_VERSIONS = ["1.0", "1.1"] as const;
export type MmeVersion = (typeof MME_SUPPORTED_VERSIONS)[number];
export const MME_CONTENT_TYPE_V1_0 = "application/vnd.ga4gh.matchmaker.v1.0+json";
export const MME_CONTENT_TYPE_V1_1 = "application/vnd.ga4gh.matchmaker.v1.1+json";
export const MME_LATEST_VERSION: MmeVersion = "1.1";

export function mmeContentType(version: MmeVersion): string {
  return `application/vnd.ga4gh.matchmaker.v${version}+json`;
}

// ----------------------------------------------------------------------------------------------- schemas

const nonEmpty = z.string().trim().min(1);

export const mmeFeatureSchema = z
  .object({
    id: nonEmpty,
    label: z.string().optional(),
    observed: z.enum(["yes", "no"]).optional(),
    ageOfOnset: z.string().optional(),
  })
  .passthrough();

export const mmeVariantSchema = z
  .object({
    assembly: nonEmpty,
    referenceName: nonEmpty,
    // required by the spec, but absent from two of the MME consortium's own benchmark patients
    start: z.number().int().nonnegative().optional(),
    end: z.number().int().nonnegative().optional(),
    referenceBases: z.string().regex(/^[ACGTN]+$/i, "referenceBases must be A, C, G, T or N").optional(),
    alternateBases: z.string().regex(/^[ACGTN]+$/i, "alternateBases must be A, C, G, T or N").optional(),
  })
  .passthrough();

export const mmeGenomicFeatureSchema = z
  .object({
    gene: z.object({ id: nonEmpty }).passthrough(),
    variant: mmeVariantSchema.optional(),
    zygosity: z.number().int().min(0).max(2).optional(),
    type: z.object({ id: nonEmpty, label: z.string().optional() }).passthrough().optional(),
  })
  .passthrough();

export const mmeDisorderSchema = z.object({ id: nonEmpty, label: z.string().optional() }).passthrough();

export const mmeContactSchema = z
  .object({
    name: nonEmpty,
    href: z.string().regex(/^(https?:\/\/|mailto:)\S+$/i, "href must be an http(s) URL or a mailto: address"),
    institution: z.string().optional(),
    email: z.string().optional(),
    roles: z.array(z.string()).optional(),
  })
  .passthrough();

export const mmePatientSchema = z
  .object({
    id: nonEmpty,
    label: z.string().optional(),
    contact: mmeContactSchema,
    species: z.string().optional(),
    sex: z.enum(["FEMALE", "MALE", "OTHER", "MIXED_SAMPLE", "NOT_APPLICABLE"]).optional(),
    ageOfOnset: z.string().optional(),
    inheritanceMode: z.string().optional(),
    disorders: z.array(mmeDisorderSchema).optional(),
    features: z.array(mmeFeatureSchema).optional(),
    genomicFeatures: z.array(mmeGenomicFeatureSchema).optional(),
    test: z.boolean().optional(),
  })
  .passthrough()
  .refine((p) => (p.features?.length ?? 0) > 0 || (p.genomicFeatures?.length ?? 0) > 0, {
    message: "a patient needs at least one feature or one genomicFeature",
    path: ["features"],
  });

export const mmeMatchRequestSchema = z.object({ patient: mmePatientSchema, _disclaimer: z.string().optional() }).passthrough();

export const mmeMatchResultSchema = z
  .object({
    score: z.object({ patient: z.number().min(0).max(1) }).passthrough(),
    patient: mmePatientSchema,
  })
  .passthrough();

export const mmeMatchResponseSchema = z
  .object({ results: z.array(mmeMatchResultSchema), _disclaimer: z.string().optional() })
  .passthrough();

export type MmePatient = z.infer<typeof mmePatientSchema>;
export type MmeMatchRequest = z.infer<typeof mmeMatchRequestSchema>;
export type MmeMatchResponse = z.infer<typeof mmeMatchResponseSchema>;

// ----------------------------------------------------------------------------------------------- errors

export type MmeErrorStatus = 400 | 401 | 406 | 415 | 422;

export interface MmeErrorResponse {
  status: MmeErrorStatus;
  headers: Record<string, string>;
  body: { message: string; supportedVersions?: string[] };
}

export function mmeError(status: MmeErrorStatus, message: string, version: MmeVersion = MME_LATEST_VERSION): MmeErrorResponse {
  const body: MmeErrorResponse["body"] = { message };
  if (status === 406 || status === 415) body.supportedVersions = [...MME_SUPPORTED_VERSIONS];
  return { status, headers: { "Content-Type": mmeContentType(version) }, body };
}

export const mmeErrors = {
  malformedJson: () => mmeError(400, "The request body is not valid JSON."),
  unauthorized: () => mmeError(401, "Missing or invalid X-Auth-Token."),
  notAcceptable: (accept: string) =>
    mmeError(406, `Unsupported API version requested in Accept: ${accept}. Supported versions: ${MME_SUPPORTED_VERSIONS.join(", ")}.`),
  unsupportedMediaType: (contentType: string) =>
    mmeError(415, `Unsupported Content-Type: ${contentType || "(none)"}. Send ${MME_CONTENT_TYPE_V1_0} or ${MME_CONTENT_TYPE_V1_1}.`),
  invalid: (message: string) => mmeError(422, message),
};

function formatZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 10)
    .map((i) => `${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`)
    .join("; ");
}

// ----------------------------------------------------------------------------------------------- negotiation

interface MediaRange {
  type: string;
  version?: string;
  q: number;
}

function parseMediaRange(part: string): MediaRange | null {
  const [typeRaw, ...params] = part.split(";").map((s) => s.trim());
  if (!typeRaw) return null;
  const type = typeRaw.toLowerCase();
  let q = 1;
  for (const p of params) {
    const [k, v] = p.split("=").map((s) => s.trim());
    if (k === "q" && v !== undefined && Number.isFinite(Number(v))) q = Number(v);
  }
  const m = /^application\/vnd\.ga4gh\.matchmaker\.v(\d+\.\d+)\+json$/.exec(type);
  return m ? { type, version: m[1], q } : { type, q };
}

function isSupported(v: string | undefined): v is MmeVersion {
  return v !== undefined && (MME_SUPPORTED_VERSIONS as readonly string[]).includes(v);
}

export type Negotiation = { ok: true; version: MmeVersion; contentType: string } | { ok: false; error: MmeErrorResponse };

/**
 * Chooses the API version for a request. The request Content-Type (when a body is sent) must be an MME media type
 * of a supported version (plain application/json is tolerated as v1.0); the Accept header picks the response
 * version (highest q, then highest version); wildcards or no Accept answer in the request's version, else the latest.
 */
export function negotiateMmeVersion(headers: { accept?: string | null; contentType?: string | null }, hasBody = true): Negotiation {
  let requestVersion: MmeVersion | undefined;
  if (hasBody) {
    const ct = parseMediaRange((headers.contentType ?? "").split(",")[0] ?? "");
    if (!ct) return { ok: false, error: mmeErrors.unsupportedMediaType("") };
    if (ct.version !== undefined) {
      if (!isSupported(ct.version)) return { ok: false, error: mmeErrors.unsupportedMediaType(headers.contentType ?? "") };
      requestVersion = ct.version;
    } else if (ct.type === "application/json") {
      requestVersion = "1.0";
    } else {
      return { ok: false, error: mmeErrors.unsupportedMediaType(headers.contentType ?? "") };
    }
  }
  const fallback = requestVersion ?? MME_LATEST_VERSION;
  const accept = (headers.accept ?? "").trim();
  if (!accept) return { ok: true, version: fallback, contentType: mmeContentType(fallback) };
  const ranges = accept
    .split(",")
    .map(parseMediaRange)
    .filter((r): r is MediaRange => r !== null && r.q > 0);
  const versioned = ranges.filter((r) => r.version !== undefined);
  const supported = versioned
    .filter((r) => isSupported(r.version))
    .sort((a, b) => b.q - a.q || Number(b.version) - Number(a.version));
  if (supported.length > 0) {
    const v = supported[0].version as MmeVersion;
    return { ok: true, version: v, contentType: mmeContentType(v) };
  }
  const wildcard = ranges.some((r) => r.type === "*/*" || r.type === "application/*" || r.type === "application/json");
  if (wildcard) return { ok: true, version: fallback, contentType: mmeContentType(fallback) };
  return { ok: false, error: mmeErrors.notAcceptable(accept) };
}

// ----------------------------------------------------------------------------------------------- validation

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: MmeErrorResponse };

/** Parses a raw request body: 400 for malformed JSON, 422 for a body that is not a valid MME match request. */
export function parseMatchRequest(body: string | unknown): Parsed<MmeMatchRequest> {
  let json: unknown = body;
  if (typeof body === "string") {
    try {
      json = JSON.parse(body);
    } catch {
      return { ok: false, error: mmeErrors.malformedJson() };
    }
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    return { ok: false, error: mmeErrors.malformedJson() };
  }
  const r = mmeMatchRequestSchema.safeParse(json);
  return r.success ? { ok: true, value: r.data } : { ok: false, error: mmeErrors.invalid(`Invalid match request: ${formatZodError(r.error)}`) };
}

export function validateMmePatient(value: unknown): Parsed<MmePatient> {
  const r = mmePatientSchema.safeParse(value);
  return r.success ? { ok: true, value: r.data } : { ok: false, error: mmeErrors.invalid(`Invalid patient: ${formatZodError(r.error)}`) };
}

export function validateMatchResponse(value: unknown): Parsed<MmeMatchResponse> {
  const r = mmeMatchResponseSchema.safeParse(value);
  return r.success ? { ok: true, value: r.data } : { ok: false, error: mmeErrors.invalid(`Invalid match response: ${formatZodError(r.error)}`) };
}

// ----------------------------------------------------------------------------------------------- conversion

export function mmePatientToCase(p: MmePatient): MatchCase {
  const c: MatchCase = {
    id: p.id,
    features: (p.features ?? []).map((f) => {
      const out: MatchCase["features"][number] = { id: f.id, observed: f.observed !== "no" };
      if (f.label !== undefined) out.label = f.label;
      if (f.ageOfOnset !== undefined) out.ageOfOnset = f.ageOfOnset;
      return out;
    }),
    genomicFeatures: (p.genomicFeatures ?? []).map((g) => {
      const out: MatchCase["genomicFeatures"][number] = { gene: g.gene.id };
      if (g.variant) {
        const v = g.variant;
        out.variant = { assembly: v.assembly, referenceName: v.referenceName };
        if (v.start !== undefined) out.variant.start = v.start;
        if (v.end !== undefined) out.variant.end = v.end;
        if (v.referenceBases !== undefined) out.variant.referenceBases = v.referenceBases;
        if (v.alternateBases !== undefined) out.variant.alternateBases = v.alternateBases;
      }
      if (g.zygosity !== undefined) out.zygosity = g.zygosity;
      if (g.type) out.type = g.type.label !== undefined ? { id: g.type.id, label: g.type.label } : { id: g.type.id };
      return out;
    }),
    disorders: (p.disorders ?? []).map((d) => (d.label !== undefined ? { id: d.id, label: d.label } : { id: d.id })),
  };
  const contact: CaseContact = { name: p.contact.name, href: p.contact.href };
  if (p.contact.institution !== undefined) contact.institution = p.contact.institution;
  if (p.contact.email !== undefined) contact.email = p.contact.email;
  if (p.contact.roles !== undefined) contact.roles = p.contact.roles;
  c.contact = contact;
  if (p.label !== undefined) c.label = p.label;
  if (p.species !== undefined) c.species = p.species;
  if (p.sex !== undefined) c.sex = p.sex;
  if (p.ageOfOnset !== undefined) c.ageOfOnset = p.ageOfOnset;
  if (p.inheritanceMode !== undefined) c.inheritanceMode = p.inheritanceMode;
  if (p.test !== undefined) c.test = p.test;
  return c;
}

/** Our case → an MME patient. `fallbackContact` is used when the case carries none (e.g. the node's own contact). */
export function caseToMmePatient(c: MatchCase, fallbackContact?: CaseContact): MmePatient {
  const contact = c.contact ?? fallbackContact;
  if (!contact) throw new Error(`case ${c.id} has no contact and no fallback contact was given`);
  const p: Record<string, unknown> = { id: c.id, contact: { ...contact } };
  if (c.label !== undefined) p.label = c.label;
  if (c.species !== undefined) p.species = c.species;
  if (c.sex !== undefined) p.sex = c.sex;
  if (c.ageOfOnset !== undefined) p.ageOfOnset = c.ageOfOnset;
  if (c.inheritanceMode !== undefined) p.inheritanceMode = c.inheritanceMode;
  p.disorders = c.disorders.map((d) => ({ ...d }));
  {
    p.features = c.features.map((f) => {
      const out: Record<string, unknown> = { id: f.id, observed: f.observed ? "yes" : "no" };
      if (f.label !== undefined) out.label = f.label;
      if (f.ageOfOnset !== undefined) out.ageOfOnset = f.ageOfOnset;
      return out;
    });
  }
  {
    p.genomicFeatures = c.genomicFeatures.map((g) => {
      const out: Record<string, unknown> = { gene: { id: g.gene } };
      if (g.variant) out.variant = { ...g.variant };
      if (g.zygosity !== undefined) out.zygosity = g.zygosity;
      if (g.type) out.type = { ...g.type };
      return out;
    });
  }
  if (c.test !== undefined) p.test = c.test;
  return p as MmePatient;
}

export interface BuildResponseOptions {
  fallbackContact?: CaseContact;
  disclaimer?: string;
}

/** Builds `{results:[{score:{patient}, patient}]}` from match results (scores are already in [0, 1]). */
export function buildMatchResponse(results: readonly Pick<MatchResult, "score" | "case">[], options: BuildResponseOptions = {}): MmeMatchResponse {
  const response: MmeMatchResponse = {
    results: results.map((r) => ({
      score: { patient: Math.min(1, Math.max(0, Number(r.score.toFixed(6)))) },
      patient: caseToMmePatient(r.case, options.fallbackContact),
    })),
  };
  if (options.disclaimer) response._disclaimer = options.disclaimer;
  return response;
}
