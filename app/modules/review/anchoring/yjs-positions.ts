// Annotation ranges on the live draft: plain-text offsets (as `plainTextOf` of the manuscripts module computes them,
// one trimmed line per block joined by "\n") mapped to Yjs relative positions, which follow the text through
// concurrent edits. The walk below mirrors `plainTextOf` over the Y.XmlFragment that y-prosemirror / TipTap keep
// (XmlElement per node, XmlText per run of text); yjs-positions.test.ts checks that both give the same text.
import * as Y from "yjs";
import { z } from "zod";

/** A range on the draft, JSON-serialisable for storage: each end is a base64 `Y.encodeRelativePosition`. */
export interface RelativeRange {
  fragment: string;
  start: string;
  end: string;
}

export interface TextRange {
  start: number;
  end: number;
}

const base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, "Expected a base64-encoded Yjs relative position");
export const relativeRangeSchema = z.object({ fragment: z.string().min(1), start: base64, end: base64 });

/** Block nodes that end a line of plain text: the set `plainTextOf` uses. */
const LINE_BLOCKS = new Set(["paragraph", "heading", "listItem", "tableCell", "tableHeader", "blockquote", "codeBlock", "figure", "blockMath"]);

/** The text a node contributes by itself (atoms carry it in attributes), as `plainTextOf` renders it. */
function ownText(element: Y.XmlElement): string {
  const attrs = element.getAttributes() as Record<string, unknown>;
  switch (element.nodeName) {
    case "hardBreak":
      return " ";
    case "inlineMath":
      return `$${String(attrs.latex ?? "")}$`;
    case "footnote":
      return `[${String(attrs.text ?? "")}]`;
    case "citation":
      return String(attrs.label ?? "");
    case "figure":
      return `Figure: ${String(attrs.caption ?? "")}`;
    default:
      return "";
  }
}

type Container = Y.XmlFragment | Y.XmlElement;

/** Where a line landed in the text: raw offsets in the line (before trimming) resolve through it. */
interface Line {
  base: number;
  lead: number;
  length: number;
}

/** A run of characters of one XmlText (y indices [yStart, yStart + length)). */
interface TextPiece {
  kind: "text";
  type: Y.XmlText;
  yStart: number;
  rawStart: number;
  length: number;
  line?: Line;
}

/** A node whose text comes from its attributes (a hard break, a citation, inline maths, a figure). */
interface AtomPiece {
  kind: "atom";
  parent: Container;
  index: number;
  rawStart: number;
  length: number;
  line?: Line;
}

type Piece = TextPiece | AtomPiece;

/** The raw offset before child `index` of a container. */
interface Boundary {
  raw: number;
  line?: Line;
}

/** The index in its XmlText of the character at text offset `offset` of a visible text piece. */
function yIndexOf(piece: TextPiece, offset: number): number {
  const line = piece.line as Line;
  return piece.yStart + (offset - line.base + line.lead - piece.rawStart);
}

function resolve(raw: number, line: Line | undefined, textLength: number): number {
  if (!line) return textLength;
  return line.base + Math.min(Math.max(raw - line.lead, 0), line.length);
}

/** The plain text of a Y.XmlFragment and the map between its offsets and the fragment's types. */
export class DraftTextMap {
  readonly text: string;
  private readonly pieces: Piece[] = [];
  private readonly textPieces = new Map<Y.XmlText, TextPiece[]>();
  private readonly boundaries = new Map<Container, Boundary[]>();
  /** Pieces that own at least one character of `text`, in text order. */
  private readonly visible: Array<{ piece: Piece; start: number; end: number }>;

  constructor(fragment: Y.XmlFragment) {
    const lines: string[] = [];
    let length = 0;
    let current = "";
    let pending: Array<Piece | Boundary> = [];
    const pushLine = () => {
      const trimmed = current.trim();
      const line: Line = { base: length + (lines.length > 0 ? 1 : 0), lead: current.length - current.trimStart().length, length: trimmed.length };
      for (const p of pending) p.line = line;
      lines.push(trimmed);
      length = line.base + trimmed.length;
      current = "";
      pending = [];
    };
    // A block with only whitespace adds no line; what it held resolves to where the next line starts.
    const discardBlock = () => {
      for (const p of pending) {
        if ("kind" in p) {
          p.rawStart = 0;
          p.length = 0;
        } else p.raw = 0;
      }
      current = "";
    };
    const mark = (): Boundary => {
      const boundary: Boundary = { raw: current.length };
      pending.push(boundary);
      return boundary;
    };
    const addText = (type: Y.XmlText) => {
      const pieces: TextPiece[] = [];
      let yIndex = 0;
      for (const op of type.toDelta() as Array<{ insert: unknown }>) {
        // y-prosemirror keeps only strings in an XmlText; an embed would still take one index.
        if (typeof op.insert === "string") {
          pieces.push({ kind: "text", type, yStart: yIndex, rawStart: current.length, length: op.insert.length });
          current += op.insert;
        }
        yIndex += typeof op.insert === "string" ? op.insert.length : 1;
      }
      // An emptied XmlText still resolves positions (to where its text was).
      if (pieces.length === 0) pieces.push({ kind: "text", type, yStart: 0, rawStart: current.length, length: 0 });
      this.textPieces.set(type, pieces);
      this.pieces.push(...pieces);
      pending.push(...pieces);
    };
    const walk = (container: Container) => {
      const children = container.toArray();
      const marks: Boundary[] = [];
      this.boundaries.set(container, marks);
      children.forEach((child, index) => {
        marks.push(mark());
        if (child instanceof Y.XmlText) addText(child);
        else if (child instanceof Y.XmlElement) {
          const own = ownText(child);
          if (own !== "") {
            const atom: AtomPiece = { kind: "atom", parent: container, index, rawStart: current.length, length: own.length };
            this.pieces.push(atom);
            pending.push(atom);
            current += own;
          }
          walk(child);
          if (LINE_BLOCKS.has(child.nodeName)) {
            if (current.trim() !== "") pushLine();
            else discardBlock();
          }
        }
      });
      marks.push(mark());
    };
    walk(fragment);
    if (current.trim() !== "") pushLine();
    this.text = lines.join("\n");
    this.visible = this.pieces
      .map((piece) => ({ piece, start: resolve(piece.rawStart, piece.line, this.text.length), end: resolve(piece.rawStart + piece.length, piece.line, this.text.length) }))
      .filter((v) => v.end > v.start);
  }

  /** The Y position of the first character in [offset, limit) (a range start), or null when there is none. */
  startPosition(offset: number, limit: number): Y.RelativePosition | null {
    const found = this.visible.find((v) => v.end > offset);
    if (!found || found.start >= limit) return null;
    const { piece, start } = found;
    if (piece.kind === "atom") return Y.createRelativePositionFromTypeIndex(piece.parent, piece.index, 0);
    return Y.createRelativePositionFromTypeIndex(piece.type, yIndexOf(piece, Math.max(offset, start)), 0);
  }

  /** The Y position just after the last character before `offset` (a range end), or null before the first one. */
  endPosition(offset: number): Y.RelativePosition | null {
    let found: (typeof this.visible)[number] | undefined;
    for (const v of this.visible) {
      if (v.start >= offset) break;
      found = v;
    }
    if (!found) return null;
    const { piece, end } = found;
    if (piece.kind === "atom") return Y.createRelativePositionFromTypeIndex(piece.parent, piece.index + 1, -1);
    return Y.createRelativePositionFromTypeIndex(piece.type, yIndexOf(piece, Math.min(offset, end)), -1);
  }

  /** The text offset of an absolute Yjs position, or null when its type is not (or no longer) in the fragment. */
  offsetOf(type: Y.AbstractType<unknown>, index: number): number | null {
    if (type instanceof Y.XmlText) {
      const pieces = this.textPieces.get(type);
      if (!pieces) return null;
      const piece = pieces.find((p) => index <= p.yStart + p.length) ?? pieces[pieces.length - 1];
      const raw = piece.rawStart + Math.min(Math.max(index - piece.yStart, 0), piece.length);
      return resolve(raw, piece.line, this.text.length);
    }
    if (type instanceof Y.XmlElement || type instanceof Y.XmlFragment) {
      const boundary = this.boundaries.get(type)?.[index];
      return boundary ? resolve(boundary.raw, boundary.line, this.text.length) : null;
    }
    return null;
  }
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));
}

/**
 * The draft range covering text[textStart, textEnd) of the fragment's plain text. The start follows the first covered
 * character and the end the last one, so text typed at either edge stays outside. A range that starts or ends inside
 * an atom (a citation label, inline maths) covers the whole atom.
 */
export function relativeRangeFor(ydoc: Y.Doc, fragmentName: string, textStart: number, textEnd: number): RelativeRange {
  const map = new DraftTextMap(ydoc.getXmlFragment(fragmentName));
  if (!Number.isInteger(textStart) || !Number.isInteger(textEnd) || textStart < 0 || textEnd > map.text.length || textStart >= textEnd) {
    throw new RangeError(`Range [${textStart}, ${textEnd}) is empty or outside the draft's text (length ${map.text.length}); select at least one character.`);
  }
  const start = map.startPosition(textStart, textEnd);
  const end = map.endPosition(textEnd);
  if (!start || !end) {
    throw new RangeError(`Range [${textStart}, ${textEnd}) covers only line breaks between blocks; select some text.`);
  }
  return { fragment: fragmentName, start: toBase64(Y.encodeRelativePosition(start)), end: toBase64(Y.encodeRelativePosition(end)) };
}

/**
 * Where a stored range is now in the draft's plain text, or null when its text was deleted (the range collapsed, or
 * the block holding an end was removed).
 */
export function absoluteRangeOf(ydoc: Y.Doc, range: RelativeRange): TextRange | null {
  const parsed = relativeRangeSchema.safeParse(range);
  if (!parsed.success) throw new TypeError(`Not a stored draft range: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  const map = new DraftTextMap(ydoc.getXmlFragment(parsed.data.fragment));
  const offset = (encoded: string) => {
    const absolute = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(fromBase64(encoded)), ydoc);
    return absolute ? map.offsetOf(absolute.type, absolute.index) : null;
  };
  const start = offset(parsed.data.start);
  const end = offset(parsed.data.end);
  if (start === null || end === null || start >= end) return null;
  return { start, end };
}
