import type { IdentifierHit } from "./model";

/** Replaces each hit by its suggestion. Hits must come from the same text; overlapping hits keep the first. */
export function redact(text: string, hits: IdentifierHit[]): string {
  let out = "";
  let cursor = 0;
  for (const hit of [...hits].sort((a, b) => a.start - b.start)) {
    if (hit.start < cursor) continue;
    if (text.slice(hit.start, hit.end) !== hit.text) {
      throw new Error(`identifier "${hit.text}" is not at ${hit.start}–${hit.end} of this text; find identifiers in the text you redact`);
    }
    out += text.slice(cursor, hit.start) + hit.suggestion;
    cursor = hit.end;
  }
  return out + text.slice(cursor);
}
