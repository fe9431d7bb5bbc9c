// Seeded synthetic patients drawn from disease annotations, for tests and benchmarks. Pure.
import type { DiseaseAnnotation } from "../phenotypes/annotations";
import type { Ontology } from "../phenotypes/ontology";
import type { CaseFeature, CaseGenomicFeature, MatchCase } from "./model";

/** mulberry32: small, fast, seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

export interface SyntheticOptions {
  minTerms?: number;
  maxTerms?: number;
  /** probability that a sampled term is replaced by one of its parents */
  imprecision?: number;
  /** up to this many random unrelated terms are added */
  maxNoiseTerms?: number;
  /** probability that the case carries its disease's gene */
  geneRate?: number;
  /** probability, given a gene, that a variant is reported too */
  variantRate?: number;
  /** probability of one explicitly excluded (observed: no) term */
  excludedRate?: number;
  /** number of distinct synthetic genes diseases are mapped onto */
  geneCount?: number;
}

export interface SyntheticCase {
  case: MatchCase;
  diseaseId: string;
}

/** Generates patients: sample a disease, several of its terms, blur some to a parent, add noise, maybe a gene. */
export class SyntheticCohort {
  private readonly rand: () => number;
  private readonly diseases: Array<{ id: string; name: string; terms: number[] }>;
  private readonly pool: number[];
  private readonly opts: Required<SyntheticOptions>;

  constructor(
    private readonly ontology: Ontology,
    diseases: readonly DiseaseAnnotation[],
    seed: number,
    options: SyntheticOptions = {},
  ) {
    this.rand = mulberry32(seed);
    this.opts = {
      minTerms: 3,
      maxTerms: 8,
      imprecision: 0.3,
      maxNoiseTerms: 2,
      geneRate: 0.2,
      variantRate: 0.3,
      excludedRate: 0.1,
      geneCount: 4000,
      ...options,
    };
    const poolSet = new Set<number>();
    this.diseases = [];
    for (const d of diseases) {
      const terms = [...new Set(d.terms.map((t) => ontology.indexOf(t)).filter((i) => i >= 0))];
      for (const t of terms) poolSet.add(t);
      if (terms.length >= this.opts.minTerms) this.diseases.push({ id: d.id, name: d.name, terms });
    }
    this.pool = [...poolSet].sort((a, b) => a - b);
    if (this.diseases.length === 0) throw new Error("no disease has enough resolvable terms");
  }

  get diseaseIds(): string[] {
    return this.diseases.map((d) => d.id);
  }

  private int(n: number): number {
    return Math.floor(this.rand() * n);
  }

  /** A patient with the given id; `diseaseIndex` picks the disease, otherwise one is sampled uniformly. */
  next(id: string, diseaseIndex?: number): SyntheticCase {
    const d = this.diseases[diseaseIndex ?? this.int(this.diseases.length)];
    const o = this.opts;
    const k = Math.min(d.terms.length, o.minTerms + this.int(o.maxTerms - o.minTerms + 1));
    const shuffled = d.terms.slice();
    for (let i = 0; i < k; i++) {
      const j = i + this.int(shuffled.length - i);
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    const chosen = new Set<number>();
    for (const t of shuffled.slice(0, k)) {
      let term = t;
      const parents = this.ontology.terms[t].parents;
      if (parents.length > 0 && this.rand() < o.imprecision) term = parents[this.int(parents.length)];
      chosen.add(term);
    }
    const noise = this.int(o.maxNoiseTerms + 1);
    for (let i = 0; i < noise; i++) chosen.add(this.pool[this.int(this.pool.length)]);
    const features: CaseFeature[] = [...chosen].map((t) => ({ id: this.ontology.terms[t].id, observed: true }));
    if (this.rand() < o.excludedRate) {
      const e = this.pool[this.int(this.pool.length)];
      const implied = [...chosen].some((t) => this.ontology.isAncestorOrSelf(e, t));
      if (!implied && !chosen.has(e)) features.push({ id: this.ontology.terms[e].id, observed: false });
    }
    const genomicFeatures: CaseGenomicFeature[] = [];
    if (this.rand() < o.geneRate) {
      const h = hashString(d.id);
      const g: CaseGenomicFeature = { gene: `SYN${h % o.geneCount}` };
      if (this.rand() < o.variantRate) {
        g.variant = {
          assembly: "GRCh37",
          referenceName: String(1 + (h % 22)),
          start: 1_000_000 + (h % 1_000_000) * 10 + this.int(3),
          referenceBases: "G",
          alternateBases: "A",
        };
        g.zygosity = 1;
      }
      genomicFeatures.push(g);
    }
    return {
      diseaseId: d.id,
      case: { id, label: `synthetic ${d.id}`, features, genomicFeatures, disorders: [{ id: d.id, label: d.name }] },
    };
  }
}
