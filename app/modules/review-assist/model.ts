// Types shared by every deterministic engine and the UI: the manuscript as plain text with block offsets, and findings
// anchored to an exact quote of that text (W3C TextQuoteSelector + TextPositionSelector semantics).
import { z } from "zod";

export const articleTypes = [
  "original-research",
  "case-report",
  "randomised-trial",
  "observational-study",
  "systematic-review",
  "review",
  "editorial",
  "letter",
] as const;
export type ArticleType = (typeof articleTypes)[number];

export type BlockType = "heading" | "paragraph" | "list-item" | "table-row" | "blockquote" | "reference" | "caption" | "code";

export interface BlockInput {
  id: string;
  type: BlockType;
  text: string;
  level?: number;
}

/** A block of the manuscript and where it sits in `ManuscriptText.text`. */
export interface TextBlock extends BlockInput {
  start: number;
  end: number;
  /** Text of the nearest heading above the block ("" before the first heading). */
  section: string;
}

export interface ManuscriptText {
  text: string;
  blocks: TextBlock[];
  articleType: ArticleType;
}

export type Severity = "info" | "warning" | "error";
export type EngineName = "statistics" | "reporting" | "references" | "identifiers";

/** The plain-blocks input a route or job may receive instead of ProseMirror JSON. */
export const manuscriptInputSchema = z.object({
  articleType: z.enum(articleTypes),
  blocks: z.array(
    z.object({
      id: z.string().min(1),
      type: z.enum(["heading", "paragraph", "list-item", "table-row", "blockquote", "reference", "caption", "code"]),
      text: z.string(),
      level: z.number().int().min(1).max(6).optional(),
    }),
  ),
});

export const quoteSchema = z.object({
  exact: z.string().min(1),
  prefix: z.string().max(32),
  suffix: z.string().max(32),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type Quote = z.infer<typeof quoteSchema>;

export const findingSchema = z.object({
  engine: z.enum(["statistics", "reporting", "references", "identifiers"]),
  code: z.string().min(1),
  severity: z.enum(["info", "warning", "error"]),
  message: z.string().min(1),
  quote: quoteSchema,
});
export type Finding = z.infer<typeof findingSchema>;

/** Blocks are joined with a blank line so that no pattern runs across two blocks by accident. */
export const BLOCK_SEPARATOR = "\n\n";

export function manuscriptFromBlocks(input: { blocks: BlockInput[]; articleType: ArticleType }): ManuscriptText {
  const blocks: TextBlock[] = [];
  let text = "";
  let section = "";
  for (const block of input.blocks) {
    if (text.length > 0) text += BLOCK_SEPARATOR;
    const start = text.length;
    text += block.text;
    if (block.type === "heading") section = block.text.trim();
    blocks.push({ ...block, start, end: text.length, section: block.type === "heading" ? block.text.trim() : section });
  }
  return { text, blocks, articleType: input.articleType };
}

/** The subset of ProseMirror / TipTap JSON the converter reads. */
export interface ProseMirrorNode {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  content?: ProseMirrorNode[];
}

const REFERENCE_HEADING = /^\s*(?:\d+[.)]?\s*)?(references|bibliography|literature cited|works cited)\s*$/i;

function inlineText(node: ProseMirrorNode): string {
  if (node.type === "text") return node.text ?? "";
  if (node.type === "hardBreak") return "\n";
  if (node.content) return node.content.map(inlineText).join("");
  // Atom inline nodes (citations, mentions, maths) carry their visible text in an attribute.
  const label = node.attrs?.label ?? node.attrs?.text ?? node.attrs?.latex;
  return typeof label === "string" ? label : (node.text ?? "");
}

/**
 * Flattens a ProseMirror document into text blocks: headings, paragraphs, list items, table rows (cells joined by " | "),
 * blockquote paragraphs and code blocks. Paragraphs and list items under a "References" heading, and nodes of type
 * `reference`, become `reference` blocks.
 */
export function manuscriptFromProseMirror(doc: ProseMirrorNode, articleType: ArticleType): ManuscriptText {
  const blocks: BlockInput[] = [];
  let inReferences = false;
  const idOf = (node: ProseMirrorNode): string =>
    typeof node.attrs?.id === "string" && node.attrs.id ? (node.attrs.id as string) : `b${blocks.length + 1}`;

  const visit = (node: ProseMirrorNode, context: "body" | "list" | "blockquote"): void => {
    switch (node.type) {
      case "heading": {
        const text = inlineText(node);
        inReferences = REFERENCE_HEADING.test(text);
        const level = typeof node.attrs?.level === "number" ? (node.attrs.level as number) : 1;
        blocks.push({ id: idOf(node), type: "heading", text, level });
        return;
      }
      case "paragraph": {
        const text = inlineText(node);
        if (text.trim() === "") return;
        const type: BlockType = inReferences ? "reference" : context === "list" ? "list-item" : context === "blockquote" ? "blockquote" : "paragraph";
        blocks.push({ id: idOf(node), type, text });
        return;
      }
      case "reference":
        blocks.push({ id: idOf(node), type: "reference", text: inlineText(node) });
        return;
      case "codeBlock":
        blocks.push({ id: idOf(node), type: "code", text: inlineText(node) });
        return;
      case "caption":
      case "figcaption":
        blocks.push({ id: idOf(node), type: "caption", text: inlineText(node) });
        return;
      case "tableRow": {
        const cells = (node.content ?? []).map((cell) => (cell.content ?? []).map(inlineText).join(" ").trim());
        blocks.push({ id: idOf(node), type: "table-row", text: cells.join(" | ") });
        return;
      }
      case "bulletList":
      case "orderedList":
      case "listItem":
        for (const child of node.content ?? []) visit(child, "list");
        return;
      case "blockquote":
        for (const child of node.content ?? []) visit(child, "blockquote");
        return;
      default:
        for (const child of node.content ?? []) visit(child, context);
    }
  };
  visit(doc, "body");
  return manuscriptFromBlocks({ blocks, articleType });
}

export type SectionKind = "title" | "abstract" | "introduction" | "methods" | "case" | "results" | "discussion" | "conclusion" | "references" | "declarations" | "other";

const SECTION_PATTERNS: Array<[SectionKind, RegExp]> = [
  ["abstract", /\b(abstract|summary)\b/i],
  ["introduction", /\b(introduction|background)\b/i],
  ["methods", /\b(methods?|methodology|materials|patients and|participants|study design|study population|statistical analysis|search strategy|eligibility)\b/i],
  ["case", /\b(case (presentation|report|description|history)|clinical (presentation|findings)|patient information|timeline|diagnostic assessment|therapeutic intervention|follow-up and outcomes)\b/i],
  ["results", /\b(results|findings|outcomes)\b/i],
  ["discussion", /\b(discussion|limitations)\b/i],
  ["conclusion", /\b(conclusions?)\b/i],
  ["references", REFERENCE_HEADING],
  ["declarations", /\b(consent|ethic|declarations?|funding|conflicts? of interest|competing interests?|acknowledg|data availability|registration|author contributions?|patient perspective)\b/i],
];

export function sectionKind(heading: string): SectionKind {
  if (heading === "") return "title";
  for (const [kind, pattern] of SECTION_PATTERNS) if (pattern.test(heading)) return kind;
  return "other";
}

/** A heading that names a section ("Abstract", "Materials and methods") rather than the article ("X: a case report"). */
function isSectionName(heading: string): boolean {
  return sectionKind(heading) !== "other" && heading.trim().split(/\s+/).length <= 4;
}

/**
 * The section a block belongs to. The first block is the title unless it is a section name, and blocks under a title
 * heading belong to the title (author lines, keywords).
 */
export function blockSectionKind(manuscript: ManuscriptText, block: TextBlock): SectionKind {
  const first = manuscript.blocks[0];
  const titled = first !== undefined && !(first.type === "heading" && isSectionName(first.text));
  if (titled && block === first) return "title";
  if (titled && first.type === "heading" && block.section === first.text.trim() && block.type !== "heading") return "title";
  return sectionKind(block.section);
}

export function blocksInSection(manuscript: ManuscriptText, kind: SectionKind): TextBlock[] {
  return manuscript.blocks.filter((b) => b.type !== "heading" && blockSectionKind(manuscript, b) === kind);
}

/** Blocks to scan for claims: everything except headings and the reference list. */
export function bodyBlocks(manuscript: ManuscriptText): TextBlock[] {
  return manuscript.blocks.filter((b) => b.type !== "heading" && b.type !== "reference");
}
