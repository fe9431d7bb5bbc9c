// Internal case shape used by the matching engine, scoring constants and pure helpers. No I/O.

export interface CaseFeature {
  /** HPO id (alt ids and obsolete ids are resolved by the engine) */
  id: string;
  /** false = explicitly absent (MME observed:"no"); absent terms are never evidence for a match */
  observed: boolean;
  label?: string;
  ageOfOnset?: string;
}

export interface CaseVariant {
  assembly: string;
  referenceName: string;
  /** absent in some published MME test patients; variants without a position never match */
  start?: number;
  end?: number;
  referenceBases?: string;
  alternateBases?: string;
}

export interface CaseGenomicFeature {
  /** gene symbol, Ensembl or Entrez id as given */
  gene: string;
  variant?: CaseVariant;
  zygosity?: number;
  type?: { id: string; label?: string };
}

export interface CaseDisorder {
  id: string;
  label?: string;
}

export interface CaseContact {
  name: string;
  href: string;
  institution?: string;
  email?: string;
  roles?: string[];
}

/** A de-identified case as the matching engine sees it. */
export interface MatchCase {
  id: string;
  label?: string;
  features: CaseFeature[];
  genomicFeatures: CaseGenomicFeature[];
  disorders: CaseDisorder[];
  contact?: CaseContact;
  species?: string;
  sex?: string;
  ageOfOnset?: string;
  inheritanceMode?: string;
  test?: boolean;
}

/** Scoring weights. Final score = 1 − (1 − phenotype′)·(1 − genotype), in [0, 1]. */
export const SCORING = {
  /** genotype score when query and case share a gene */
  sameGene: 0.5,
  /** genotype score when they share a variant (assembly + chromosome + position + alternate bases) */
  sameVariant: 0.75,
  /** largest deduction for one excluded-term conflict; scaled by the term's IC relative to the set's mean IC */
  excludedConflict: 0.15,
} as const;

export function geneKey(gene: string): string {
  return gene.trim().toUpperCase();
}

/** "GRCh37:17:42929130:A"; null when a field needed to compare variants is missing. */
export function variantKey(v: CaseVariant | undefined): string | null {
  if (!v || !v.assembly || !v.referenceName || !Number.isFinite(v.start) || !v.alternateBases) return null;
  const assembly = v.assembly.trim().toUpperCase().replace(/^HG19$/, "GRCH37").replace(/^HG38$/, "GRCH38");
  const chr = v.referenceName.trim().toUpperCase().replace(/^CHR/, "");
  return `${assembly}:${chr}:${v.start}:${v.alternateBases.trim().toUpperCase()}`;
}

export function genotypeScore(sharedGenes: number, sharedVariants: number): number {
  return sharedVariants > 0 ? SCORING.sameVariant : sharedGenes > 0 ? SCORING.sameGene : 0;
}

export function combineScores(phenotype: number, genotype: number): number {
  const p = Math.min(1, Math.max(0, phenotype));
  return 1 - (1 - p) * (1 - genotype);
}

export interface TermRef {
  id: string;
  name: string;
}

export interface MatchedTermPair {
  /** query→case: the best case term for a query term; case→query: the best query term for a case term */
  direction: "query-to-case" | "case-to-query";
  queryTerm: TermRef;
  caseTerm: TermRef;
  /** most informative common ancestor and its information content (= the Resnik similarity) */
  mica: TermRef & { ic: number };
}

export interface ExcludedTermPenalty {
  kind: "query-excluded-present-in-case" | "case-excluded-present-in-query";
  /** the term marked observed:"no" */
  excludedTerm: TermRef;
  /** the observed term on the other side that is, or implies, the excluded term */
  conflictingTerm: TermRef;
  ic: number;
  deduction: number;
}

export interface MatchExplanation {
  phenotype: {
    /** normalised best-match average after penalties, in [0, 1] */
    score: number;
    /** before penalties */
    similarity: number;
    queryToCase: number;
    caseToQuery: number;
    bestMatchAverage: number;
    /** max(mean IC of query terms, mean IC of case terms) */
    normalizer: number;
    matchedTerms: MatchedTermPair[];
  };
  penalties: ExcludedTermPenalty[];
  genotype: { score: number; sharedGenes: string[]; sharedVariants: string[] };
}

export interface MatchResult {
  caseId: string;
  score: number;
  case: MatchCase;
  explanation?: MatchExplanation;
}
