// Reference (pairwise) semantic similarity: Resnik and symmetric best-match average, with explanations.
// Deliberately straightforward; the MatchIndex computes the same numbers with precomputed sets and checks
// itself against these functions in tests.
import type { Ontology } from "../phenotypes/ontology";
import {
  SCORING,
  combineScores,
  geneKey,
  genotypeScore,
  variantKey,
  type ExcludedTermPenalty,
  type MatchCase,
  type MatchExplanation,
  type MatchedTermPair,
} from "./model";

export interface ResnikResult {
  /** term index of the most informative common ancestor, -1 when none */
  mica: number;
  ic: number;
}

/** Resnik similarity: IC of the most informative common ancestor (ancestor lists are sorted ascending). */
export function resnik(ontology: Ontology, ic: Float64Array, a: number, b: number): ResnikResult {
  const aa = ontology.ancestorsOf(a);
  const bb = ontology.ancestorsOf(b);
  let i = 0;
  let j = 0;
  let best = -1;
  let bestIc = 0;
  while (i < aa.length && j < bb.length) {
    const x = aa[i];
    const y = bb[j];
    if (x === y) {
      if (best < 0 || ic[x] > bestIc) {
        best = x;
        bestIc = ic[x];
      }
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return { mica: best, ic: best < 0 ? 0 : bestIc };
}

export interface PhenotypeTerms {
  observed: number[];
  excluded: number[];
}

/** Resolves a case's features to unique canonical term indices (unknown ids and obsolete-without-replacement dropped). */
export function resolveFeatures(ontology: Ontology, c: Pick<MatchCase, "features">): PhenotypeTerms {
  const observed: number[] = [];
  const excluded: number[] = [];
  const seenObs = new Set<number>();
  const seenExc = new Set<number>();
  for (const f of c.features) {
    const i = ontology.indexOf(f.id);
    if (i < 0) continue;
    if (f.observed) {
      if (!seenObs.has(i)) {
        seenObs.add(i);
        observed.push(i);
      }
    } else if (!seenExc.has(i)) {
      seenExc.add(i);
      excluded.push(i);
    }
  }
  return { observed, excluded };
}

export function meanIc(ic: Float64Array, terms: readonly number[]): number {
  if (terms.length === 0) return 0;
  let s = 0;
  for (const t of terms) s += ic[t];
  return s / terms.length;
}

export interface PairwiseScore {
  score: number;
  explanation: MatchExplanation;
}

/**
 * The full score of a candidate against a query, computed pairwise: symmetric best-match average of Resnik
 * similarities, normalised by max(mean IC(query), mean IC(case)), minus excluded-term penalties, combined with
 * the genotype score.
 */
export function pairwiseScore(ontology: Ontology, ic: Float64Array, query: MatchCase, candidate: MatchCase): PairwiseScore {
  const q = resolveFeatures(ontology, query);
  const c = resolveFeatures(ontology, candidate);
  const ref = (i: number) => ({ id: ontology.terms[i].id, name: ontology.terms[i].name });
  const pairs: MatchedTermPair[] = [];
  let qSum = 0;
  for (const qt of q.observed) {
    let best: ResnikResult = { mica: -1, ic: -1 };
    let bestC = -1;
    for (const ct of c.observed) {
      const r = resnik(ontology, ic, qt, ct);
      if (r.ic > best.ic) {
        best = r;
        bestC = ct;
      }
    }
    if (bestC >= 0) {
      qSum += best.ic;
      pairs.push({ direction: "query-to-case", queryTerm: ref(qt), caseTerm: ref(bestC), mica: { ...ref(best.mica), ic: best.ic } });
    }
  }
  let cSum = 0;
  for (const ct of c.observed) {
    let best: ResnikResult = { mica: -1, ic: -1 };
    let bestQ = -1;
    for (const qt of q.observed) {
      const r = resnik(ontology, ic, qt, ct);
      if (r.ic > best.ic) {
        best = r;
        bestQ = qt;
      }
    }
    if (bestQ >= 0) {
      cSum += best.ic;
      pairs.push({ direction: "case-to-query", queryTerm: ref(bestQ), caseTerm: ref(ct), mica: { ...ref(best.mica), ic: best.ic } });
    }
  }
  const both = q.observed.length > 0 && c.observed.length > 0;
  const queryToCase = both ? qSum / q.observed.length : 0;
  const caseToQuery = both ? cSum / c.observed.length : 0;
  const bma = (queryToCase + caseToQuery) / 2;
  const normalizer = Math.max(meanIc(ic, q.observed), meanIc(ic, c.observed));
  const similarity = both && normalizer > 0 ? Math.min(1, bma / normalizer) : 0;

  const penalties: ExcludedTermPenalty[] = [];
  const conflict = (kind: ExcludedTermPenalty["kind"], excluded: number[], observedOther: number[]) => {
    for (const e of excluded) {
      const implied = observedOther.find((o) => ontology.isAncestorOrSelf(e, o));
      if (implied === undefined) continue;
      penalties.push({ kind, excludedTerm: ref(e), conflictingTerm: ref(implied), ic: ic[e], deduction: penaltyFor(ic[e], normalizer) });
    }
  };
  conflict("query-excluded-present-in-case", q.excluded, c.observed);
  conflict("case-excluded-present-in-query", c.excluded, q.observed);
  let phenotype = similarity;
  for (const p of penalties) phenotype -= p.deduction;
  phenotype = Math.max(0, phenotype);

  const qGenes = new Set(query.genomicFeatures.map((g) => geneKey(g.gene)));
  const qVariants = new Set(query.genomicFeatures.map((g) => variantKey(g.variant)).filter((v): v is string => v !== null));
  const sharedGenes = [...new Set(candidate.genomicFeatures.map((g) => geneKey(g.gene)).filter((g) => qGenes.has(g)))].sort();
  const sharedVariants = [
    ...new Set(candidate.genomicFeatures.map((g) => variantKey(g.variant)).filter((v): v is string => v !== null && qVariants.has(v))),
  ].sort();
  const genotype = genotypeScore(sharedGenes.length, sharedVariants.length);
  return {
    score: combineScores(phenotype, genotype),
    explanation: {
      phenotype: { score: phenotype, similarity, queryToCase, caseToQuery, bestMatchAverage: bma, normalizer, matchedTerms: pairs },
      penalties,
      genotype: { score: genotype, sharedGenes, sharedVariants },
    },
  };
}

/** Deduction for one excluded-term conflict: up to SCORING.excludedConflict, scaled by the term's IC. */
export function penaltyFor(termIc: number, normalizer: number): number {
  if (normalizer <= 0) return SCORING.excludedConflict;
  return SCORING.excludedConflict * Math.min(1, termIc / normalizer);
}
