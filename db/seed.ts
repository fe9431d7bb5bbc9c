// Demo data for `npm start`: a person for every role, institutions, and a few manuscripts. Runs once.
import { getSchema } from "@tiptap/core";
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from "@tiptap/y-tiptap";
import { eq } from "drizzle-orm";
import * as Y from "yjs";
import { contentExtensions } from "../app/components/editor/content-extensions";
import { documentNameOf } from "../app/modules/manuscripts/collab.server";
import { contentHashOf } from "../app/modules/manuscripts/versions.server";
import { plantedCaseReport } from "../app/modules/review-assist/fixtures/planted-case-report";
import type { Env } from "../app/utils/env.server";
import { hashPassword } from "../app/modules/identity/password.server";
import type { Db } from "./client";
import { seedDemoCases } from "./seed-cases";
import {
  collabSnapshots,
  institutionMemberships,
  institutions,
  manuscriptAuthors,
  manuscripts,
  manuscriptVersions,
  submissionRounds,
  submissions,
  userRoles,
  users,
  venueEditors,
  venues,
  type Role,
} from "./schema";

export const DEFAULT_DEMO_PASSWORD = "mednexus-demo-2026";

export function demoPassword(env: Pick<Env, "DEMO_PASSWORD">): string {
  return env.DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD;
}

interface DemoAccount {
  key: string;
  label: string;
  name: string;
  email: string;
  roles: Role[];
  orcid?: string;
  institution?: string;
  institutionAdmin?: boolean;
}

export const DEMO_INSTITUTIONS = [
  { key: "reykjavik", name: "Reykjavík University Hospital (demo)", country: "IS" },
  { key: "delhi", name: "Delhi Institute of Medical Sciences (demo)", country: "IN" },
  { key: "newyork", name: "New York Clinical Research Center (demo)", country: "US" },
] as const;

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { key: "author", label: "Author", name: "Dr Asha Rao", email: "author@demo.mednexus.org", roles: ["author", "reviewer"], orcid: "0000-0002-1825-0097", institution: "delhi" },
  { key: "coauthor", label: "Co-author", name: "Dr Jón Einarsson", email: "coauthor@demo.mednexus.org", roles: ["author"], orcid: "0000-0001-5109-3700", institution: "reykjavik" },
  { key: "reviewer", label: "Reviewer", name: "Dr Lena Okafor", email: "reviewer@demo.mednexus.org", roles: ["reviewer", "author"], institution: "newyork" },
  { key: "reviewer2", label: "Second reviewer", name: "Dr Mateo Silva", email: "reviewer2@demo.mednexus.org", roles: ["reviewer"], institution: "delhi" },
  { key: "editor", label: "Editor", name: "Dr Grace Whitfield", email: "editor@demo.mednexus.org", roles: ["editor", "reviewer"] },
  { key: "reader", label: "Reader", name: "Sam Patel", email: "reader@demo.mednexus.org", roles: ["reader"] },
  { key: "clinician", label: "Clinician", name: "Dr Priya Nair", email: "clinician@demo.mednexus.org", roles: ["clinician"], institution: "newyork" },
  { key: "patient", label: "Patient", name: "Alex Morgan", email: "patient@demo.mednexus.org", roles: ["patient"] },
  { key: "instadmin", label: "Institution admin", name: "Helga Sigurðardóttir", email: "instadmin@demo.mednexus.org", roles: ["reader"], institution: "reykjavik", institutionAdmin: true },
  { key: "admin", label: "Platform admin", name: "Platform Admin", email: "admin@demo.mednexus.org", roles: ["platform_admin"] },
];

function doc(blocks: Array<["heading" | "paragraph", string]>): Record<string, unknown> {
  return {
    type: "doc",
    content: blocks.map(([type, text]) => (type === "heading" ? { type, attrs: { level: 2 }, content: [{ type: "text", text }] } : { type, content: [{ type: "text", text }] })),
  };
}

export const DEMO_VENUES = [
  { key: "cases", name: "Journal of Clinical Cases (demo)", slug: "clinical-cases", reviewPolicy: "single-blind" as const, description: "Case reports and case series." },
  { key: "open", name: "Open Medicine Research (demo)", slug: "open-medicine", reviewPolicy: "open" as const, description: "Original research with open peer review." },
  { key: "blind", name: "Evidence Reviews (demo)", slug: "evidence-reviews", reviewPolicy: "double-blind" as const, description: "Systematic reviews, double-blind." },
];

/** The Yjs state of a document, as the collab-server would store it. */
function yStateOf(content: Record<string, unknown>): { state: Uint8Array; frozen: Record<string, unknown> } {
  const ydoc = new Y.Doc();
  prosemirrorJSONToYXmlFragment(getSchema(contentExtensions()), content, ydoc.getXmlFragment("default"));
  const state = Y.encodeStateAsUpdate(ydoc);
  const frozen = yXmlFragmentToProsemirrorJSON(ydoc.getXmlFragment("default")) as Record<string, unknown>;
  ydoc.destroy();
  return { state, frozen };
}

const DEMO_MANUSCRIPTS = [
  {
    title: "Recurrent hypoglycaemia in an adolescent with a novel HNF1A variant: a case report",
    abstract:
      "We describe an adolescent presenting with recurrent fasting hypoglycaemia in whom exome sequencing identified a previously unreported HNF1A missense variant, and discuss the diagnostic work-up and management.",
    keywords: ["hypoglycaemia", "hnf1a", "mody", "case report"],
    articleType: "case-report" as const,
    status: "draft" as const,
    authors: ["author", "coauthor"],
    content: plantedCaseReport as unknown as Record<string, unknown>,
  },
  {
    title: "Early mobilisation after hip fracture surgery: a multicentre cohort study",
    abstract:
      "In a cohort of 1,204 older adults across three hospitals, mobilisation within 24 hours of hip fracture surgery was associated with lower 30-day mortality and shorter length of stay after adjustment for frailty.",
    keywords: ["hip fracture", "mobilisation", "geriatrics", "cohort"],
    articleType: "observational-study" as const,
    status: "submitted" as const,
    authors: ["author"],
    content: doc([
      ["heading", "Introduction"],
      ["paragraph", "Hip fracture in older adults carries a high risk of death and loss of independence. Early mobilisation after surgery is recommended, but its effect across hospitals with different staffing is uncertain."],
      ["heading", "Methods"],
      ["paragraph", "We studied 1,204 consecutive patients aged 65 years or older who had surgery for hip fracture at three hospitals. Mobilisation within 24 hours was recorded by physiotherapists."],
      ["heading", "Results"],
      ["paragraph", "Patients mobilised within 24 hours had lower 30-day mortality (OR 0.62, 95% CI 0.45–0.86) and a shorter length of stay."],
      ["heading", "Discussion"],
      ["paragraph", "Early mobilisation was associated with better outcomes after adjustment for frailty; residual confounding by illness severity cannot be excluded."],
    ]),
  },
  {
    title: "Remote monitoring of heart failure: a systematic review of randomised trials",
    abstract: "A systematic review protocol and draft synthesis of randomised trials of non-invasive remote monitoring in chronic heart failure.",
    keywords: ["heart failure", "telemonitoring", "systematic review"],
    articleType: "systematic-review" as const,
    status: "draft" as const,
    authors: ["coauthor", "author"],
    content: doc([
      ["heading", "Background"],
      ["paragraph", "Remote monitoring of patients with chronic heart failure promises earlier treatment of decompensation."],
      ["heading", "Methods"],
      ["paragraph", "We will search MEDLINE, Embase and CENTRAL for randomised trials of non-invasive remote monitoring."],
    ]),
  },
];

/** Seeds the demo once; returns false when it was there already. */
export async function seedDemoData(db: Db, options: { password: string; withCases?: boolean }): Promise<boolean> {
  const marker = await db.query.users.findFirst({ where: eq(users.email, "admin@demo.mednexus.org") });
  if (marker) return false;
  const hashes = await Promise.all(DEMO_ACCOUNTS.map(() => hashPassword(options.password)));
  await db.transaction(async (tx) => {
    const institutionIds = new Map<string, string>();
    for (const inst of DEMO_INSTITUTIONS) {
      const [row] = await tx.insert(institutions).values({ name: inst.name, country: inst.country }).returning();
      institutionIds.set(inst.key, row.id);
    }
    const userIds = new Map<string, string>();
    for (const [index, account] of DEMO_ACCOUNTS.entries()) {
      const [user] = await tx
        .insert(users)
        .values({ email: account.email, name: account.name, passwordHash: hashes[index], orcid: account.orcid ?? null })
        .returning();
      userIds.set(account.key, user.id);
      await tx.insert(userRoles).values(account.roles.map((role) => ({ userId: user.id, role })));
    }
    for (const account of DEMO_ACCOUNTS) {
      if (!account.institution) continue;
      await tx.insert(institutionMemberships).values({
        institutionId: institutionIds.get(account.institution)!,
        userId: userIds.get(account.key)!,
        status: "verified",
        isAdmin: account.institutionAdmin ?? false,
        verifiedAt: new Date(),
      });
    }
    const venueIds = new Map<string, string>();
    for (const venue of DEMO_VENUES) {
      const [row] = await tx.insert(venues).values({ name: venue.name, slug: venue.slug, reviewPolicy: venue.reviewPolicy, description: venue.description }).returning();
      venueIds.set(venue.key, row.id);
      await tx.insert(venueEditors).values({ venueId: row.id, userId: userIds.get("editor")! });
    }
    for (const m of DEMO_MANUSCRIPTS) {
      const [row] = await tx
        .insert(manuscripts)
        .values({ title: m.title, abstract: m.abstract, keywords: m.keywords, articleType: m.articleType, status: m.status, createdBy: userIds.get(m.authors[0])! })
        .returning();
      await tx.insert(manuscriptAuthors).values(
        m.authors.map((key, i) => ({ manuscriptId: row.id, userId: userIds.get(key)!, position: i + 1, isCorresponding: i === 0, status: "accepted" as const })),
      );
      const { state, frozen } = yStateOf(m.content);
      await tx.insert(collabSnapshots).values({ documentName: documentNameOf(row.id), state, lastUpdateId: 0 });
      if (m.status === "submitted") {
        const venueId = venueIds.get("open")!;
        const [version] = await tx
          .insert(manuscriptVersions)
          .values({ manuscriptId: row.id, number: 1, name: "Submitted to Open Medicine Research (demo)", state, content: frozen, contentHash: contentHashOf(frozen), createdBy: userIds.get(m.authors[0])! })
          .returning();
        const [submission] = await tx.insert(submissions).values({ manuscriptId: row.id, venueId, submittedBy: userIds.get(m.authors[0])! }).returning();
        await tx.insert(submissionRounds).values({ submissionId: submission.id, round: 1, versionId: version.id });
      }
    }
  });
  // 12 de-identified Matchmaker Exchange benchmark cases by the demo clinician, with varied DUO consents (npm start).
  if (options.withCases) await seedDemoCases(db);
  return true;
}
