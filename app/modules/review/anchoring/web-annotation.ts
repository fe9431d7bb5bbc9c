// Export of reviewer annotations as W3C Web Annotation JSON-LD (https://www.w3.org/TR/annotation-model/), one
// annotation or a paged AnnotationCollection. Pure: URLs come from the caller.
import { ANNOTATION_KINDS, type AnnotationKind } from "../../../../db/schema/enums";
import type { AnnotationSelectors } from "./selectors";

export const ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld";

export type Motivation = "commenting" | "questioning" | "assessing" | "editing";

/**
 * How our kinds map onto W3C motivations (the annotation's motivation, and the purpose of its note body):
 * - comment → commenting; question → questioning.
 * - required-change → assessing: the reviewer judges that the passage must change before acceptance, without
 *   proposing text (W3C: "assess the target resource in some way, rather than simply make a comment about it").
 * - suggested-edit → editing (W3C: "request a change or edit to the Target resource"); the proposed text is a second
 *   TextualBody whose purpose is `editing`, the note stays `commenting`.
 */
export const MOTIVATION_OF_KIND: Record<AnnotationKind, Motivation> = {
  comment: "commenting",
  question: "questioning",
  "required-change": "assessing",
  "suggested-edit": "editing",
};

/** The fields of an annotation row (db/schema/review.ts) that the export reads. */
export interface ExportableAnnotation {
  id: string;
  kind: AnnotationKind;
  body: string;
  suggestion?: string | null;
  selectors: AnnotationSelectors;
  createdAt: Date;
  updatedAt: Date;
}

export interface Agent {
  id: string;
  type: "Person" | "Organization" | "Software";
  name?: string;
}

export interface WebAnnotationOptions {
  /** The submission's URL; an annotation's id is `${submissionUrl}/annotations/${annotation.id}`. */
  submissionUrl: string;
  /** The version the selectors were made on, as the plain text the offsets count (see README). */
  versionUrl: string;
  creator?: Agent;
  /**
   * Blind review: the creator is left out, or, with `anonymousLabel` ("Reviewer 2"), replaced by an agent that has
   * that name and no id.
   */
  blind?: boolean;
  anonymousLabel?: string;
  /**
   * The version's plain text. W3C positions count Unicode code points, ours UTF-16 code units; with the text the
   * export converts them, without it they are exported as they are (the same unless the text has characters outside
   * the Basic Multilingual Plane, such as mathematical letters or emoji).
   */
  versionText?: string;
}

export interface TextualBody {
  type: "TextualBody";
  value: string;
  format: "text/plain";
  purpose: Motivation;
}

export interface WebAnnotationTarget {
  source: string;
  selector: [
    { type: "TextQuoteSelector"; exact: string; prefix: string; suffix: string },
    { type: "TextPositionSelector"; start: number; end: number },
  ];
}

export interface WebAnnotation {
  "@context"?: typeof ANNO_CONTEXT;
  id: string;
  type: "Annotation";
  motivation: Motivation;
  created: string;
  modified: string;
  creator?: Agent | { type: "Person"; name: string };
  body: TextualBody[];
  target: WebAnnotationTarget;
}

function codePointOffset(text: string, utf16Offset: number): number {
  let count = 0;
  for (let i = 0; i < utf16Offset; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < utf16Offset) i++;
    count++;
  }
  return count;
}

function creatorOf(options: WebAnnotationOptions): WebAnnotation["creator"] {
  if (!options.blind) return options.creator;
  return options.anonymousLabel ? { type: "Person", name: options.anonymousLabel } : undefined;
}

function annotationId(submissionUrl: string, id: string): string {
  return `${submissionUrl.replace(/\/+$/, "")}/annotations/${encodeURIComponent(id)}`;
}

/** One annotation as a standalone JSON-LD document. */
export function toWebAnnotation(annotation: ExportableAnnotation, options: WebAnnotationOptions): WebAnnotation {
  return { "@context": ANNO_CONTEXT, ...withoutContext(annotation, options) };
}

function withoutContext(annotation: ExportableAnnotation, options: WebAnnotationOptions): Omit<WebAnnotation, "@context"> {
  if (!ANNOTATION_KINDS.includes(annotation.kind)) throw new TypeError(`Unknown annotation kind "${String(annotation.kind)}"; use one of ${ANNOTATION_KINDS.join(", ")}.`);
  const motivation = MOTIVATION_OF_KIND[annotation.kind];
  const body: TextualBody[] = [{ type: "TextualBody", value: annotation.body, format: "text/plain", purpose: motivation === "editing" ? "commenting" : motivation }];
  if (annotation.kind === "suggested-edit" && annotation.suggestion) {
    body.push({ type: "TextualBody", value: annotation.suggestion, format: "text/plain", purpose: "editing" });
  }
  const { quote, position } = annotation.selectors;
  const offset = (n: number) => (options.versionText === undefined ? n : codePointOffset(options.versionText, n));
  const creator = creatorOf(options);
  return {
    id: annotationId(options.submissionUrl, annotation.id),
    type: "Annotation",
    motivation,
    created: annotation.createdAt.toISOString(),
    modified: annotation.updatedAt.toISOString(),
    ...(creator ? { creator } : {}),
    body,
    target: {
      source: options.versionUrl,
      selector: [
        { type: "TextQuoteSelector", exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix },
        { type: "TextPositionSelector", start: offset(position.start), end: offset(position.end) },
      ],
    },
  };
}

export interface AnnotationCollection {
  "@context": typeof ANNO_CONTEXT;
  id: string;
  type: "AnnotationCollection";
  label?: string;
  total: number;
  first?: string;
  last?: string;
}

export interface AnnotationPage {
  "@context": typeof ANNO_CONTEXT;
  id: string;
  type: "AnnotationPage";
  partOf: { id: string; total: number; label?: string };
  startIndex: number;
  next?: string;
  prev?: string;
  items: Array<Omit<WebAnnotation, "@context">>;
}

export interface CollectionOptions extends WebAnnotationOptions {
  /** Defaults to `${submissionUrl}/annotations`; page n (from 0) is `${collectionUrl}?page=n`. */
  collectionUrl?: string;
  label?: string;
  pageSize?: number;
}

/**
 * The annotations as an AnnotationCollection whose `first` and `last` name its pages, and the pages themselves (each
 * a JSON-LD document; the items inside inherit the page's @context). An empty collection has no pages.
 */
export function toAnnotationCollection(annotations: ExportableAnnotation[], options: CollectionOptions): { collection: AnnotationCollection; pages: AnnotationPage[] } {
  const pageSize = options.pageSize ?? 100;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`pageSize must be a positive integer (got ${pageSize}).`);
  const collectionUrl = options.collectionUrl ?? `${options.submissionUrl.replace(/\/+$/, "")}/annotations`;
  const pageUrl = (n: number) => `${collectionUrl}?page=${n}`;
  const pageCount = Math.ceil(annotations.length / pageSize);
  const label = options.label ? { label: options.label } : {};
  const collection: AnnotationCollection = {
    "@context": ANNO_CONTEXT,
    id: collectionUrl,
    type: "AnnotationCollection",
    ...label,
    total: annotations.length,
    ...(pageCount > 0 ? { first: pageUrl(0), last: pageUrl(pageCount - 1) } : {}),
  };
  const pages: AnnotationPage[] = [];
  for (let n = 0; n < pageCount; n++) {
    pages.push({
      "@context": ANNO_CONTEXT,
      id: pageUrl(n),
      type: "AnnotationPage",
      partOf: { id: collectionUrl, total: annotations.length, ...label },
      startIndex: n * pageSize,
      ...(n + 1 < pageCount ? { next: pageUrl(n + 1) } : {}),
      ...(n > 0 ? { prev: pageUrl(n - 1) } : {}),
      items: annotations.slice(n * pageSize, (n + 1) * pageSize).map((a) => withoutContext(a, options)),
    });
  }
  return { collection, pages };
}
