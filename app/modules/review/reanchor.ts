import type { AnchorState, TextSelectors } from "../../../db/schema/review";
import { reanchor } from "./anchoring/reanchor";

/** Places an annotation made on an earlier version onto the text of round `round` (exact, moved, fuzzy or orphan). */
export function reanchorSelectors(selectors: TextSelectors, newText: string, round: number, oldText?: string): AnchorState {
  // With the annotated version's text, context is judged within the quote's own paragraph (fewer false placements).
  const result = reanchor(selectors, newText, oldText !== undefined && oldText.slice(selectors.position.start, selectors.position.end) === selectors.quote.exact ? { oldText } : {});
  if (result.status === "orphan" || result.start === undefined || result.end === undefined) return { round, status: "orphan" };
  return { round, status: result.status, start: result.start, end: result.end, exact: newText.slice(result.start, result.end) };
}
