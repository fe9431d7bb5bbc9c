// Term picker search over labels and synonyms: prefix + token matching with a simple, explainable ranking.
import { normalizeTermId, type Ontology } from "./ontology";

export interface TermSearchHit {
  id: string;
  name: string;
  /** the label or synonym that matched best */
  matched: string;
  matchedField: "id" | "name" | "synonym";
  score: number;
}

interface Entry {
  term: number;
  text: string;
  norm: string;
  tokens: string[];
  field: "name" | "synonym";
}

export function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

export function tokenize(text: string): string[] {
  const n = normalizeText(text);
  return n ? n.split(" ") : [];
}

export class TermSearch {
  private readonly entries: Entry[] = [];
  /** sorted unique tokens and, for each, the entries containing it */
  private readonly vocabulary: string[];
  private readonly postings: Int32Array[];

  constructor(private readonly ontology: Ontology) {
    const tokenToEntries = new Map<string, number[]>();
    for (const term of ontology.terms) {
      if (term.obsolete) continue;
      const texts: Array<[string, "name" | "synonym"]> = [[term.name, "name"]];
      for (const s of term.synonyms) if (s.text !== term.name) texts.push([s.text, "synonym"]);
      for (const [text, field] of texts) {
        const tokens = tokenize(text);
        if (tokens.length === 0) continue;
        const e = this.entries.length;
        this.entries.push({ term: term.index, text, norm: tokens.join(" "), tokens, field });
        for (const tok of new Set(tokens)) {
          const list = tokenToEntries.get(tok);
          if (list) list.push(e);
          else tokenToEntries.set(tok, [e]);
        }
      }
    }
    this.vocabulary = [...tokenToEntries.keys()].sort();
    this.postings = this.vocabulary.map((t) => Int32Array.from(tokenToEntries.get(t) as number[]));
  }

  /** Entries having a token that starts with `prefix`. */
  private entriesWithPrefix(prefix: string): Set<number> {
    const vocab = this.vocabulary;
    let lo = 0;
    let hi = vocab.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (vocab[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out = new Set<number>();
    for (let i = lo; i < vocab.length && vocab[i].startsWith(prefix); i++) for (const e of this.postings[i]) out.add(e);
    return out;
  }

  /**
   * Ranked search. Every query token must prefix-match a token of the label/synonym. Ranking (higher first):
   * exact label, label starting with the query, all tokens matching whole words, then fewer extra words; names
   * beat synonyms; ties go to the shorter text then the id.
   */
  search(query: string, limit = 20): TermSearchHit[] {
    const trimmed = query.trim();
    if (!trimmed) return [];
    if (/^(hp[:_]?)?\d{7}$/i.test(trimmed)) {
      const id = normalizeTermId(`HP:${trimmed.slice(-7)}`);
      const r = this.ontology.resolve(id);
      return r.term ? [{ id: r.term.id, name: r.term.name, matched: id, matchedField: "id", score: 1000 }] : [];
    }
    const qTokens = tokenize(trimmed);
    if (qTokens.length === 0) return [];
    const qNorm = qTokens.join(" ");
    let candidates: Set<number> | null = null;
    for (const tok of [...new Set(qTokens)].sort((a, b) => b.length - a.length)) {
      const hits = this.entriesWithPrefix(tok);
      if (candidates === null) candidates = hits;
      else {
        const next = new Set<number>();
        for (const e of candidates) if (hits.has(e)) next.add(e);
        candidates = next;
      }
      if (candidates.size === 0) return [];
    }
    const best = new Map<number, TermSearchHit & { len: number }>();
    for (const e of candidates ?? []) {
      const entry = this.entries[e];
      let score = 0;
      if (entry.norm === qNorm) score += 100;
      else if (entry.norm.startsWith(qNorm)) score += 50;
      const wholeWords = qTokens.filter((t) => entry.tokens.includes(t)).length;
      score += 10 * (wholeWords / qTokens.length);
      if (entry.tokens[0]?.startsWith(qTokens[0])) score += 5;
      score -= Math.min(10, entry.tokens.length - qTokens.length);
      if (entry.field === "name") score += 3;
      const prev = best.get(entry.term);
      if (!prev || score > prev.score || (score === prev.score && entry.text.length < prev.len)) {
        const term = this.ontology.terms[entry.term];
        best.set(entry.term, { id: term.id, name: term.name, matched: entry.text, matchedField: entry.field, score, len: entry.text.length });
      }
    }
    return [...best.values()]
      .sort((a, b) => b.score - a.score || a.len - b.len || (a.id < b.id ? -1 : 1))
      .slice(0, limit)
      .map(({ len: _len, ...hit }) => hit);
  }
}
