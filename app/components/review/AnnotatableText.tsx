import { useCallback, useMemo, useRef, type ReactNode } from "react";

export interface Block {
  type: string;
  level?: number;
  text: string;
  start: number;
}

export interface Highlight {
  id: string;
  start: number;
  end: number;
  label: string;
  resolved?: boolean;
  /** A finding of the automated checks, not yet taken into the review. */
  machine?: boolean;
}

export interface TextSelection {
  start: number;
  end: number;
  quote: string;
}

/** Character offset of (node, offset) within `root`'s text. */
function offsetWithin(root: HTMLElement, node: Node, offset: number): number {
  const range = document.createRange();
  range.setStart(root, 0);
  range.setEnd(node, offset);
  return range.toString().length;
}

function blockElementOf(node: Node | null): HTMLElement | null {
  let current: Node | null = node;
  while (current && !(current instanceof HTMLElement && current.dataset.start !== undefined)) current = current.parentNode;
  return current as HTMLElement | null;
}

function renderBlockText(block: Block, highlights: Highlight[]): ReactNode[] {
  const end = block.start + block.text.length;
  const inside = highlights
    .filter((h) => h.start < end && h.end > block.start)
    .map((h) => ({ ...h, from: Math.max(h.start, block.start) - block.start, to: Math.min(h.end, end) - block.start }))
    .sort((a, b) => a.from - b.from);
  const parts: ReactNode[] = [];
  let cursor = 0;
  for (const h of inside) {
    if (h.from < cursor) continue; // overlapping highlights: the first one wins in the text; all stay listed beside it
    if (h.from > cursor) parts.push(block.text.slice(cursor, h.from));
    parts.push(
      <mark key={h.id} className={`annotation-mark${h.resolved ? " annotation-mark--resolved" : ""}${h.machine ? " annotation-mark--machine" : ""}`} data-annotation-id={h.id} title={h.label}>
        {block.text.slice(h.from, h.to)}
      </mark>,
    );
    cursor = h.to;
  }
  if (cursor < block.text.length) parts.push(block.text.slice(cursor));
  return parts;
}

/** The submitted version as text blocks; selecting text reports plain-text offsets (the annotations' coordinates). */
export function AnnotatableText({ blocks, highlights, onSelect }: { blocks: Block[]; highlights: Highlight[]; onSelect?: (selection: TextSelection | null) => void }) {
  const container = useRef<HTMLDivElement>(null);
  const handleSelection = useCallback(() => {
    if (!onSelect) return;
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return;
    const range = selection.getRangeAt(0);
    const startBlock = blockElementOf(range.startContainer);
    const endBlock = blockElementOf(range.endContainer);
    if (!startBlock || !endBlock || !container.current?.contains(startBlock) || !container.current.contains(endBlock)) return;
    const start = Number(startBlock.dataset.start) + offsetWithin(startBlock, range.startContainer, range.startOffset);
    const end = Number(endBlock.dataset.start) + offsetWithin(endBlock, range.endContainer, range.endOffset);
    if (end <= start) return;
    onSelect({ start, end, quote: selection.toString() });
  }, [onSelect]);
  const rendered = useMemo(
    () =>
      blocks.map((block) => {
        const content = renderBlockText(block, highlights);
        if (block.type === "heading") {
          const Tag = `h${Math.min(6, (block.level ?? 2) + 1)}` as "h3";
          return (
            <Tag key={block.start} data-start={block.start}>
              {content}
            </Tag>
          );
        }
        return (
          <p key={block.start} data-start={block.start} className={block.type === "listItem" ? "annotatable__item" : undefined}>
            {content}
          </p>
        );
      }),
    [blocks, highlights],
  );
  return (
    <div ref={container} className="annotatable" data-testid="submitted-text" onMouseUp={handleSelection} onKeyUp={handleSelection}>
      {rendered}
    </div>
  );
}
