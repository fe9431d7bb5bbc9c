import { z } from "zod";
import { ARTICLE_TYPES, MANUSCRIPT_STATUSES, type ArticleType, type ManuscriptStatus } from "../../../db/schema/enums";

export { ARTICLE_TYPES, MANUSCRIPT_STATUSES, type ArticleType, type ManuscriptStatus };

export const ARTICLE_TYPE_LABELS: Record<ArticleType, string> = {
  "original-research": "Original research",
  "case-report": "Case report",
  "randomised-trial": "Randomised controlled trial",
  "observational-study": "Observational study",
  "systematic-review": "Systematic review",
  review: "Narrative review",
  "trial-report": "Trial report",
  editorial: "Editorial",
};

export const STATUS_LABELS: Record<ManuscriptStatus, string> = {
  draft: "Draft",
  submitted: "Submitted",
  in_review: "In review",
  revision: "Revision requested",
  accepted: "Accepted",
  rejected: "Rejected",
  published: "Published",
  withdrawn: "Withdrawn",
};

export const newManuscriptSchema = z.object({
  title: z.string({ required_error: "Enter a title" }).trim().min(5, "Enter a title of at least 5 characters").max(300, "Use at most 300 characters"),
  abstract: z.string().trim().max(5000, "Keep the abstract under 5,000 characters").default(""),
  keywords: z
    .string()
    .default("")
    .transform((value) =>
      [...new Set(value.split(/[,;\n]/).map((k) => k.trim().toLowerCase()).filter(Boolean))],
    )
    .refine((list) => list.length <= 12, "Use at most 12 keywords")
    .refine((list) => list.every((k) => k.length <= 60), "Keep each keyword under 60 characters"),
  articleType: z.enum(ARTICLE_TYPES, { errorMap: () => ({ message: "Choose the article type" }) }),
});
export type NewManuscriptInput = z.infer<typeof newManuscriptSchema>;

/** CRediT (Contributor Roles Taxonomy): the 14 roles. */
export const CREDIT_ROLES = [
  "Conceptualization",
  "Data curation",
  "Formal analysis",
  "Funding acquisition",
  "Investigation",
  "Methodology",
  "Project administration",
  "Resources",
  "Software",
  "Supervision",
  "Validation",
  "Visualization",
  "Writing – original draft",
  "Writing – review & editing",
] as const;
export type CreditRole = (typeof CREDIT_ROLES)[number];

export const inviteSchema = z.object({
  email: z.string({ required_error: "Enter the co-author's e-mail address" }).trim().toLowerCase().email("Enter an e-mail address like name@example.org"),
});

export const versionNameSchema = z.object({
  name: z.string({ required_error: "Name this version" }).trim().min(1, "Name this version").max(120, "Use at most 120 characters"),
});

export const creditRolesSchema = z.array(z.enum(CREDIT_ROLES, { errorMap: () => ({ message: "Choose roles from the CRediT list" }) })).max(14);

interface PmNode {
  type?: string;
  text?: string;
  attrs?: Record<string, unknown>;
  content?: PmNode[];
}

const BLOCKS = new Set(["paragraph", "heading", "listItem", "tableCell", "tableHeader", "blockquote", "codeBlock", "figure", "blockMath"]);

export interface TextBlock {
  /** The block's node type (heading, paragraph, listItem, tableCell, figure, …). */
  type: string;
  level?: number;
  text: string;
  /** Offset of the block's first character in the plain text. */
  start: number;
}

/**
 * The blocks of a ProseMirror document with their offsets in its plain text (one line per block, joined by "\n").
 * Annotations and checks address text by these offsets.
 */
export function blocksOf(doc: unknown): TextBlock[] {
  const blocks: TextBlock[] = [];
  let current = "";
  let offset = 0;
  const flush = (node: PmNode) => {
    const text = current.trim();
    current = "";
    if (!text) return;
    blocks.push({ type: node.type ?? "paragraph", level: node.type === "heading" ? Number(node.attrs?.level ?? 2) : undefined, text, start: offset });
    offset += text.length + 1;
  };
  const walk = (node: PmNode) => {
    if (node.type === "text") current += node.text ?? "";
    else if (node.type === "hardBreak") current += " ";
    else if (node.type === "inlineMath") current += `$${String(node.attrs?.latex ?? "")}$`;
    else if (node.type === "footnote") current += `[${String(node.attrs?.text ?? "")}]`;
    else if (node.type === "citation") current += String(node.attrs?.label ?? "");
    else if (node.type === "figure") current += `Figure: ${String(node.attrs?.caption ?? "")}`;
    for (const child of node.content ?? []) {
      walk(child);
      if (child.type && BLOCKS.has(child.type)) flush(child);
    }
  };
  const root = (doc ?? {}) as PmNode;
  walk(root);
  flush({ type: "paragraph" });
  return blocks;
}

/** The plain text of a ProseMirror document, one line per block (what versions diff, checks and annotations read). */
export function plainTextOf(doc: unknown): string {
  return blocksOf(doc)
    .map((b) => b.text)
    .join("\n");
}
