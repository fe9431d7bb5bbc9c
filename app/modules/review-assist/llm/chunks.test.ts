import { PLANTED, plantedCaseReport } from "../fixtures/planted-case-report";
import { checklistFor } from "../guidelines";
import { manuscriptFromBlocks, manuscriptFromProseMirror } from "../model";
import { CHARS_PER_TOKEN, chunkManuscript, estimateTokens } from "./chunks";
import { longArticle } from "./fixtures/long-article";
import { planRequests } from "./prompt";

const planted = manuscriptFromProseMirror(plantedCaseReport, "case-report");

describe("estimateTokens", () => {
  it("counts about four characters a token, rounding up", () => {
    expect(CHARS_PER_TOKEN).toBe(4);
    expect(estimateTokens("")).toBe(0);
    expect(estimateTokens("abcd")).toBe(1);
    expect(estimateTokens("abcde")).toBe(2);
  });
});

describe("chunkManuscript", () => {
  it("keeps a short manuscript in one chunk that is an exact slice of the text", () => {
    const chunks = chunkManuscript(planted, { maxTokens: 100_000, excludeReferences: false });
    expect(chunks).toHaveLength(1);
    expect(chunks[0].text).toBe(planted.text);
    expect(chunks[0].contextHeadings).toEqual([]);
  });

  it("leaves the reference list out when asked, and nothing else", () => {
    const [chunk, ...rest] = chunkManuscript(planted, { maxTokens: 100_000, excludeReferences: true });
    expect(rest).toEqual([]);
    expect(chunk.text).not.toContain(PLANTED.uncitedReference);
    expect(chunk.text).not.toMatch(/\n\nReferences$/);
    expect(chunk.text).toContain("Funding: none.");
  });

  it("splits a long manuscript at section boundaries into chunks within the budget that cover every block", () => {
    const article = longArticle(10, 3);
    const maxTokens = 1_200;
    const chunks = chunkManuscript(article, { maxTokens, excludeReferences: true });
    expect(chunks.length).toBeGreaterThan(3);
    for (const [i, chunk] of chunks.entries()) {
      expect(chunk.index).toBe(i);
      expect(chunk.text).toBe(article.text.slice(chunk.start, chunk.end));
      expect(chunk.end - chunk.start).toBeLessThanOrEqual(maxTokens * CHARS_PER_TOKEN);
      expect(chunk.text.startsWith("Section ") || i === 0).toBe(true);
      if (i > 0) expect(chunk.start).toBeGreaterThanOrEqual(chunks[i - 1].end);
    }
    for (const block of article.blocks.filter((b) => b.type !== "reference" && b.text !== "References")) {
      expect(chunks.some((c) => c.start <= block.start && block.end <= c.end)).toBe(true);
    }
    expect(chunks[1].contextHeadings).toEqual([article.blocks[0].text]);
  });

  it("splits a section that does not fit between its blocks and repeats the section heading", () => {
    const article = longArticle(1, 6);
    const chunks = chunkManuscript(article, { maxTokens: 400, excludeReferences: true });
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks[chunks.length - 1].contextHeadings).toEqual([article.blocks[0].text, "Section 1"]);
    for (const chunk of chunks) expect(chunk.end - chunk.start).toBeLessThanOrEqual(400 * CHARS_PER_TOKEN);
  });

  it("splits a paragraph longer than the budget at sentence ends", () => {
    const sentence = (i: number) => `Sentence ${i} of a very long paragraph describes one more measurement of serum calcium.`;
    const text = Array.from({ length: 60 }, (_, i) => sentence(i + 1)).join(" ");
    const article = manuscriptFromBlocks({ blocks: [{ id: "p", type: "paragraph", text }], articleType: "original-research" });
    const chunks = chunkManuscript(article, { maxTokens: 250, excludeReferences: false });
    expect(chunks.length).toBeGreaterThan(4);
    for (const chunk of chunks) {
      expect(chunk.text).toMatch(/^Sentence \d+ /);
      expect(chunk.text).toMatch(/calcium\.$/);
      expect(chunk.text.length).toBeLessThanOrEqual(1_000);
    }
    expect(chunks.map((c) => c.text).join(" ")).toBe(text);
  });
});

describe("planRequests", () => {
  it("repeats the reference list with every request when it leaves room for the text", () => {
    const plan = planRequests(planted, checklistFor("case-report"), 12_000);
    expect(plan.chunks).toHaveLength(1);
    expect(plan.context.referenceList).toContain(PLANTED.uncitedReference);
    expect(plan.chunks[0].text).not.toContain(PLANTED.uncitedReference);
  });

  it("chunks the reference list with the text when repeating it would crowd the text out", () => {
    const plan = planRequests(planted, checklistFor("case-report"), 1_500);
    expect(plan.context.referenceList).toBeNull();
    expect(plan.chunks.length).toBeGreaterThan(1);
    expect(plan.chunks.some((c) => c.text.includes(PLANTED.uncitedReference))).toBe(true);
  });
});
