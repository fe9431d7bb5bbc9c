import type { EngineName, Finding, ManuscriptText, Severity, TextBlock } from "./model";
import { quoteAt } from "./quote";

export interface FindingDraft {
  code: string;
  severity: Severity;
  message: string;
}

/** A finding anchored to text[start, end) of the manuscript. */
export function findingAt(manuscript: ManuscriptText, engine: EngineName, start: number, end: number, draft: FindingDraft): Finding {
  return { engine, ...draft, quote: quoteAt(manuscript.text, start, end) };
}

/** Runs a global regular expression over one block and yields matches with absolute offsets in the manuscript. */
export function* matchesInBlock(block: TextBlock, pattern: RegExp): Generator<{ match: RegExpMatchArray; start: number; end: number }> {
  for (const match of block.text.matchAll(pattern)) {
    const start = block.start + (match.index ?? 0);
    yield { match, start, end: start + match[0].length };
  }
}
