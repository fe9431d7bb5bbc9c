import { blockSectionKind, blocksInSection, manuscriptFromBlocks, manuscriptFromProseMirror, sectionKind, type ProseMirrorNode } from "./model";

const doc: ProseMirrorNode = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 1, id: "title" }, content: [{ type: "text", text: "A trial" }] },
    { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Methods" }] },
    {
      type: "paragraph",
      content: [
        { type: "text", text: "We enrolled " },
        { type: "text", text: "120 patients", marks: [{ type: "bold" }] } as ProseMirrorNode,
        { type: "hardBreak" },
        { type: "citation", attrs: { label: "[1]" } },
      ],
    },
    { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "first item" }] }] }] },
    { type: "blockquote", content: [{ type: "paragraph", content: [{ type: "text", text: "quoted" }] }] },
    {
      type: "table",
      content: [
        { type: "tableRow", content: [
          { type: "tableHeader", content: [{ type: "paragraph", content: [{ type: "text", text: "Group" }] }] },
          { type: "tableCell", content: [{ type: "paragraph", content: [{ type: "text", text: "12/40 (30%)" }] }] },
        ] },
      ],
    },
    { type: "paragraph", content: [] },
    { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "References" }] },
    { type: "orderedList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "1. Smith J. A study. 2020." }] }] }] },
  ],
};

describe("manuscriptFromProseMirror", () => {
  const manuscript = manuscriptFromProseMirror(doc, "randomised-trial");

  it("keeps the offset of every block in the concatenated text", () => {
    for (const block of manuscript.blocks) expect(manuscript.text.slice(block.start, block.end)).toBe(block.text);
  });

  it("flattens paragraphs, list items, blockquotes and table rows, and skips empty paragraphs", () => {
    expect(manuscript.blocks.map((b) => [b.type, b.text])).toEqual([
      ["heading", "A trial"],
      ["heading", "Methods"],
      ["paragraph", "We enrolled 120 patients\n[1]"],
      ["list-item", "first item"],
      ["blockquote", "quoted"],
      ["table-row", "Group | 12/40 (30%)"],
      ["heading", "References"],
      ["reference", "1. Smith J. A study. 2020."],
    ]);
    expect(manuscript.blocks[0].id).toBe("title");
    expect(manuscript.blocks[1].level).toBe(2);
  });

  it("records the section of each block", () => {
    const table = manuscript.blocks.find((b) => b.type === "table-row");
    expect(table?.section).toBe("Methods");
    expect(blocksInSection(manuscript, "methods").map((b) => b.type)).toEqual(["paragraph", "list-item", "blockquote", "table-row"]);
    expect(blockSectionKind(manuscript, manuscript.blocks[0])).toBe("title");
  });
});

describe("manuscriptFromBlocks", () => {
  it("joins blocks with a blank line", () => {
    const m = manuscriptFromBlocks({ articleType: "case-report", blocks: [{ id: "a", type: "paragraph", text: "One." }, { id: "b", type: "paragraph", text: "Two." }] });
    expect(m.text).toBe("One.\n\nTwo.");
    expect(m.blocks[1].start).toBe(6);
  });
});

describe("sectionKind", () => {
  it("classifies common headings", () => {
    expect(sectionKind("Materials and methods")).toBe("methods");
    expect(sectionKind("Case presentation")).toBe("case");
    expect(sectionKind("Results")).toBe("results");
    expect(sectionKind("Informed consent")).toBe("declarations");
    expect(sectionKind("Bibliography")).toBe("references");
  });
});
