// The article's HTML: rendered from the frozen ProseMirror JSON by the app's own renderer (text escaped, links
// filtered), and wrapped as a standalone document for printing.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { RenderNode, type PmNode } from "../../components/editor/RenderDoc";
import { escapeXml } from "./jats";

export interface ArticleFrontMatter {
  title: string;
  abstract: string;
  contributors: ReadonlyArray<{ name: string; orcid: string | null }>;
  journalTitle: string;
}

/** The body of the article as static HTML. */
export function articleBodyHtml(doc: unknown): string {
  return renderToStaticMarkup(createElement(RenderNode, { node: (doc ?? { type: "doc" }) as PmNode }));
}

/** A standalone HTML document of the article (front matter and body), for printing to PDF. */
export function articleDocumentHtml(front: ArticleFrontMatter, bodyHtml: string): string {
  const authors = front.contributors.map((c) => `${escapeXml(c.name)}${c.orcid ? ` (ORCID ${escapeXml(c.orcid)})` : ""}`).join(", ");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeXml(front.title)}</title>
<style>body{font-family:Georgia,serif;max-width:42rem;margin:2rem auto;line-height:1.5}h1{font-size:1.6rem}.muted{color:#555}</style></head>
<body><article>
<p class="muted">${escapeXml(front.journalTitle)}</p>
<h1>${escapeXml(front.title)}</h1>
<p>${authors}</p>
<section><h2>Abstract</h2><p>${escapeXml(front.abstract)}</p></section>
<section>${bodyHtml}</section>
</article></body></html>
`;
}
