// MatchIndex: exact top-k phenotype/genotype matching over a case library.
//
// Per case we keep its observed terms, excluded terms and the union of their ancestor closures. An inverted
// index maps every informative ancestor term (IC ≥ minPostingIc) to the cases whose ancestor set contains it,
// with a 32-bit mask telling which of the case's terms sit under that ancestor. A query walks the postings of its
// own ancestors in descending IC order; the first time a (case, query term) or (case, case term) pair is reached
// gives that term's best Resnik similarity exactly, so every touched case has a tight upper bound (terms not
// reached count as the current IC floor), and every untouched case scores ≤ floor / mean IC(query).
//   1. walk the most informative postings, score the most promising cases: their k-th score s is a lower bound;
//   2. admit new cases only while the floor is ≥ s·mean IC(query) (a case first reached below cannot reach s);
//   3. walk the remaining postings for the admitted cases only, which tightens their bounds;
//   4. score candidates best bound first, skipping every bound below the k-th score.
// Results equal an exhaustive scan (see `scan`), including tie-breaking by case id.
import type { InformationContent } from "../phenotypes/information-content";
import type { Ontology } from "../phenotypes/ontology";
import { SCORING, combineScores, geneKey, variantKey, type MatchCase, type MatchResult } from "./model";
import { pairwiseScore, penaltyFor, resolveFeatures } from "./similarity";

export interface MatchIndexOptions {
  /** ancestors with IC below this are not posted (their lists are long and prune little). Default 1.5 */
  minPostingIc?: number;
  /**
   * the IC floor of the first walk, as a fraction of the query's mean IC; the best cases found there set the
   * admission threshold for the rest of the walk. Default 0.6; 0 admits every case reached by any posting
   */
  initialFloorRatio?: number;
}

export interface QueryOptions {
  /** number of results, default 10 */
  limit?: number;
  /** return false to exclude a case (e.g. no consent for this use); called at most once per case per query */
  filter?: (c: MatchCase) => boolean;
  /** attach explanations (matched pairs, penalties, genes); default true */
  explain?: boolean;
}

export interface QueryStats {
  /** cases reached through postings or gene/variant lists */
  touched: number;
  /** cases scored exactly */
  scored: number;
  /** posting entries read */
  postingsRead: number;
  /** the final IC floor of the walk */
  floor: number;
  /** time spent walking postings, bounding candidates and scoring exactly (ms) */
  walkMs: number;
  boundMs: number;
  scoreMs: number;
  /** true when fewer than `limit` cases scored above 0 through the index and every remaining case was scanned */
  fullScan: boolean;
}

interface Prepared {
  obs: Int32Array;
  excluded: Int32Array;
  mean: number;
  maxIc: number;
  genes: string[];
  variants: string[];
  /** ancestors of the query with postings, IC descending, and the query-term mask of each */
  walkTerms: Int32Array;
  walkMasks: Int32Array;
  qGroupSize: Int32Array | null;
}

const EPS = 1e-9;
/** cases are bucketed by the mean IC of their terms, so a query can scan only low-mean cases when it must */
const MEAN_BUCKET_WIDTH = 0.25;
const MEAN_BUCKETS = 64;

function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function groupCount(bits: number, groupSize: Int32Array | null): number {
  if (!groupSize) return popcount(bits);
  let n = 0;
  for (let b = 0; b < 32; b++) if (bits & (1 << b)) n += groupSize[b];
  return n;
}

function groupSizes(n: number): Int32Array | null {
  if (n <= 32) return null;
  const g = new Int32Array(32);
  for (let j = 0; j < n; j++) g[j & 31]++;
  return g;
}

function growInt32(a: Int32Array<ArrayBuffer>, min: number): Int32Array<ArrayBuffer> {
  if (a.length >= min) return a;
  const b = new Int32Array(Math.max(min, a.length * 2, 16));
  b.set(a);
  return b;
}
function growFloat64(a: Float64Array<ArrayBuffer>, min: number): Float64Array<ArrayBuffer> {
  if (a.length >= min) return a;
  const b = new Float64Array(Math.max(min, a.length * 2, 16));
  b.set(a);
  return b;
}

export class MatchIndex {
  readonly ic: Float64Array;
  readonly icVersion: number;
  private readonly minPostingIc: number;
  private readonly initialFloorRatio: number;
  /** per term: ancestors (incl. self) sorted by IC descending, CSR */
  private readonly ancDescOffsets: Int32Array;
  private readonly ancDescData: Int32Array;

  // case storage, by slot
  private ids: string[] = [];
  private records: MatchCase[] = [];
  private terms: Int32Array[] = [];
  private excludedTerms: Int32Array[] = [];
  private ancestors: Int32Array[] = [];
  private termGroups: (Int32Array | null)[] = [];
  private genes: string[][] = [];
  private variants: string[][] = [];
  private means = new Float64Array(16);
  private alive = new Uint8Array(16);
  private readonly slotById = new Map<string, number>();
  private meanBuckets: number[][] = Array.from({ length: MEAN_BUCKETS }, () => []);
  private dead = 0;

  // inverted indexes
  private postData: (Int32Array | null)[];
  private postLen: Int32Array;
  private readonly genePostings = new Map<string, number[]>();
  private readonly variantPostings = new Map<string, number[]>();

  // query scratch, by slot
  private slotState = new Int32Array(64);
  private slotAcc = new Float64Array(32);
  private scoredEpoch = new Int32Array(16);
  private filterEpoch = new Int32Array(16);
  private filterOk = new Uint8Array(16);
  private touchedBuf = new Int32Array(16);
  private candBuf = new Int32Array(16);
  private candUbBuf = new Float64Array(16);
  private termCounts = new Int32Array(16);
  private epoch = 0;
  // term scratch
  private readonly cmark: Int32Array;
  private cstamp = 0;
  private readonly qmark: Int32Array;
  private qstamp = 0;
  private readonly maskScratch: Int32Array;

  lastQueryStats: QueryStats = { touched: 0, scored: 0, postingsRead: 0, floor: 0, fullScan: false, walkMs: 0, boundMs: 0, scoreMs: 0 };

  constructor(
    readonly ontology: Ontology,
    ic: InformationContent | Float64Array,
    options: MatchIndexOptions = {},
  ) {
    this.ic = ic instanceof Float64Array ? ic : ic.values;
    this.icVersion = ic instanceof Float64Array ? 0 : ic.version;
    this.minPostingIc = options.minPostingIc ?? 1.5;
    this.initialFloorRatio = options.initialFloorRatio ?? 0.6;
    const n = ontology.size;
    this.postData = new Array(n).fill(null);
    this.postLen = new Int32Array(n);
    this.cmark = new Int32Array(n);
    this.qmark = new Int32Array(n);
    this.maskScratch = new Int32Array(n);
    const offsets = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) offsets[i + 1] = ontology.ancestorOffsets[i + 1];
    const data = new Int32Array(ontology.ancestorData.length);
    const icv = this.ic;
    for (let i = 0; i < n; i++) {
      const anc = Array.from(ontology.ancestorsOf(i)).sort((a, b) => icv[b] - icv[a] || a - b);
      data.set(anc, offsets[i]);
    }
    this.ancDescOffsets = offsets;
    this.ancDescData = data;
  }

  get size(): number {
    return this.slotById.size;
  }

  has(id: string): boolean {
    return this.slotById.has(id);
  }

  get(id: string): MatchCase | undefined {
    const s = this.slotById.get(id);
    return s === undefined ? undefined : this.records[s];
  }

  /** Adds a case, replacing any case with the same id. */
  add(c: MatchCase): void {
    if (this.slotById.has(c.id)) this.remove(c.id);
    const slot = this.ids.length;
    const resolved = resolveFeatures(this.ontology, c);
    const obs = Int32Array.from(resolved.observed);
    const anc = this.ontology.ancestorUnion(obs);
    this.ids.push(c.id);
    this.records.push(c);
    this.terms.push(obs);
    this.excludedTerms.push(Int32Array.from(resolved.excluded));
    this.ancestors.push(anc);
    this.termGroups.push(groupSizes(obs.length));
    const geneKeys = [...new Set(c.genomicFeatures.map((g) => geneKey(g.gene)).filter(Boolean))];
    const variantKeys = [...new Set(c.genomicFeatures.map((g) => variantKey(g.variant)).filter((v): v is string => v !== null))];
    this.genes.push(geneKeys);
    this.variants.push(variantKeys);
    this.ensureSlotCapacity(slot + 1);
    let sum = 0;
    for (const t of obs) sum += this.ic[t];
    this.means[slot] = obs.length > 0 ? sum / obs.length : 0;
    this.termCounts[slot] = obs.length;
    this.meanBuckets[Math.min(MEAN_BUCKETS - 1, Math.floor(this.means[slot] / MEAN_BUCKET_WIDTH))].push(slot);
    this.alive[slot] = 1;
    this.slotById.set(c.id, slot);
    this.post(slot);
  }

  /** A new index over the same cases with other IC values (e.g. after case-library counts were blended in). */
  withInformationContent(ic: InformationContent | Float64Array): MatchIndex {
    const next = new MatchIndex(this.ontology, ic, { minPostingIc: this.minPostingIc, initialFloorRatio: this.initialFloorRatio });
    for (let s = 0; s < this.ids.length; s++) if (this.alive[s]) next.add(this.records[s]);
    return next;
  }

  /** All indexed cases, in insertion order. */
  *cases(): IterableIterator<MatchCase> {
    for (let s = 0; s < this.ids.length; s++) if (this.alive[s]) yield this.records[s];
  }

  /** Removes a case; returns false when it was not indexed. */
  remove(id: string): boolean {
    const slot = this.slotById.get(id);
    if (slot === undefined) return false;
    this.slotById.delete(id);
    this.alive[slot] = 0;
    this.dead++;
    if (this.dead > 1024 && this.dead * 4 > this.ids.length) this.compact();
    return true;
  }

  /** Top-k matches for a patient, best first; ties broken by case id. Only scores > 0 are returned. */
  query(patient: MatchCase, options: QueryOptions = {}): MatchResult[] {
    const limit = Math.max(1, options.limit ?? 10);
    const prep = this.prepare(patient);
    const epoch = ++this.epoch;
    const stats: QueryStats = { touched: 0, scored: 0, postingsRead: 0, floor: 0, fullScan: false, walkMs: 0, boundMs: 0, scoreMs: 0 };
    const top = new TopK(limit, this.ids);
    const touched = this.touchedBuf;
    let nTouched = 0;
    // per-slot scratch, packed for locality: st = [epoch, found query-term mask, found case-term mask, gene flags]
    // and acc = [Σ query-side similarities found, Σ case-side similarities found]
    const st = this.slotState;
    const acc = this.slotAcc;
    const alive = this.alive;
    const touch = (slot: number) => {
      const s4 = slot << 2;
      if (st[s4] !== epoch) {
        st[s4] = epoch;
        st[s4 + 1] = 0;
        st[s4 + 2] = 0;
        st[s4 + 3] = 0;
        acc[slot << 1] = 0;
        acc[(slot << 1) + 1] = 0;
        touched[nTouched++] = slot;
      }
    };
    for (const g of prep.genes)
      for (const s of this.genePostings.get(g) ?? [])
        if (alive[s]) {
          touch(s);
          st[(s << 2) + 3] |= 1;
        }
    for (const v of prep.variants)
      for (const s of this.variantPostings.get(v) ?? [])
        if (alive[s]) {
          touch(s);
          st[(s << 2) + 3] |= 2;
        }
    const allowed = (slot: number): boolean => {
      if (!options.filter) return true;
      if (this.filterEpoch[slot] !== epoch) {
        this.filterEpoch[slot] = epoch;
        this.filterOk[slot] = options.filter(this.records[slot]) ? 1 : 0;
      }
      return this.filterOk[slot] === 1;
    };
    const scoredEpoch = this.scoredEpoch;
    const scoreSlot = (slot: number) => {
      scoredEpoch[slot] = epoch;
      if (!allowed(slot)) return;
      stats.scored++;
      const s = this.exactScore(prep, slot);
      if (s > 0) top.offer(slot, s);
    };

    const nQ = prep.obs.length;
    const mQ = prep.mean;
    if (nQ === 0 || mQ <= 0) {
      // genotype-only query: only cases sharing a gene or variant can score above 0
      for (let i = 0; i < nTouched; i++) scoreSlot(touched[i]);
      stats.touched = nTouched;
      this.lastQueryStats = stats;
      return this.finish(top, patient, options);
    }

    const walkTerms = prep.walkTerms;
    const walkMasks = prep.walkMasks;
    const ic = this.ic;
    const qGroups = prep.qGroupSize;
    const means = this.means;
    const nTerms = this.termCounts;
    const candSlots = this.candBuf;
    const candUb = this.candUbBuf;
    let pos = 0;
    /**
     * Walks postings (IC descending) while ic ≥ tau. The first time a (case, query term) or (case, case term) pair
     * is reached gives that term's best Resnik similarity exactly. With admit=false only cases already touched are
     * updated: the caller has proved that cases not yet touched cannot enter the top k.
     */
    const walk = (tau: number, admit: boolean) => {
      const clock = performance.now();
      while (pos < walkTerms.length && ic[walkTerms[pos]] >= tau) {
        const a = walkTerms[pos];
        const qm = walkMasks[pos];
        const w = ic[a];
        const data = this.postData[a] as Int32Array;
        const len = this.postLen[a];
        stats.postingsRead += len >> 1;
        for (let i = 0; i < len; i += 2) {
          const slot = data[i];
          const s4 = slot << 2;
          if (st[s4] !== epoch) {
            if (!admit) continue;
            st[s4] = epoch;
            st[s4 + 1] = 0;
            st[s4 + 2] = 0;
            st[s4 + 3] = 0;
            acc[slot << 1] = 0;
            acc[(slot << 1) + 1] = 0;
            if (alive[slot] === 1) touched[nTouched++] = slot;
          }
          const nq = qm & ~st[s4 + 1];
          if (nq !== 0) {
            st[s4 + 1] |= nq;
            acc[slot << 1] += w * (qGroups === null ? popcount(nq) : groupCount(nq, qGroups));
          }
          const nc = data[i + 1] & ~st[s4 + 2];
          if (nc !== 0) {
            st[s4 + 2] |= nc;
            const groups = nTerms[slot] > 32 ? this.termGroups[slot] : null;
            acc[(slot << 1) + 1] += w * (groups === null ? popcount(nc) : groupCount(nc, groups));
          }
        }
        pos++;
      }
      stats.walkMs += performance.now() - clock;
      // every shared ancestor not yet walked has IC ≤ the returned floor; none can be more informative than the
      // query's most informative term; ancestors below minPostingIc are not posted
      return Math.min(prep.maxIc, pos < walkTerms.length ? ic[walkTerms[pos]] : this.minPostingIc);
    };
    /** Upper bounds of touched, unscored cases (unreached terms count as `floor`), keeping those ≥ minNow. */
    const bound = (floor: number, minNow: number): number => {
      const clock = performance.now();
      let nCand = 0;
      for (let i = 0; i < nTouched; i++) {
        const slot = touched[i];
        if (scoredEpoch[slot] === epoch) continue;
        const nC = nTerms[slot];
        let pheno = 0;
        if (nC > 0) {
          const s4 = slot << 2;
          const foundQ = qGroups === null ? popcount(st[s4 + 1]) : groupCount(st[s4 + 1], qGroups);
          const groups = nC > 32 ? this.termGroups[slot] : null;
          const foundC = groups === null ? popcount(st[s4 + 2]) : groupCount(st[s4 + 2], groups);
          const norm = mQ > means[slot] ? mQ : means[slot];
          const a = (acc[slot << 1] + floor * (nQ - foundQ)) / nQ;
          const b = (acc[(slot << 1) + 1] + floor * (nC - foundC)) / nC;
          pheno = (a + b) / 2 / norm;
          if (pheno > 1) pheno = 1;
        }
        const f = st[(slot << 2) + 3];
        const geno = f & 2 ? SCORING.sameVariant : f & 1 ? SCORING.sameGene : 0;
        const ub = 1 - (1 - pheno) * (1 - geno) + EPS;
        if (ub < minNow) continue;
        candSlots[nCand] = slot;
        candUb[nCand++] = ub;
      }
      stats.boundMs += performance.now() - clock;
      return nCand;
    };
    const seedCount = limit * 4;

    // 1. the most informative postings first; score the most promising cases to learn a k-th score s
    let floor = walk(Math.max(this.minPostingIc, this.initialFloorRatio * mQ), true);
    let nCand = bound(floor, -1);
    let clock = performance.now();
    for (const i of seedOrder(candUb, nCand, seedCount)) scoreSlot(candSlots[i]);
    stats.scoreMs += performance.now() - clock;
    // 2. keep admitting new cases only down to s·mean IC(query): a case first reached below that shares nothing
    //    more informative, so it scores < s and can never enter the top k
    let admittedAll = true;
    if (top.full) {
      floor = walk(Math.max(this.minPostingIc, top.minScore * mQ), true);
      if (top.minScore > floor / mQ + EPS) admittedAll = false;
    }
    // 3. walk the rest to tighten the bounds of the admitted cases
    floor = walk(this.minPostingIc, admittedAll);
    stats.floor = floor;
    nCand = bound(floor, top.full ? top.minScore : -1);
    clock = performance.now();
    // 4. score the most promising first, then every other candidate whose bound can still enter the top k
    if (nCand > 0) {
      for (const i of seedOrder(candUb, nCand, seedCount)) scoreSlot(candSlots[i]);
      for (let i = 0; i < nCand; i++) {
        if (scoredEpoch[candSlots[i]] === epoch) continue;
        if (top.full && candUb[i] < top.minScore) continue;
        scoreSlot(candSlots[i]);
      }
    }
    stats.scoreMs += performance.now() - clock;
    // 5. an untouched case shares no ancestor above `floor`: it scores ≤ floor / max(mean IC(query), mean IC(case)).
    //    When the bound is not enough, scan only the untouched cases whose mean IC lets them reach the top k.
    if (admittedAll && !(top.full && top.minScore > floor / mQ + EPS)) {
      stats.fullScan = !top.full;
      const maxMean = top.full ? floor / top.minScore : Number.POSITIVE_INFINITY;
      for (let b = 0; b < this.meanBuckets.length; b++) {
        if (b * MEAN_BUCKET_WIDTH > maxMean + EPS) break;
        for (const slot of this.meanBuckets[b]) {
          if (alive[slot] === 1 && st[slot << 2] !== epoch && scoredEpoch[slot] !== epoch) {
            if (top.full && floor / Math.max(mQ, means[slot]) < top.minScore - EPS) continue;
            scoreSlot(slot);
          }
        }
      }
    }
    stats.touched = nTouched;
    this.lastQueryStats = stats;
    return this.finish(top, patient, options);
  }

  /** Exhaustive scan with the same scoring: the reference the index must agree with. */
  scan(patient: MatchCase, options: QueryOptions = {}): MatchResult[] {
    const limit = Math.max(1, options.limit ?? 10);
    const prep = this.prepare(patient);
    const top = new TopK(limit, this.ids);
    for (let slot = 0; slot < this.ids.length; slot++) {
      if (this.alive[slot] === 0) continue;
      if (options.filter && !options.filter(this.records[slot])) continue;
      const s = this.exactScore(prep, slot);
      if (s > 0) top.offer(slot, s);
    }
    return this.finish(top, patient, options);
  }

  /** The exact score of one indexed case (same number the query ranks by). */
  scoreOf(patient: MatchCase, caseId: string): number | undefined {
    const slot = this.slotById.get(caseId);
    return slot === undefined ? undefined : this.exactScore(this.prepare(patient), slot);
  }

  /** Approximate retained memory of the index structures, in bytes. */
  memoryBytes(): { postings: number; cases: number; total: number } {
    let postings = 0;
    for (const p of this.postData) if (p) postings += p.byteLength;
    for (const l of this.genePostings.values()) postings += l.length * 8;
    for (const l of this.variantPostings.values()) postings += l.length * 8;
    let cases = this.means.byteLength + this.alive.byteLength;
    for (let s = 0; s < this.ids.length; s++) {
      cases += this.terms[s].byteLength + this.excludedTerms[s].byteLength + this.ancestors[s].byteLength + 64;
    }
    const scratch = this.slotState.byteLength + this.slotAcc.byteLength + this.touchedBuf.byteLength * 2 + this.candUbBuf.byteLength;
    return { postings, cases, total: postings + cases + scratch };
  }

  /** Number of posting entries (case × informative ancestor). */
  postingCount(): number {
    let n = 0;
    for (let t = 0; t < this.postLen.length; t++) n += this.postLen[t] >> 1;
    return n;
  }

  // ---------------------------------------------------------------------------------------------------------

  private finish(top: TopK, patient: MatchCase, options: QueryOptions): MatchResult[] {
    const explain = options.explain ?? true;
    return top.sorted().map(({ slot, score }) => {
      const c = this.records[slot];
      const r: MatchResult = { caseId: this.ids[slot], score, case: c };
      if (explain) r.explanation = pairwiseScore(this.ontology, this.ic, patient, c).explanation;
      return r;
    });
  }

  private prepare(patient: MatchCase): Prepared {
    const resolved = resolveFeatures(this.ontology, patient);
    const obs = Int32Array.from(resolved.observed);
    const ic = this.ic;
    let sum = 0;
    let maxIc = 0;
    for (const t of obs) {
      sum += ic[t];
      if (ic[t] > maxIc) maxIc = ic[t];
    }
    const qs = ++this.qstamp;
    const masks = this.maskScratch;
    const walk: number[] = [];
    for (let j = 0; j < obs.length; j++) {
      const bit = 1 << (j & 31);
      for (const a of this.ontology.ancestorsOf(obs[j])) {
        if (this.qmark[a] !== qs) {
          this.qmark[a] = qs;
          masks[a] = 0;
          if (this.postLen[a] > 0) walk.push(a);
        }
        masks[a] |= bit;
      }
    }
    walk.sort((a, b) => ic[b] - ic[a] || a - b);
    return {
      obs,
      excluded: Int32Array.from(resolved.excluded),
      mean: obs.length > 0 ? sum / obs.length : 0,
      maxIc,
      genes: [...new Set(patient.genomicFeatures.map((g) => geneKey(g.gene)).filter(Boolean))],
      variants: [...new Set(patient.genomicFeatures.map((g) => variantKey(g.variant)).filter((v): v is string => v !== null))],
      walkTerms: Int32Array.from(walk),
      walkMasks: Int32Array.from(walk, (a) => masks[a]),
      qGroupSize: groupSizes(obs.length),
    };
  }

  /** Same arithmetic, in the same order, as pairwiseScore(), using the precomputed ancestor sets. */
  private exactScore(prep: Prepared, slot: number): number {
    const ic = this.ic;
    const cs = ++this.cstamp;
    const cmark = this.cmark;
    const anc = this.ancestors[slot];
    for (let i = 0; i < anc.length; i++) cmark[anc[i]] = cs;
    const caseTerms = this.terms[slot];
    const nQ = prep.obs.length;
    const nC = caseTerms.length;
    const off = this.ancDescOffsets;
    const data = this.ancDescData;
    let similarity = 0;
    const normalizer = Math.max(prep.mean, this.means[slot]);
    if (nQ > 0 && nC > 0) {
      let qSum = 0;
      for (let j = 0; j < nQ; j++) {
        const t = prep.obs[j];
        for (let k = off[t], end = off[t + 1]; k < end; k++) {
          if (cmark[data[k]] === cs) {
            qSum += ic[data[k]];
            break;
          }
        }
      }
      const qs = this.qstamp;
      const qmark = this.qmark;
      let cSum = 0;
      for (let j = 0; j < nC; j++) {
        const t = caseTerms[j];
        for (let k = off[t], end = off[t + 1]; k < end; k++) {
          if (qmark[data[k]] === qs) {
            cSum += ic[data[k]];
            break;
          }
        }
      }
      const bma = (qSum / nQ + cSum / nC) / 2;
      similarity = normalizer > 0 ? Math.min(1, bma / normalizer) : 0;
    }
    let phenotype = similarity;
    for (const e of prep.excluded) if (cmark[e] === cs) phenotype -= penaltyFor(ic[e], normalizer);
    const cex = this.excludedTerms[slot];
    for (let i = 0; i < cex.length; i++) if (this.qmark[cex[i]] === this.qstamp) phenotype -= penaltyFor(ic[cex[i]], normalizer);
    phenotype = Math.max(0, phenotype);
    let geno = 0;
    if (prep.variants.length > 0) for (const v of this.variants[slot]) if (prep.variants.includes(v)) geno = SCORING.sameVariant;
    if (geno === 0 && prep.genes.length > 0) for (const g of this.genes[slot]) if (prep.genes.includes(g)) geno = SCORING.sameGene;
    return combineScores(phenotype, geno);
  }

  private post(slot: number): void {
    const ic = this.ic;
    const masks = this.maskScratch;
    const seen: number[] = [];
    const cs = ++this.cstamp;
    const obs = this.terms[slot];
    for (let j = 0; j < obs.length; j++) {
      const bit = 1 << (j & 31);
      for (const a of this.ontology.ancestorsOf(obs[j])) {
        if (ic[a] < this.minPostingIc) continue;
        if (this.cmark[a] !== cs) {
          this.cmark[a] = cs;
          masks[a] = 0;
          seen.push(a);
        }
        masks[a] |= bit;
      }
    }
    for (const a of seen) {
      let p = this.postData[a];
      const len = this.postLen[a];
      if (!p || p.length < len + 2) {
        const np = new Int32Array(Math.max(8, (p?.length ?? 0) * 2));
        if (p) np.set(p.subarray(0, len));
        this.postData[a] = p = np;
      }
      p[len] = slot;
      p[len + 1] = masks[a];
      this.postLen[a] = len + 2;
    }
    for (const g of this.genes[slot]) {
      const l = this.genePostings.get(g);
      if (l) l.push(slot);
      else this.genePostings.set(g, [slot]);
    }
    for (const v of this.variants[slot]) {
      const l = this.variantPostings.get(v);
      if (l) l.push(slot);
      else this.variantPostings.set(v, [slot]);
    }
  }

  private ensureSlotCapacity(n: number): void {
    if (this.alive.length >= n) return;
    const cap = Math.max(n, this.alive.length * 2);
    const grow8 = (a: Uint8Array) => {
      const b = new Uint8Array(cap);
      b.set(a);
      return b;
    };
    this.alive = grow8(this.alive);
    this.filterOk = grow8(this.filterOk);
    this.means = growFloat64(this.means, cap);
    this.slotState = growInt32(this.slotState, cap * 4);
    this.slotAcc = growFloat64(this.slotAcc, cap * 2);
    this.scoredEpoch = growInt32(this.scoredEpoch, cap);
    this.filterEpoch = growInt32(this.filterEpoch, cap);
    this.touchedBuf = growInt32(this.touchedBuf, cap);
    this.candBuf = growInt32(this.candBuf, cap);
    this.candUbBuf = growFloat64(this.candUbBuf, cap);
    this.termCounts = growInt32(this.termCounts, cap);
  }

  /** Drops removed cases and renumbers slots (rebuilds postings). */
  private compact(): void {
    const keep: MatchCase[] = [];
    for (let s = 0; s < this.ids.length; s++) if (this.alive[s]) keep.push(this.records[s]);
    this.ids = [];
    this.records = [];
    this.terms = [];
    this.excludedTerms = [];
    this.ancestors = [];
    this.termGroups = [];
    this.genes = [];
    this.variants = [];
    this.alive.fill(0);
    this.slotState.fill(0);
    this.scoredEpoch.fill(0);
    this.filterEpoch.fill(0);
    this.slotById.clear();
    this.postData.fill(null);
    this.postLen.fill(0);
    this.genePostings.clear();
    this.variantPostings.clear();
    this.meanBuckets = Array.from({ length: MEAN_BUCKETS }, () => []);
    this.dead = 0;
    for (const c of keep) this.add(c);
  }
}

/** Indices of the `n` largest of values[0..count), largest first. */
function seedOrder(values: Float64Array, count: number, n: number): number[] {
  const heap: number[] = []; // min-heap of indices by value
  for (let i = 0; i < count; i++) {
    const v = values[i];
    if (heap.length < n) {
      heap.push(i);
      let c = heap.length - 1;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (values[heap[c]] >= values[heap[p]]) break;
        const t = heap[c];
        heap[c] = heap[p];
        heap[p] = t;
        c = p;
      }
    } else if (v > values[heap[0]]) {
      heap[0] = i;
      let p = 0;
      for (;;) {
        const l = 2 * p + 1;
        const r = l + 1;
        let m = p;
        if (l < heap.length && values[heap[l]] < values[heap[m]]) m = l;
        if (r < heap.length && values[heap[r]] < values[heap[m]]) m = r;
        if (m === p) break;
        const t = heap[m];
        heap[m] = heap[p];
        heap[p] = t;
        p = m;
      }
    }
  }
  return heap.sort((a, b) => values[b] - values[a]);
}

/** Bounded best-k list ordered by score descending, then case id ascending. */
class TopK {
  private readonly items: Array<{ slot: number; score: number }> = [];
  constructor(
    private readonly k: number,
    private readonly ids: string[],
  ) {}
  get full(): boolean {
    return this.items.length >= this.k;
  }
  /** the k-th best score (only meaningful when full) */
  get minScore(): number {
    return this.items.length > 0 ? this.items[this.items.length - 1].score : 0;
  }
  private better(a: { slot: number; score: number }, b: { slot: number; score: number }): boolean {
    return a.score > b.score || (a.score === b.score && this.ids[a.slot] < this.ids[b.slot]);
  }
  offer(slot: number, score: number): void {
    const item = { slot, score };
    if (this.full && !this.better(item, this.items[this.items.length - 1])) return;
    let i = this.items.length;
    this.items.push(item);
    while (i > 0 && this.better(item, this.items[i - 1])) {
      this.items[i] = this.items[i - 1];
      i--;
    }
    this.items[i] = item;
    if (this.items.length > this.k) this.items.pop();
  }
  sorted(): Array<{ slot: number; score: number }> {
    return this.items.slice();
  }
}
