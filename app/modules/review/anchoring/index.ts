// Annotation anchoring for peer review: W3C selectors on a version's plain text, re-anchoring onto later versions,
// Yjs relative ranges on the live draft, and W3C Web Annotation export. Pure: no database, no framework.
export { CONTEXT_LENGTH, selectorsFor, type AnnotationSelectors, type TextPosition, type TextQuote } from "./selectors";
export { DISTINCTIVE_QUOTE_LENGTH, MAX_EDIT_RATE, MIN_FUZZY_QUOTE_LENGTH, MIN_SCORE, reanchor, type AnchorResult, type AnchorStatus, type ReanchorOptions } from "./reanchor";
export { approximateMatches, contextDistance, editDistance, type ApproximateMatch } from "./approximate-match";
export { absoluteRangeOf, DraftTextMap, relativeRangeFor, relativeRangeSchema, type RelativeRange, type TextRange } from "./yjs-positions";
export {
  ANNO_CONTEXT,
  MOTIVATION_OF_KIND,
  toAnnotationCollection,
  toWebAnnotation,
  type AnnotationCollection,
  type AnnotationPage,
  type CollectionOptions,
  type ExportableAnnotation,
  type WebAnnotation,
  type WebAnnotationOptions,
} from "./web-annotation";
export { validateAnnotationCollection, validateAnnotationPage, validateWebAnnotation, webAnnotationSchema, type ValidationResult } from "./web-annotation-schema";
