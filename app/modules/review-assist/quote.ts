// One way to anchor and verify quotes, shared by the deterministic engines and the LLM assistant (which uses
// `anchorQuote` + `verifyQuote` to drop quotes that are not in the manuscript).
import type { Quote } from "./model";

export const CONTEXT_LENGTH = 32;

/** Builds the quote of text[start, end) with up to 32 characters of context either side. */
export function quoteAt(text: string, start: number, end: number): Quote {
  if (start < 0 || end > text.length || start >= end) {
    throw new RangeError(`quote range [${start}, ${end}) is outside the text (length ${text.length}) or empty`);
  }
  return {
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
    suffix: text.slice(end, Math.min(text.length, end + CONTEXT_LENGTH)),
    start,
    end,
  };
}

/** True when the quote's position, exact text and context all agree with the text. */
export function verifyQuote(text: string, quote: Quote): boolean {
  const { exact, prefix, suffix, start, end } = quote;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start >= end) return false;
  if (exact.length === 0 || text.slice(start, end) !== exact) return false;
  if (prefix.length > CONTEXT_LENGTH || suffix.length > CONTEXT_LENGTH) return false;
  return text.slice(start - prefix.length, start) === prefix && text.slice(end, end + suffix.length) === suffix;
}

const QUOTE_CHARS: Record<string, string> = {
  "'": "['‘’]",
  "‘": "['‘’]",
  "’": "['‘’]",
  '"': '["“”]',
  "“": '["“”]',
  "”": '["“”]',
  "-": "[-‐‑–—−]",
  "–": "[-‐‑–—−]",
  "—": "[-‐‑–—−]",
  "−": "[-‐‑–—−]",
};

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A pattern that tolerates the differences a copy of the text typically has: whitespace runs, curly quotes, dashes. */
function lenientPattern(exact: string): RegExp {
  let source = "";
  for (const part of exact.trim().split(/(\s+)/)) {
    if (part === "") continue;
    if (/^\s+$/.test(part)) {
      source += "\\s+";
      continue;
    }
    for (const ch of part) source += QUOTE_CHARS[ch] ?? escapeRegExp(ch);
  }
  return new RegExp(source, "g");
}

function nearest(starts: number[], hintStart: number | undefined): number {
  if (hintStart === undefined) return starts[0];
  return starts.reduce((best, s) => (Math.abs(s - hintStart) < Math.abs(best - hintStart) ? s : best), starts[0]);
}

/**
 * Finds `exact` in the text and returns a verified quote, or null when it is not there (a hallucinated quote).
 * Exact matches win; otherwise whitespace, quote marks and dashes may differ, and the quote returned holds the text as
 * it is in the manuscript. With several matches the one nearest `hintStart` is chosen.
 */
export function anchorQuote(text: string, exact: string, hintStart?: number): Quote | null {
  if (exact.trim() === "") return null;
  const starts: number[] = [];
  for (let i = text.indexOf(exact); i !== -1; i = text.indexOf(exact, i + 1)) starts.push(i);
  if (starts.length > 0) {
    const start = nearest(starts, hintStart);
    return quoteAt(text, start, start + exact.length);
  }
  const matches = [...text.matchAll(lenientPattern(exact))];
  if (matches.length === 0) return null;
  const byStart = new Map(matches.map((m) => [m.index ?? 0, m[0].length]));
  const start = nearest([...byStart.keys()], hintStart);
  return quoteAt(text, start, start + (byStart.get(start) ?? 0));
}
