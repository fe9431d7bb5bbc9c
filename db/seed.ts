// Demo data for `npm start`: a person for every role, institutions, and a few manuscripts. Runs once.
import { eq } from "drizzle-orm";
import type { Env } from "../app/utils/env.server";
import { hashPassword } from "../app/modules/identity/password.server";
import type { Db } from "./client";
import { institutionMemberships, institutions, manuscriptAuthors, manuscripts, userRoles, users, type Role } from "./schema";

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

const DEMO_MANUSCRIPTS = [
  {
    title: "Recurrent hypoglycaemia in an adolescent with a novel HNF1A variant: a case report",
    abstract:
      "We describe an adolescent presenting with recurrent fasting hypoglycaemia in whom exome sequencing identified a previously unreported HNF1A missense variant, and discuss the diagnostic work-up and management.",
    keywords: ["hypoglycaemia", "hnf1a", "mody", "case report"],
    articleType: "case-report" as const,
    status: "draft" as const,
    authors: ["author", "coauthor"],
  },
  {
    title: "Early mobilisation after hip fracture surgery: a multicentre cohort study",
    abstract:
      "In a cohort of 1,204 older adults across three hospitals, mobilisation within 24 hours of hip fracture surgery was associated with lower 30-day mortality and shorter length of stay after adjustment for frailty.",
    keywords: ["hip fracture", "mobilisation", "geriatrics", "cohort"],
    articleType: "observational-study" as const,
    status: "submitted" as const,
    authors: ["author"],
  },
  {
    title: "Remote monitoring of heart failure: a systematic review of randomised trials",
    abstract: "A systematic review protocol and draft synthesis of randomised trials of non-invasive remote monitoring in chronic heart failure.",
    keywords: ["heart failure", "telemonitoring", "systematic review"],
    articleType: "systematic-review" as const,
    status: "draft" as const,
    authors: ["coauthor", "author"],
  },
];

/** Seeds the demo once; returns false when it was there already. */
export async function seedDemoData(db: Db, options: { password: string }): Promise<boolean> {
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
    for (const m of DEMO_MANUSCRIPTS) {
      const [row] = await tx
        .insert(manuscripts)
        .values({ title: m.title, abstract: m.abstract, keywords: m.keywords, articleType: m.articleType, status: m.status, createdBy: userIds.get(m.authors[0])! })
        .returning();
      await tx.insert(manuscriptAuthors).values(
        m.authors.map((key, i) => ({ manuscriptId: row.id, userId: userIds.get(key)!, position: i + 1, isCorresponding: i === 0, status: "accepted" as const })),
      );
    }
  });
  return true;
}
