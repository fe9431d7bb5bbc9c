// Splits a manuscript into spans that fit one request: whole sections where they fit, blocks where a section does not,
// sentences where a block does not. Each chunk is an exact slice of the full text, so quotes found in it are quotes of
// the manuscript; the headings above a chunk are repeated for orientation.
import { type ManuscriptText, type TextBlock, sectionKind } from "../model";

/** A rough estimate that errs on the large side for English prose (OpenAI's rule of thumb: ~4 characters a token). */
export const CHARS_PER_TOKEN = 4;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

export interface ManuscriptChunk {
  index: number;
  /** The span of the full text this chunk covers: `text === manuscript.text.slice(start, end)`. */
  start: number;
  end: number;
  text: string;
  /** Headings above the chunk, repeated for orientation: the title and the section the chunk starts in. */
  contextHeadings: string[];
}

interface Unit {
  start: number;
  end: number;
  isHeading: boolean;
  section: string;
  /** Left-out blocks (the reference list) lie between this unit and the one before: no chunk may span them. */
  afterGap: boolean;
}

const SENTENCE_END = /[.!?]["'”’)\]]*\s+/g;

/** Cuts text[from, to) into pieces of at most maxChars, at sentence ends where possible, else at whitespace. */
function splitLongBlock(block: TextBlock, maxChars: number): Array<[number, number]> {
  const text = block.text;
  const pieces: Array<[number, number]> = [];
  let from = text.length - text.trimStart().length;
  const to = text.trimEnd().length;
  while (to - from > maxChars) {
    const window = text.slice(from, from + maxChars);
    let cut = 0;
    for (const match of window.matchAll(SENTENCE_END)) cut = (match.index ?? 0) + match[0].length;
    if (cut < maxChars / 2) {
      const space = window.lastIndexOf(" ");
      cut = space > maxChars / 2 ? space + 1 : maxChars;
    }
    const piece = text.slice(from, from + cut);
    pieces.push([block.start + from, block.start + from + piece.trimEnd().length]);
    from += cut;
    while (from < to && /\s/.test(text[from])) from++;
  }
  if (to > from) pieces.push([block.start + from, block.start + to]);
  return pieces;
}

function unitsOf(blocks: TextBlock[], included: (block: TextBlock) => boolean, maxChars: number): Unit[] {
  const units: Unit[] = [];
  let gap = false;
  for (const block of blocks) {
    if (!included(block)) {
      gap = units.length > 0;
      continue;
    }
    if (block.text.trim() === "") continue;
    const base = { isHeading: block.type === "heading", section: block.section };
    const spans: Array<[number, number]> = block.end - block.start <= maxChars ? [[block.start, block.end]] : splitLongBlock(block, maxChars);
    for (const [start, end] of spans) {
      units.push({ start, end, ...base, afterGap: gap });
      gap = false;
    }
  }
  return units;
}

/**
 * Chunks of the manuscript whose text fits `maxTokens` (estimated). With `excludeReferences`, the reference list is
 * left out (the caller sends it with every chunk instead).
 */
export function chunkManuscript(manuscript: ManuscriptText, options: { maxTokens: number; excludeReferences: boolean }): ManuscriptChunk[] {
  const maxChars = Math.max(1, options.maxTokens * CHARS_PER_TOKEN);
  const isReferenceList = (b: TextBlock) => b.type === "reference" || (b.type === "heading" && sectionKind(b.text) === "references");
  const units = unitsOf(manuscript.blocks, (b) => !(options.excludeReferences && isReferenceList(b)), maxChars);

  const sections: Unit[][] = [];
  for (const unit of units) {
    if (unit.isHeading || unit.afterGap || sections.length === 0) sections.push([unit]);
    else sections[sections.length - 1].push(unit);
  }

  const groups: Unit[][] = [];
  let current: Unit[] = [];
  const flush = () => {
    if (current.length > 0) groups.push(current);
    current = [];
  };
  const fits = (first: Unit, last: Unit) => last.end - first.start <= maxChars;
  for (const section of sections) {
    if (current.length > 0 && !section[0].afterGap && fits(current[0], section[section.length - 1])) {
      current.push(...section);
      continue;
    }
    flush();
    if (fits(section[0], section[section.length - 1])) {
      current = [...section];
      continue;
    }
    for (const unit of section) {
      if (current.length > 0 && !fits(current[0], unit)) flush();
      current.push(unit);
    }
  }
  flush();

  const titleBlock = manuscript.blocks.find((b) => b.text.trim() !== "");
  const title = titleBlock?.type === "heading" ? titleBlock.text.trim() : null;
  return groups.map((group, index) => {
    const start = group[0].start;
    const end = group[group.length - 1].end;
    const contextHeadings: string[] = [];
    if (title && titleBlock && titleBlock.start < start) contextHeadings.push(title);
    const section = group[0].section;
    if (section && !group[0].isHeading && section !== title) contextHeadings.push(section);
    return { index, start, end, text: manuscript.text.slice(start, end), contextHeadings };
  });
}
