import type { ReactNode } from "react";

export interface PmNode {
  type?: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
  content?: PmNode[];
}

function safeHref(value: unknown): string | undefined {
  const href = String(value ?? "");
  return /^(https?:|mailto:|\/)/i.test(href) ? href : undefined;
}

function renderText(node: PmNode, key: number): ReactNode {
  let out: ReactNode = node.text ?? "";
  for (const mark of node.marks ?? []) {
    if (mark.type === "bold") out = <strong>{out}</strong>;
    else if (mark.type === "italic") out = <em>{out}</em>;
    else if (mark.type === "underline") out = <u>{out}</u>;
    else if (mark.type === "strike") out = <s>{out}</s>;
    else if (mark.type === "code") out = <code>{out}</code>;
    else if (mark.type === "link") out = <a href={safeHref(mark.attrs?.href)} rel="noopener noreferrer">{out}</a>;
  }
  return <span key={key}>{out}</span>;
}

/** Renders a stored ProseMirror document as React elements (no HTML strings: nothing stored can inject markup). */
export function RenderNode({ node }: { node: PmNode }): ReactNode {
  const children = (node.content ?? []).map((child, i) => (child.type === "text" ? renderText(child, i) : <RenderNode key={i} node={child} />));
  switch (node.type) {
    case "doc":
      return <>{children}</>;
    case "paragraph":
      return <p>{children}</p>;
    case "heading": {
      const level = Math.min(6, Math.max(1, Number(node.attrs?.level ?? 2)));
      const Tag = `h${level}` as "h1";
      return <Tag>{children}</Tag>;
    }
    case "bulletList":
      return <ul>{children}</ul>;
    case "orderedList":
      return <ol>{children}</ol>;
    case "listItem":
      return <li>{children}</li>;
    case "blockquote":
      return <blockquote>{children}</blockquote>;
    case "codeBlock":
      return (
        <pre>
          <code>{children}</code>
        </pre>
      );
    case "horizontalRule":
      return <hr />;
    case "hardBreak":
      return <br />;
    case "table":
      return (
        <table className="table">
          <tbody>{children}</tbody>
        </table>
      );
    case "tableRow":
      return <tr>{children}</tr>;
    case "tableHeader":
      return <th>{children}</th>;
    case "tableCell":
      return <td>{children}</td>;
    case "figure":
      return (
        <figure className="figure">
          <img src={safeHref(node.attrs?.src)} alt={String(node.attrs?.alt || node.attrs?.caption || "")} />
          <figcaption>{String(node.attrs?.caption ?? "")}</figcaption>
        </figure>
      );
    case "image":
      return <img src={safeHref(node.attrs?.src)} alt={String(node.attrs?.alt ?? "")} />;
    case "footnote":
      return (
        <sup className="footnote" title={String(node.attrs?.text ?? "")}>
          *
        </sup>
      );
    case "citation":
      return <cite className="citation">{String(node.attrs?.label ?? "[?]")}</cite>;
    case "inlineMath":
      return <code className="math">{String(node.attrs?.latex ?? "")}</code>;
    case "blockMath":
      return (
        <pre className="math">
          <code>{String(node.attrs?.latex ?? "")}</code>
        </pre>
      );
    default:
      return <>{children}</>;
  }
}
