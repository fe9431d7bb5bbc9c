// Re-anchoring an annotation made on one version onto the text of another: the quote in its context, then the quote
// alone, then an approximate match of an edited quote, else an orphan that the caller keeps and shows. The rules lean
// towards orphans: an annotation shown apart is a nuisance, one shown on the wrong passage misleads.
import { approximateMatches, contextDistance, editDistance } from "./approximate-match";
import { selectorsFor, type AnnotationSelectors, type TextPosition, type TextQuote } from "./selectors";

/**
 * - `exact`: the quote is found with both context strings intact (offsets may shift with edits elsewhere).
 * - `moved`: the quote is found verbatim but its surroundings changed (the passage moved, or a neighbour was edited).
 * - `fuzzy`: the quote itself was edited; the range covers the closest match.
 * - `orphan`: no trustworthy match; the annotation is kept and shown apart.
 */
export type AnchorStatus = "exact" | "moved" | "fuzzy" | "orphan";

export interface AnchorResult {
  status: AnchorStatus;
  start?: number;
  end?: number;
  /** The text now covered, which differs from the quote when `status` is `fuzzy`. */
  exact?: string;
  /** Confidence in [0, 1]; for an orphan, that of the best candidate that was turned down (0 when there was none). */
  score: number;
  /** Fresh selectors on the new text, to store for the next round. */
  selectors?: AnnotationSelectors;
}

export interface ReanchorOptions {
  /**
   * The text the selectors were made on. Recommended: a candidate whose text and context were already in the old
   * version, away from the quote, is another passage (a near-duplicate sentence), never the quote edited or moved.
   */
  oldText?: string;
  /** Length of the old text (taken from `oldText` when given): scales the old position to the new text's length. */
  oldTextLength?: number;
}

/** An edited quote may differ from the new text by at most this share of its length. */
export const MAX_EDIT_RATE = 0.25;
/** Shorter quotes are never matched approximately: a short phrase near-matches too much of any manuscript. */
export const MIN_FUZZY_QUOTE_LENGTH = 16;
/** A quote at least this long, found verbatim, is distinctive enough to re-anchor without its context. */
export const DISTINCTIVE_QUOTE_LENGTH = 64;
/** Lowest combined score at which a candidate is used. */
export const MIN_SCORE = 0.6;
/**
 * The context beside a candidate vouches for it when it differs from the old context by at most this share; the
 * shorter the quote, the less evidence it carries itself and the more intact its context must be. A phrase of a few
 * words in a deleted paragraph often recurs elsewhere with nearly the same words around it.
 */
function maxContextEditRate(quoteLength: number): number {
  if (quoteLength < 8) return 0;
  return quoteLength < 32 ? 0.1 : 0.25;
}
/**
 * Quote and context together differ by at most this share: an edited quote needs an intact context. Stricter without
 * the old text, when near-duplicate passages (an abstract repeating the results) cannot be ruled out otherwise.
 */
const MAX_JOINT_EDIT_RATE = { withOldText: 0.2, withoutOldText: 0.15 };
/** Less context than this (a quote filling its block) is too little to vouch for a candidate. */
const MIN_VOUCHING_CONTEXT = 8;
/** With this score, a match found near the hint or beside the context is taken without scanning the whole text. */
const CONFIDENT_SCORE = 0.8;
/** Quotes longer than this are matched approximately only near their expected place (the full scan is O(k·n)). */
const MAX_FULL_SCAN_QUOTE_LENGTH = 1000;
const MAX_OCCURRENCES = 10_000;
/** Candidates checked against the old text before giving up (each check is a search of the old text). */
const MAX_OLD_TEXT_CHECKS = 20;

interface Candidate {
  start: number;
  end: number;
  quoteErrors: number;
  /** Share of the vouching context that differs (0: identical; 1: nothing in common). */
  contextEditRate: number;
  vouched: boolean;
  score: number;
}

function occurrences(text: string, needle: string, limit = MAX_OCCURRENCES): number[] {
  const found: number[] = [];
  if (needle.length === 0) return found;
  for (let i = text.indexOf(needle); i !== -1 && found.length < limit; i = text.indexOf(needle, i + 1)) found.push(i);
  return found;
}

/**
 * The context that can vouch for a candidate: the part of each context string inside the quote's own block (with the
 * line break that bounds it), as neighbouring blocks change places when a paragraph is moved or deleted, and a
 * paragraph's ending often repeats elsewhere ("…was not statistically significant (p = 0.27).\nDiscussion"). A quote
 * that fills its block has no such context; its neighbours are used instead.
 */
function vouchingContext(quote: TextQuote): { prefix: string; suffix: string } {
  const lineBreakBefore = quote.prefix.lastIndexOf("\n");
  const lineBreakAfter = quote.suffix.indexOf("\n");
  const prefix = lineBreakBefore === -1 ? quote.prefix : quote.prefix.slice(lineBreakBefore);
  const suffix = lineBreakAfter === -1 ? quote.suffix : quote.suffix.slice(0, lineBreakAfter + 1);
  return prefix.length + suffix.length >= MIN_VOUCHING_CONTEXT ? { prefix, suffix } : { prefix: quote.prefix, suffix: quote.suffix };
}

class Scorer {
  private readonly context: { prefix: string; suffix: string };

  constructor(
    private readonly quote: TextQuote,
    private readonly text: string,
    private readonly hint: number,
    private readonly maxJointEditRate: number,
  ) {
    this.context = vouchingContext(quote);
  }

  candidate(start: number, end: number, quoteErrors: number): Candidate {
    const { prefix, suffix } = this.context;
    const m = this.quote.exact.length;
    const contextLength = prefix.length + suffix.length;
    const contextErrors = contextDistance(prefix, this.text, start, "before") + contextDistance(suffix, this.text, end, "after");
    const contextEditRate = contextLength === 0 ? 1 : Math.min(1, contextErrors / contextLength);
    const vouched =
      contextLength >= MIN_VOUCHING_CONTEXT &&
      contextEditRate <= maxContextEditRate(m) &&
      (quoteErrors + contextErrors) / (m + contextLength) <= this.maxJointEditRate;
    const quoteSimilarity = 1 - quoteErrors / Math.max(m, end - start);
    const closeness = 1 - Math.min(1, Math.abs(start - this.hint) / Math.max(1, this.text.length));
    const score = 0.6 * quoteSimilarity + 0.3 * (1 - contextEditRate) + 0.1 * closeness;
    return { start, end, quoteErrors, contextEditRate, vouched, score };
  }

  /** Worth using: vouched for by its context, or a distinctive quote found verbatim. */
  acceptable(candidate: Candidate): boolean {
    const distinctive = this.quote.exact.length >= DISTINCTIVE_QUOTE_LENGTH && candidate.quoteErrors === 0;
    return (candidate.vouched || distinctive) && candidate.score >= MIN_SCORE;
  }
}

/**
 * False when the candidate, with the context beside it, was already in the old text at a place that does not overlap
 * the quote: then it is another passage that was there all along, not the quote moved or edited.
 */
function isNotAnotherPassage(candidate: Candidate, quote: TextQuote, position: TextPosition, newText: string, oldText: string): boolean {
  const { prefix, suffix } = vouchingContext(quote);
  const from = Math.max(0, candidate.start - prefix.length);
  const to = Math.min(newText.length, candidate.end + suffix.length);
  const offset = candidate.start - from;
  const length = candidate.end - candidate.start;
  return occurrences(oldText, newText.slice(from, to)).every((p) => p + offset < position.end && p + offset + length > position.start);
}

const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}_]/u.test(ch);

/** Widens an approximate range that cuts a word where the original quote began or ended on a word boundary. */
function snapToWords(quote: TextQuote, text: string, start: number, end: number): [number, number] {
  const startedOnBoundary = !isWordChar(quote.prefix.at(-1)) || !isWordChar(quote.exact[0]);
  const endedOnBoundary = !isWordChar(quote.exact.at(-1)) || !isWordChar(quote.suffix[0]);
  let s = start;
  let e = end;
  for (let steps = 0; startedOnBoundary && steps < 16 && isWordChar(text[s - 1]) && isWordChar(text[s]); steps++) s--;
  for (let steps = 0; endedOnBoundary && steps < 16 && isWordChar(text[e - 1]) && isWordChar(text[e]); steps++) e++;
  return [s, e];
}

function mergeWindows(windows: Array<[number, number]>, length: number): Array<[number, number]> {
  const clamped = windows.map(([a, b]) => [Math.max(0, a), Math.min(length, b)] as [number, number]).filter(([a, b]) => b > a);
  clamped.sort((x, y) => x[0] - y[0]);
  const merged: Array<[number, number]> = [];
  for (const w of clamped) {
    const last = merged.at(-1);
    if (last && w[0] <= last[1]) last[1] = Math.max(last[1], w[1]);
    else merged.push([...w]);
  }
  return merged;
}

function fuzzyCandidates(quote: TextQuote, text: string, windows: Array<[number, number]>, scorer: Scorer, limit: number): Candidate[] {
  const maxErrors = Math.floor(quote.exact.length * MAX_EDIT_RATE);
  const found: Candidate[] = [];
  for (const [from, to] of windows) {
    for (const match of approximateMatches(text, quote.exact, maxErrors, { from, to, limit })) {
      const [start, end] = snapToWords(quote, text, match.start, match.end);
      const errors = start === match.start && end === match.end ? match.errors : editDistance(quote.exact, text.slice(start, end));
      found.push(scorer.candidate(start, end, errors));
    }
  }
  return found;
}

/** Where the quote should start in the new text if nothing moved: the old start, scaled by the change in length. */
function positionHint(position: TextPosition, newLength: number, oldLength: number | undefined): number {
  const scaled = oldLength && oldLength > 0 ? (position.start * newLength) / oldLength : position.start;
  return Math.round(Math.min(Math.max(0, scaled), newLength));
}

function anchored(status: Exclude<AnchorStatus, "orphan">, text: string, start: number, end: number, score: number): AnchorResult {
  return { status, start, end, exact: text.slice(start, end), score: round(score), selectors: selectorsFor(text, start, end) };
}

const round = (score: number) => Math.round(score * 1000) / 1000;

/** Finds the annotated passage in `newText`, or reports it as an orphan. */
export function reanchor(selectors: AnnotationSelectors, newText: string, options: ReanchorOptions = {}): AnchorResult {
  const { quote, position } = selectors;
  if (options.oldText !== undefined && options.oldText.slice(position.start, position.end) !== quote.exact) {
    throw new RangeError(`oldText is not the text these selectors were made on (it does not hold the quote at [${position.start}, ${position.end})); pass the annotated version's plain text.`);
  }
  if (quote.exact.length === 0 || newText.length === 0) return { status: "orphan", score: 0 };
  const hint = positionHint(position, newText.length, options.oldText?.length ?? options.oldTextLength);
  const scorer = new Scorer(quote, newText, hint, options.oldText === undefined ? MAX_JOINT_EDIT_RATE.withoutOldText : MAX_JOINT_EDIT_RATE.withOldText);
  const m = quote.exact.length;

  // (a) The quote in its full context; an empty context pins the quote to that end of the text.
  const inContext = occurrences(newText, quote.prefix + quote.exact + quote.suffix)
    .map((i) => i + quote.prefix.length)
    .filter((start) => (quote.prefix !== "" || start === 0) && (quote.suffix !== "" || start + m === newText.length));
  if (inContext.length > 0) {
    const start = inContext.reduce((a, b) => (Math.abs(b - hint) < Math.abs(a - hint) ? b : a));
    return anchored("exact", newText, start, start + m, 1);
  }

  const seen = new Map<string, Candidate>();
  const consider = (candidates: Candidate[]) => {
    for (const c of candidates) if (!seen.has(`${c.start}:${c.end}`)) seen.set(`${c.start}:${c.end}`, c);
  };
  /** The best acceptable candidate seen so far that is not another passage of the old text. */
  const choose = (): Candidate | null => {
    const ranked = [...seen.values()].filter((c) => scorer.acceptable(c)).sort((a, b) => b.score - a.score);
    const { oldText } = options;
    if (oldText === undefined) return ranked[0] ?? null;
    return ranked.slice(0, MAX_OLD_TEXT_CHECKS).find((c) => isNotAnotherPassage(c, quote, position, newText, oldText)) ?? null;
  };

  // (b) The quote verbatim, among several occurrences the one whose context and place fit best.
  consider(occurrences(newText, quote.exact).map((start) => scorer.candidate(start, start + m, 0)));
  const verbatim = choose();
  if (verbatim?.vouched) return fromCandidate(newText, verbatim);

  // (c) The quote edited: near its old place and beside its old context first, then anywhere.
  if (m >= MIN_FUZZY_QUOTE_LENGTH) {
    const slack = Math.floor(m * MAX_EDIT_RATE);
    const reach = Math.max(1000, 4 * m);
    const windows: Array<[number, number]> = [[hint - reach, hint + m + reach]];
    if (quote.prefix.length >= MIN_VOUCHING_CONTEXT) {
      for (const p of occurrences(newText, quote.prefix, 20)) windows.push([p + quote.prefix.length - slack, p + quote.prefix.length + m + 2 * slack]);
    }
    if (quote.suffix.length >= MIN_VOUCHING_CONTEXT) {
      for (const s of occurrences(newText, quote.suffix, 20)) windows.push([s - m - 2 * slack, s + slack]);
    }
    consider(fuzzyCandidates(quote, newText, mergeWindows(windows, newText.length), scorer, 64));
    const nearby = choose();
    if (nearby && nearby.score >= CONFIDENT_SCORE) return fromCandidate(newText, nearby);
    if (m <= MAX_FULL_SCAN_QUOTE_LENGTH) consider(fuzzyCandidates(quote, newText, [[0, newText.length]], scorer, 256));
  }
  const chosen = choose();
  if (chosen) return fromCandidate(newText, chosen);
  const bestRejected = Math.max(0, ...[...seen.values()].map((c) => c.score));
  return { status: "orphan", score: round(bestRejected) };
}

function fromCandidate(text: string, candidate: Candidate): AnchorResult {
  return anchored(candidate.quoteErrors === 0 ? "moved" : "fuzzy", text, candidate.start, candidate.end, candidate.score);
}
