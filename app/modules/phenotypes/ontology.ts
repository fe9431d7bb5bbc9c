// The in-memory ontology: dense integer term indices, canonical id resolution (alt_id, obsolete → replaced_by)
// and precomputed ancestor closures stored as CSR Int32Arrays. Pure: build it from parsed terms.
import type { OntologyHeader, ParsedOntologyDocument, RawSynonym } from "./obo";

export interface Term {
  /** dense index, stable for the life of this Ontology */
  index: number;
  id: string;
  name: string;
  definition?: string;
  synonyms: RawSynonym[];
  /** direct is_a parents (term indices); empty for the root and for obsolete terms */
  parents: number[];
  altIds: string[];
  obsolete: boolean;
  replacedBy: string[];
  consider: string[];
}

export type ResolveStatus = "current" | "alt_id" | "replaced" | "obsolete" | "unknown";

export interface Resolution {
  /** the canonical current term, or null when the id cannot be resolved to one */
  term: Term | null;
  status: ResolveStatus;
  requestedId: string;
}

const ONTOLOGY_NAMES: Record<string, string> = { hp: "Human Phenotype Ontology" };

/** Extracts a yyyy-mm-dd release date from an OBO/obographs version header. */
export function releaseDateFromHeader(header: OntologyHeader): string | undefined {
  for (const candidate of [header.dataVersion, header.date]) {
    if (!candidate) continue;
    const iso = /(\d{4})-(\d{2})-(\d{2})/.exec(candidate);
    if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
    const obo = /^(\d{2}):(\d{2}):(\d{4})/.exec(candidate); // OBO "date: dd:MM:yyyy HH:mm"
    if (obo) return `${obo[3]}-${obo[2]}-${obo[1]}`;
  }
  return undefined;
}

export class Ontology {
  readonly header: OntologyHeader;
  readonly terms: readonly Term[];
  /** CSR ancestor closure (each term's ancestors including itself, ascending index order) */
  readonly ancestorOffsets: Int32Array;
  readonly ancestorData: Int32Array;
  readonly childrenOf: readonly number[][];
  readonly roots: readonly number[];
  private readonly byId = new Map<string, number>();
  private readonly altToIndex = new Map<string, number>();

  constructor(doc: ParsedOntologyDocument) {
    this.header = doc.header;
    const terms: Term[] = [];
    for (const raw of doc.terms) {
      if (this.byId.has(raw.id)) continue;
      const index = terms.length;
      this.byId.set(raw.id, index);
      const term: Term = {
        index,
        id: raw.id,
        name: raw.name,
        synonyms: raw.synonyms,
        parents: [],
        altIds: raw.altIds,
        obsolete: raw.obsolete,
        replacedBy: raw.replacedBy,
        consider: raw.consider,
      };
      if (raw.definition !== undefined) term.definition = raw.definition;
      terms.push(term);
    }
    doc.terms.forEach((raw) => {
      const t = terms[this.byId.get(raw.id) as number];
      if (t.obsolete) return;
      for (const p of raw.parents) {
        const pi = this.byId.get(p);
        if (pi !== undefined && pi !== t.index && !terms[pi].obsolete && !t.parents.includes(pi)) t.parents.push(pi);
      }
    });
    for (const t of terms) for (const alt of t.altIds) if (!this.byId.has(alt)) this.altToIndex.set(alt, t.index);
    this.terms = terms;
    const children: number[][] = terms.map(() => []);
    for (const t of terms) for (const p of t.parents) children[p].push(t.index);
    this.childrenOf = children;
    this.roots = terms.filter((t) => !t.obsolete && t.parents.length === 0).map((t) => t.index);
    const { offsets, data } = computeClosure(terms);
    this.ancestorOffsets = offsets;
    this.ancestorData = data;
  }

  get size(): number {
    return this.terms.length;
  }

  /** Release date (yyyy-mm-dd) from the data-version / date header, when present. */
  get release(): string | undefined {
    return releaseDateFromHeader(this.header);
  }

  /** Display name, e.g. "Human Phenotype Ontology". */
  get title(): string {
    const key = (this.header.ontology ?? "hp").toLowerCase();
    return ONTOLOGY_NAMES[key] ?? key.toUpperCase();
  }

  /** The attribution the licence requires us to show, e.g. "Human Phenotype Ontology (release 2017-04-13)". */
  get attribution(): string {
    const release = this.release ?? this.header.dataVersion;
    return release ? `${this.title} (release ${release})` : this.title;
  }

  /** Looks up a term by its primary id only (obsolete terms included). */
  get(id: string): Term | undefined {
    const i = this.byId.get(id);
    return i === undefined ? undefined : this.terms[i];
  }

  /**
   * Maps any id to the current canonical term: primary ids pass through, alt_ids map to their owner,
   * obsolete terms follow replaced_by (transitively). Obsolete terms without a replacement resolve to null.
   */
  resolve(id: string): Resolution {
    const normalized = normalizeTermId(id);
    let index = this.byId.get(normalized);
    let status: ResolveStatus = "current";
    if (index === undefined) {
      index = this.altToIndex.get(normalized);
      if (index === undefined) return { term: null, status: "unknown", requestedId: id };
      status = "alt_id";
    }
    const seen = new Set<number>();
    let term = this.terms[index];
    while (term.obsolete) {
      if (seen.has(term.index)) return { term: null, status: "obsolete", requestedId: id };
      seen.add(term.index);
      const next = term.replacedBy.map((r) => this.byId.get(r) ?? this.altToIndex.get(r)).find((x) => x !== undefined);
      if (next === undefined) return { term: null, status: "obsolete", requestedId: id };
      term = this.terms[next];
      status = "replaced";
    }
    return { term, status, requestedId: id };
  }

  /** Canonical index of an id, or -1. */
  indexOf(id: string): number {
    return this.resolve(id).term?.index ?? -1;
  }

  /** Ancestors of a term including itself (a view on shared storage; do not mutate). */
  ancestorsOf(index: number): Int32Array {
    return this.ancestorData.subarray(this.ancestorOffsets[index], this.ancestorOffsets[index + 1]);
  }

  /** True when `ancestor` is `index` or one of its ancestors. */
  isAncestorOrSelf(ancestor: number, index: number): boolean {
    let lo = this.ancestorOffsets[index];
    let hi = this.ancestorOffsets[index + 1] - 1;
    const data = this.ancestorData;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = data[mid];
      if (v === ancestor) return true;
      if (v < ancestor) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /** Union of the ancestor closures of several terms (sorted ascending, unique). */
  ancestorUnion(indices: Iterable<number>): Int32Array {
    const set = new Set<number>();
    for (const i of indices) for (const a of this.ancestorsOf(i)) set.add(a);
    return Int32Array.from(set).sort();
  }
}

/** Normalises "HP_0000118" and lower-case prefixes to "HP:0000118". */
export function normalizeTermId(id: string): string {
  const trimmed = id.trim();
  const m = /^([A-Za-z]+)[:_](\d+)$/.exec(trimmed);
  return m ? `${m[1].toUpperCase()}:${m[2]}` : trimmed;
}

function computeClosure(terms: Term[]): { offsets: Int32Array; data: Int32Array } {
  const n = terms.length;
  const closures: (Int32Array | null)[] = new Array(n).fill(null);
  const state = new Uint8Array(n); // 0 new, 1 visiting, 2 done
  const visit = (start: number): void => {
    // iterative post-order DFS so deep ontologies cannot overflow the stack
    const stack: number[] = [start];
    while (stack.length > 0) {
      const t = stack[stack.length - 1];
      if (state[t] === 0) {
        state[t] = 1;
        for (const p of terms[t].parents) if (state[p] === 0) stack.push(p);
        continue;
      }
      stack.pop();
      if (state[t] === 2) continue;
      const set = new Set<number>([t]);
      for (const p of terms[t].parents) {
        const pc = closures[p];
        if (pc) for (const a of pc) set.add(a); // a cycle leaves pc null: the edge is ignored
      }
      closures[t] = Int32Array.from(set).sort();
      state[t] = 2;
    }
  };
  for (let i = 0; i < n; i++) if (state[i] === 0) visit(i);
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i] + (closures[i] as Int32Array).length;
  const data = new Int32Array(offsets[n]);
  for (let i = 0; i < n; i++) data.set(closures[i] as Int32Array, offsets[i]);
  return { offsets, data };
}
