// W3C Web Annotation text selectors over a version's plain text (`plainTextOf`): a TextQuoteSelector (the quote and up
// to 32 characters of context either side) and a TextPositionSelector (UTF-16 offsets, as JavaScript strings count).
// The stored shape is `TextSelectors` of db/schema/review.ts; the `type` fields are added only on export.

/** Characters of context kept either side of a quote (the same as review-assist's quotes). */
export const CONTEXT_LENGTH = 32;

export interface TextQuote {
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextPosition {
  start: number;
  end: number;
}

export interface AnnotationSelectors {
  quote: TextQuote;
  position: TextPosition;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** True when `offset` falls between the two halves of a surrogate pair (inside one character). */
function splitsCharacter(text: string, offset: number): boolean {
  return offset > 0 && offset < text.length && isHighSurrogate(text.charCodeAt(offset - 1)) && isLowSurrogate(text.charCodeAt(offset));
}

/** The selectors of text[start, end). Context never starts or ends inside a surrogate pair. */
export function selectorsFor(text: string, start: number, end: number): AnnotationSelectors {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start >= end) {
    throw new RangeError(`Annotation range [${start}, ${end}) is empty or outside the text (length ${text.length}); select at least one character of the text.`);
  }
  if (splitsCharacter(text, start) || splitsCharacter(text, end)) {
    throw new RangeError(`Annotation range [${start}, ${end}) cuts a character in two; move the range to a character boundary.`);
  }
  let prefixStart = Math.max(0, start - CONTEXT_LENGTH);
  if (splitsCharacter(text, prefixStart)) prefixStart += 1;
  let suffixEnd = Math.min(text.length, end + CONTEXT_LENGTH);
  if (splitsCharacter(text, suffixEnd)) suffixEnd -= 1;
  return {
    quote: { exact: text.slice(start, end), prefix: text.slice(prefixStart, start), suffix: text.slice(end, suffixEnd) },
    position: { start, end },
  };
}
