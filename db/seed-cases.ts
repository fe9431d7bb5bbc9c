// Demo cases for the case library: a dozen of the Matchmaker Exchange consortium's published benchmark patients,
// contributed by the demo clinician through the same path as the UI (validation, de-identification, access log),
// with consents covering the range of GA4GH DUO permissions. Runs once (skips when the library has cases).
import { and, eq, sql } from "drizzle-orm";
import { createCase, importMmePatient, recordCaseConsent, reviewDraft } from "../app/modules/cases/index.server";
import type { SessionUser } from "../app/modules/identity/index.server";
import { loadBenchmarkPatients } from "../app/modules/matching/index.server";
import type { Db } from "./client";
import { cases, institutionMemberships, userRoles, users } from "./schema";

const DEMO_CONSENTS: Array<Record<string, string | string[]>> = [
  { permission: "GRU", allowFederation: "on" },
  { permission: "HMB", allowFederation: "on" },
  { permission: "HMB" },
  { permission: "HMB", modifiers: ["IRB"], allowFederation: "on" },
  { permission: "HMB", modifiers: ["GS"], scopeCountries: "US" },
  { permission: "NRES", allowFederation: "on", modifiers: ["NPU"] },
];

export interface SeededCase {
  caseId: string;
  label: string;
  patientLink: string;
}

/** Seeds demo cases once; returns them with their patients' secret link paths (empty when already seeded). */
export async function seedDemoCases(db: Db, options: { clinicianEmail?: string; count?: number } = {}): Promise<SeededCase[]> {
  const [{ n }] = await db.select({ n: sql<number>`count(*)` }).from(cases);
  if (Number(n) > 0) return [];
  const user = await db.query.users.findFirst({ where: eq(users.email, options.clinicianEmail ?? "clinician@demo.mednexus.org") });
  if (!user) throw new Error("seedDemoCases needs the demo clinician: run seedDemoData first");
  const roles = await db.select().from(userRoles).where(eq(userRoles.userId, user.id));
  const memberships = await db
    .select()
    .from(institutionMemberships)
    .where(and(eq(institutionMemberships.userId, user.id), eq(institutionMemberships.status, "verified")));
  const clinician: SessionUser = {
    id: user.id,
    email: user.email,
    name: user.name,
    orcid: user.orcid,
    roles: roles.map((r) => r.role),
    verifiedInstitutionIds: memberships.map((m) => m.institutionId),
    adminInstitutionIds: memberships.filter((m) => m.isAdmin).map((m) => m.institutionId),
  };
  const seeded: SeededCase[] = [];
  const patients = loadBenchmarkPatients().slice(0, options.count ?? 12);
  for (const [i, patient] of patients.entries()) {
    const { draft } = importMmePatient(patient);
    const disorder = draft.disorders[0]?.label?.replace(/^[#%]?\d+\s*/, "").split(";")[0].toLowerCase();
    draft.label = `Demo case ${i + 1}${disorder ? `: ${disorder}` : ""}`.slice(0, 120);
    const { draft: valid, findings } = reviewDraft({ db }, draft);
    const resolutions = Object.fromEntries(findings.map((f) => [f.key, "redact" as const]));
    const { caseId, patientToken } = await createCase({ db }, clinician, { draft: valid, resolutions });
    await recordCaseConsent({ db }, clinician, caseId, { ...DEMO_CONSENTS[i % DEMO_CONSENTS.length], patientConfirmed: "on" });
    seeded.push({ caseId, label: valid.label, patientLink: `/patients/${patientToken}` });
  }
  return seeded;
}
