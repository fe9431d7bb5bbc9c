import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./_columns";
import { institutions, users } from "./identity";
import { manuscripts } from "./manuscripts";

/** JSON shapes stored in the case columns (mirrors of the matching engine's MatchCase parts). */
export interface StoredFeature {
  id: string;
  label?: string;
  observed: boolean;
  /** HPO onset term id (e.g. HP:0003577 congenital onset) */
  ageOfOnset?: string;
}
export interface StoredGenomicFeature {
  gene: string;
  variant?: { assembly: string; referenceName: string; start?: number; end?: number; referenceBases?: string; alternateBases?: string };
  zygosity?: number;
  type?: { id: string; label?: string };
}
export interface StoredDisorder {
  id: string;
  label?: string;
}
export interface StoredContact {
  name: string;
  href: string;
  institution?: string;
}

/** A de-identified case: only structured, coarsened data and a redacted summary are stored. */
export const cases = pgTable(
  "cases",
  {
    id: id(),
    label: text("label").notNull(),
    institutionId: uuid("institution_id").references(() => institutions.id, { onDelete: "set null" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    sex: text("sex"),
    /** five-year band, "90+" above 89 */
    ageBand: text("age_band"),
    /** HPO onset term */
    ageOfOnset: text("age_of_onset"),
    /** year of diagnosis or first presentation, never a full date */
    onsetYear: integer("onset_year"),
    country: text("country"),
    summary: text("summary").notNull().default(""),
    features: jsonb("features").$type<StoredFeature[]>().notNull().default([]),
    genomicFeatures: jsonb("genomic_features").$type<StoredGenomicFeature[]>().notNull().default([]),
    disorders: jsonb("disorders").$type<StoredDisorder[]>().notNull().default([]),
    contact: jsonb("contact").$type<StoredContact>().notNull(),
    /** sha256 of the patient's secret link token (the token itself is shown once) */
    patientTokenHash: text("patient_token_hash").notNull(),
    /** how identifiers found at ingest were resolved: kind, field, action (never the identifier itself) */
    deidReport: jsonb("deid_report").$type<Array<{ field: string; kind: string; action: "redacted" | "confirmed" | "dropped" }>>().notNull().default([]),
    status: text("status").$type<"active" | "withdrawn">().notNull().default("active"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("cases_patient_token_key").on(t.patientTokenHash),
    index("cases_created_by_idx").on(t.createdBy),
    check("cases_status_check", sql`${t.status} in ('active','withdrawn')`),
  ],
);
export type CaseRow = typeof cases.$inferSelect;

/** Consent records: append-only versions per case; the highest version is in force. */
export const caseConsents = pgTable(
  "case_consents",
  {
    id: id(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    status: text("status").$type<"active" | "revoked">().notNull(),
    /** GA4GH DUO permission shorthand: NRES, GRU, HMB, DS, POA */
    permission: text("permission").notNull(),
    /** disease for DS (OMIM/Orphanet/MONDO id) */
    disease: text("disease"),
    /** GA4GH DUO modifier shorthands: NPU, NCU, IRB, GS, IS, PUB, COL, GSO… */
    modifiers: jsonb("modifiers").$type<string[]>().notNull().default([]),
    scopeCountries: jsonb("scope_countries").$type<string[]>().notNull().default([]),
    scopeInstitutionIds: jsonb("scope_institution_ids").$type<string[]>().notNull().default([]),
    /** may the case be matched for other nodes through Matchmaker Exchange */
    allowFederation: boolean("allow_federation").notNull().default(false),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }),
    /** who recorded it: a clinician's user id, or null when the patient revoked through their link */
    recordedBy: uuid("recorded_by").references(() => users.id, { onDelete: "set null" }),
    recordedByLabel: text("recorded_by_label").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("case_consents_case_version_key").on(t.caseId, t.version),
    check("case_consents_status_check", sql`${t.status} in ('active','revoked')`),
  ],
);
export type CaseConsentRow = typeof caseConsents.$inferSelect;

/**
 * Append-only, hash-chained log of every access to a case and every consent decision.
 * hash = sha256(prev_hash + canonical JSON of the entry); verified by scripts/verify-audit.ts.
 */
export const caseAccessLog = pgTable(
  "case_access_log",
  {
    seq: bigint("seq", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    /** ISO 8601 instant, kept as text so that the hashed value is exactly what is stored */
    at: text("at").notNull(),
    actor: text("actor").notNull(),
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    caseId: uuid("case_id"),
    purpose: text("purpose"),
    decision: text("decision"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [index("case_access_log_case_idx").on(t.caseId), uniqueIndex("case_access_log_hash_key").on(t.hash)],
);
export type CaseAccessLogRow = typeof caseAccessLog.$inferSelect;

/** Other MedNexus or Matchmaker Exchange nodes this node federates with. */
export const mmePeers = pgTable(
  "mme_peers",
  {
    id: id(),
    name: text("name").notNull(),
    baseUrl: text("base_url").notNull(),
    country: text("country").notNull(),
    notForProfit: boolean("not_for_profit").notNull().default(true),
    /** the GA4GH DUO purpose this peer's requests are made for (agreed with its operator) */
    purpose: text("purpose").notNull().default("HMB"),
    /**
     * Legacy: the outbound token in clear, from before tokens were encrypted. Never written now; a row that still has
     * one is encrypted into outbound_token_enc and cleared on first use (cases/federation.server.ts).
     */
    outboundToken: text("outbound_token"),
    /** the token we send as X-Auth-Token when we query this peer (given to us by its operator), AES-256-GCM sealed */
    outboundTokenEnc: text("outbound_token_enc"),
    /** sha256 of the token this peer sends us */
    inboundTokenHash: text("inbound_token_hash").notNull(),
    timeoutMs: integer("timeout_ms").notNull().default(5000),
    enabled: boolean("enabled").notNull().default(true),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("mme_peers_name_key").on(t.name), uniqueIndex("mme_peers_inbound_token_key").on(t.inboundTokenHash)],
);
export type MmePeerRow = typeof mmePeers.$inferSelect;

/** A case cited by a manuscript or published article; linked by the case's contributing clinician. */
export const casePublications = pgTable(
  "case_publications",
  {
    id: id(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    manuscriptId: uuid("manuscript_id")
      .notNull()
      .references(() => manuscripts.id, { onDelete: "cascade" }),
    linkedBy: uuid("linked_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("case_publications_case_manuscript_key").on(t.caseId, t.manuscriptId), index("case_publications_manuscript_idx").on(t.manuscriptId)],
);
export type CasePublicationRow = typeof casePublications.$inferSelect;
