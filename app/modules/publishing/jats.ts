// JATS 1.3 (Archiving and Interchange) from a frozen ProseMirror document: a small escaping writer, no XML library.
interface PmNode {
  type?: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
  content?: PmNode[];
}

export interface JatsContributor {
  name: string;
  orcid: string | null;
  corresponding: boolean;
}

export interface JatsArticleInput {
  articleId: string;
  slug: string;
  title: string;
  abstract: string;
  keywords: readonly string[];
  articleType: string;
  journalTitle: string;
  contributors: readonly JatsContributor[];
  publishedAt: Date;
  doc: unknown;
  copyrightHolder: string;
}

type Child = XmlElement | string;
interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: Child[];
}

function el(name: string, attrs: Record<string, string | undefined> = {}, ...children: Array<Child | Child[] | null | undefined | false>): XmlElement {
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) clean[k] = v;
  return { name, attrs: clean, children: children.flat().filter((c): c is Child => c !== null && c !== undefined && c !== false) };
}

/** Drops characters XML 1.0 forbids, then escapes markup. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

function serialise(node: Child): string {
  if (typeof node === "string") return escapeXml(node);
  const attrs = Object.entries(node.attrs)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join("");
  if (node.children.length === 0) return `<${node.name}${attrs}/>`;
  return `<${node.name}${attrs}>${node.children.map(serialise).join("")}</${node.name}>`;
}

const JATS_TYPES: Record<string, string> = {
  "original-research": "research-article",
  "case-report": "case-report",
  "randomised-trial": "research-article",
  "observational-study": "research-article",
  "systematic-review": "review-article",
  review: "review-article",
  "trial-report": "research-article",
  editorial: "editorial",
};

function inline(nodes: readonly PmNode[] | undefined): Child[] {
  const out: Child[] = [];
  for (const node of nodes ?? []) {
    if (node.type === "text") {
      let value: Child = node.text ?? "";
      for (const mark of node.marks ?? []) {
        if (mark.type === "bold") value = el("bold", {}, value);
        else if (mark.type === "italic") value = el("italic", {}, value);
        else if (mark.type === "underline") value = el("underline", {}, value);
        else if (mark.type === "strike") value = el("strike", {}, value);
        else if (mark.type === "code") value = el("monospace", {}, value);
        else if (mark.type === "link" && typeof mark.attrs?.href === "string")
          value = el("ext-link", { "ext-link-type": "uri", "xlink:href": mark.attrs.href }, value);
      }
      out.push(value);
    } else if (node.type === "hardBreak") out.push(el("break"));
    else if (node.type === "inlineMath") out.push(el("inline-formula", {}, el("tex-math", {}, String(node.attrs?.latex ?? ""))));
    else if (node.type === "footnote") out.push(el("fn", {}, el("p", {}, String(node.attrs?.text ?? ""))));
    else if (node.type === "citation") {
      const label = String(node.attrs?.label ?? "[?]");
      out.push(node.attrs?.refId ? el("xref", { "ref-type": "bibr", rid: refIdOf(String(node.attrs.refId)) }, label) : label);
    } else out.push(...inline(node.content));
  }
  return out;
}

function refIdOf(raw: string): string {
  return `ref-${raw.replace(/[^A-Za-z0-9_.-]/g, "_")}`;
}

function textOf(node: PmNode): string {
  if (node.type === "text") return node.text ?? "";
  return (node.content ?? []).map(textOf).join("");
}

function block(node: PmNode): Child[] {
  switch (node.type) {
    case "paragraph":
      return textOf(node).trim() ? [el("p", {}, inline(node.content))] : [];
    case "bulletList":
    case "orderedList":
      return [el("list", { "list-type": node.type === "bulletList" ? "bullet" : "order" }, (node.content ?? []).map((item) => el("list-item", {}, (item.content ?? []).flatMap(block))))];
    case "blockquote":
      return [el("disp-quote", {}, (node.content ?? []).flatMap(block))];
    case "codeBlock":
      return [el("code", {}, textOf(node))];
    case "blockMath":
      return [el("disp-formula", {}, el("tex-math", {}, String(node.attrs?.latex ?? "")))];
    case "figure":
    case "image":
      return [el("fig", {}, el("caption", {}, el("p", {}, String(node.attrs?.caption ?? node.attrs?.alt ?? ""))), typeof node.attrs?.src === "string" ? el("graphic", { "xlink:href": node.attrs.src }) : null)];
    case "table":
      return [
        el(
          "table-wrap",
          {},
          el(
            "table",
            {},
            el(
              "tbody",
              {},
              (node.content ?? []).map((row) =>
                el("tr", {}, (row.content ?? []).map((cell) => el(cell.type === "tableHeader" ? "th" : "td", {}, inline((cell.content ?? []).flatMap((p) => p.content ?? []))))),
              ),
            ),
          ),
        ),
      ];
    case "horizontalRule":
      return [];
    default:
      return node.content ? node.content.flatMap(block) : [];
  }
}

interface Section {
  title: string;
  blocks: PmNode[];
}

/** Sections by heading; text before the first heading forms an untitled section. */
function sectionsOf(doc: unknown): Section[] {
  const sections: Section[] = [];
  let current: Section = { title: "", blocks: [] };
  for (const node of ((doc ?? {}) as PmNode).content ?? []) {
    if (node.type === "heading") {
      if (current.title || current.blocks.length) sections.push(current);
      current = { title: textOf(node).trim(), blocks: [] };
    } else current.blocks.push(node);
  }
  if (current.title || current.blocks.length) sections.push(current);
  return sections;
}

const isReferences = (title: string) => /^(references|bibliography|works cited)$/i.test(title.trim());

/** The article as JATS 1.3 XML: front (journal, title, contributors with ORCID, abstract, keywords, permissions), body, back (references). */
export function articleJats(input: JatsArticleInput): string {
  const sections = sectionsOf(input.doc);
  const body = sections.filter((s) => !isReferences(s.title));
  const referenceTexts = sections
    .filter((s) => isReferences(s.title))
    .flatMap((s) => s.blocks.flatMap((b) => (b.type === "bulletList" || b.type === "orderedList" ? (b.content ?? []) : [b])))
    .map((b) => textOf(b).trim())
    .filter(Boolean);
  const citedIds = new Map<string, string>();
  const collect = (node: PmNode) => {
    if (node.type === "citation" && node.attrs?.refId) citedIds.set(String(node.attrs.refId), String(node.attrs.label ?? ""));
    for (const child of node.content ?? []) collect(child);
  };
  collect((input.doc ?? {}) as PmNode);

  const refs: XmlElement[] = [
    ...referenceTexts.map((text, i) => el("ref", { id: `ref-list-${i + 1}` }, el("label", {}, String(i + 1)), el("element-citation", { "publication-type": "other" }, el("comment", {}, text)))),
    ...[...citedIds].map(([refId, label]) => el("ref", { id: refIdOf(refId) }, el("label", {}, label || refId), el("element-citation", { "publication-type": "other" }, el("comment", {}, `Cited as ${label || refId}`)))),
  ];
  const year = String(input.publishedAt.getUTCFullYear());
  const date = (type: string) =>
    el("pub-date", { "publication-format": "electronic", "date-type": type }, el("day", {}, String(input.publishedAt.getUTCDate()).padStart(2, "0")), el("month", {}, String(input.publishedAt.getUTCMonth() + 1).padStart(2, "0")), el("year", {}, year));

  const article = el(
    "article",
    { "xmlns:xlink": "http://www.w3.org/1999/xlink", "xmlns:mml": "http://www.w3.org/1998/Math/MathML", "dtd-version": "1.3", "article-type": JATS_TYPES[input.articleType] ?? "other", "xml:lang": "en" },
    el(
      "front",
      {},
      el("journal-meta", {}, el("journal-id", { "journal-id-type": "publisher-id" }, "mednexus"), el("journal-title-group", {}, el("journal-title", {}, input.journalTitle)), el("publisher", {}, el("publisher-name", {}, "MedNexus"))),
      el(
        "article-meta",
        {},
        el("article-id", { "pub-id-type": "publisher-id" }, input.articleId),
        el("title-group", {}, el("article-title", {}, input.title)),
        el(
          "contrib-group",
          {},
          input.contributors.map((c) => {
            const parts = c.name.trim().split(/\s+/);
            const surname = parts.length > 1 ? parts[parts.length - 1]! : c.name.trim();
            const given = parts.length > 1 ? parts.slice(0, -1).join(" ") : "";
            return el(
              "contrib",
              { "contrib-type": "author", corresp: c.corresponding ? "yes" : undefined },
              c.orcid ? el("contrib-id", { "contrib-id-type": "orcid", authenticated: "false" }, `https://orcid.org/${c.orcid}`) : null,
              el("name", {}, el("surname", {}, surname), given ? el("given-names", {}, given) : null),
            );
          }),
        ),
        date("pub"),
        el("permissions", {}, el("copyright-statement", {}, `© ${year} ${input.copyrightHolder}`), el("copyright-year", {}, year), el("copyright-holder", {}, input.copyrightHolder), el("license", { "license-type": "licensed-access" }, el("license-p", {}, "Full text available to holders of a MedNexus licence recorded on chain."))),
        el("self-uri", { "xlink:href": `/articles/${input.slug}` }),
        input.abstract.trim() ? el("abstract", {}, el("p", {}, input.abstract.trim())) : null,
        input.keywords.length ? el("kwd-group", { "kwd-group-type": "author" }, input.keywords.map((k) => el("kwd", {}, k))) : null,
      ),
    ),
    el(
      "body",
      {},
      body.map((s, i) => el("sec", { id: `sec-${i + 1}` }, s.title ? el("title", {}, s.title) : el("title"), s.blocks.flatMap(block))),
    ),
    refs.length ? el("back", {}, el("ref-list", {}, el("title", {}, "References"), refs)) : null,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD v1.3 20210610//EN" "JATS-archivearticle1-3.dtd">\n${serialise(article)}\n`;
}
