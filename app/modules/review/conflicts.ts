import type { ConflictFlag } from "../../../db/schema/review";

export type { ConflictFlag };

export interface ConflictInput {
  reviewerId: string;
  /** Accepted authors of the manuscript under review. */
  authors: Array<{ id: string; name: string }>;
  /** Manuscripts created in the window (5 years) per person: reviewer and authors. */
  recentManuscripts: Map<string, Set<string>>;
  /** The manuscript under review (its own authorship is not a co-authorship conflict, it is a manuscript-author one). */
  manuscriptId: string;
  /** Verified institutions per person. */
  institutions: Map<string, Array<{ id: string; name: string }>>;
}

/** The conflict-of-interest flags an editor must see (and override with a reason) before inviting a reviewer. */
export function conflictsOf(input: ConflictInput): ConflictFlag[] {
  const flags: ConflictFlag[] = [];
  if (input.authors.some((a) => a.id === input.reviewerId)) {
    flags.push({ kind: "manuscript-author", detail: "is an author of this manuscript" });
    return flags;
  }
  const mine = input.recentManuscripts.get(input.reviewerId) ?? new Set<string>();
  for (const author of input.authors) {
    const theirs = input.recentManuscripts.get(author.id) ?? new Set<string>();
    const shared = [...mine].filter((m) => m !== input.manuscriptId && theirs.has(m));
    if (shared.length > 0) flags.push({ kind: "co-author", detail: `co-authored ${shared.length} manuscript${shared.length > 1 ? "s" : ""} with ${author.name} in the last 5 years` });
  }
  const reviewerInstitutions = input.institutions.get(input.reviewerId) ?? [];
  for (const author of input.authors) {
    for (const inst of input.institutions.get(author.id) ?? []) {
      if (reviewerInstitutions.some((r) => r.id === inst.id)) flags.push({ kind: "same-institution", detail: `works at ${inst.name}, like ${author.name}` });
    }
  }
  return flags;
}

const STOP = new Set(["a", "an", "and", "the", "of", "in", "on", "for", "with", "to", "by", "after", "from", "at", "or", "as", "is", "are", "study", "report", "case", "review"]);

export function termsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 2 && !STOP.has(w));
}

/** Expertise score: overlap of the manuscript's keywords and title terms with the reviewer's own manuscripts. */
export function expertiseScore(target: { title: string; keywords: string[] }, reviewerWork: Array<{ title: string; keywords: string[] }>) {
  const wanted = new Set([...target.keywords.map((k) => k.toLowerCase()), ...termsOf(target.title)]);
  const counts = new Map<string, number>();
  for (const work of reviewerWork) {
    for (const term of new Set([...work.keywords.map((k) => k.toLowerCase()), ...termsOf(work.title)])) {
      if (wanted.has(term)) counts.set(term, (counts.get(term) ?? 0) + 1);
    }
  }
  const shared = [...counts.keys()].sort();
  const score = wanted.size === 0 ? 0 : shared.length / wanted.size;
  return { score, shared };
}
