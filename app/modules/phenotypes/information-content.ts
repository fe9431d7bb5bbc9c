// Information content of ontology terms: IC(t) = -ln(freq(t)), where freq(t) is the share of annotated
// diseases (propagated to ancestors) carrying t, optionally blended with the share of library cases.
import type { Ontology } from "./ontology";

export interface InformationContentOptions {
  /**
   * Weight of one library case relative to one annotated disease when blending counts:
   * freq(t) = (D(t) + w·C(t)) / (N_D + w·N_C). 0 ignores the case library. Default 1.
   */
  caseWeight?: number;
}

export class InformationContent {
  private readonly diseaseCounts: Float64Array;
  private readonly caseCounts: Float64Array;
  private diseaseTotal = 0;
  private caseTotal = 0;
  private readonly stamp: Int32Array;
  private stampValue = 0;
  private cached: Float64Array | null = null;
  private caseWeight: number;
  /** increments whenever counts change; consumers (e.g. a match index) can detect stale snapshots */
  version = 0;

  constructor(
    readonly ontology: Ontology,
    options: InformationContentOptions = {},
  ) {
    this.diseaseCounts = new Float64Array(ontology.size);
    this.caseCounts = new Float64Array(ontology.size);
    this.stamp = new Int32Array(ontology.size);
    this.caseWeight = options.caseWeight ?? 1;
  }

  /** Builds IC from disease annotation term sets (ids may be alt or obsolete ids; unknown ids are skipped). */
  static fromDiseases(ontology: Ontology, diseases: Iterable<{ terms: Iterable<string> }>, options?: InformationContentOptions): InformationContent {
    const ic = new InformationContent(ontology, options);
    for (const d of diseases) ic.addDisease(d.terms);
    return ic;
  }

  get diseaseCount(): number {
    return this.diseaseTotal;
  }
  get caseCount(): number {
    return this.caseTotal;
  }

  setCaseWeight(weight: number): void {
    this.caseWeight = weight;
    this.invalidate();
  }

  addDisease(termIds: Iterable<string>): void {
    if (this.propagate(termIds, this.diseaseCounts, 1)) this.diseaseTotal++;
    this.invalidate();
  }

  /** Adds one case's observed term set to the case-library counts. */
  addCaseTerms(termIds: Iterable<string>): void {
    if (this.propagate(termIds, this.caseCounts, 1)) this.caseTotal++;
    this.invalidate();
  }

  addCaseTermSets(sets: Iterable<Iterable<string>>): void {
    for (const s of sets) this.addCaseTerms(s);
  }

  /** Removes a previously added case term set (e.g. when a case is withdrawn). */
  removeCaseTerms(termIds: Iterable<string>): void {
    if (this.propagate(termIds, this.caseCounts, -1)) this.caseTotal--;
    this.invalidate();
  }

  /** IC for every term index (a fresh snapshot after any change; treat as read-only). */
  get values(): Float64Array {
    if (!this.cached) this.cached = this.compute();
    return this.cached;
  }

  /** IC of a term id (resolved through alt_id / replaced_by); NaN for unknown ids. */
  of(id: string): number {
    const i = this.ontology.indexOf(id);
    return i < 0 ? Number.NaN : this.values[i];
  }

  /** The largest IC any term can have: -ln(1 / total). */
  get maxValue(): number {
    const total = this.diseaseTotal + this.caseWeight * this.caseTotal;
    return total > 0 ? Math.log(total) : 0;
  }

  private invalidate(): void {
    this.cached = null;
    this.version++;
  }

  private propagate(termIds: Iterable<string>, counts: Float64Array, delta: number): boolean {
    const s = ++this.stampValue;
    let any = false;
    for (const id of termIds) {
      const i = this.ontology.indexOf(id);
      if (i < 0) continue;
      any = true;
      for (const a of this.ontology.ancestorsOf(i)) {
        if (this.stamp[a] !== s) {
          this.stamp[a] = s;
          counts[a] += delta;
        }
      }
    }
    return any;
  }

  private compute(): Float64Array {
    const n = this.ontology.size;
    const out = new Float64Array(n);
    const w = this.caseWeight;
    const total = this.diseaseTotal + w * this.caseTotal;
    if (total <= 0) return out;
    for (let i = 0; i < n; i++) {
      // terms never annotated get the IC of a single annotation: rare, but finite and still monotone
      const count = Math.max(1, this.diseaseCounts[i] + w * this.caseCounts[i]);
      out[i] = Math.max(0, -Math.log(Math.min(1, count / total)));
    }
    return out;
  }
}
