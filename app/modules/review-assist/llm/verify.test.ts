import { PLANTED, plantedCaseReport } from "../fixtures/planted-case-report";
import { checklistFor } from "../guidelines";
import { manuscriptFromBlocks, manuscriptFromProseMirror } from "../model";
import { verifyQuote } from "../quote";
import { parseReferences } from "../references";
import { chunkManuscript } from "./chunks";
import { HALLUCINATED_QUOTE, REAL_QUOTES, goodPlantedReply } from "./fixtures/planted-review-replies";
import { mergeChunkResults } from "./merge";
import { type ReviewReply, llmFindingSchema } from "./model";
import { buildReferenceIndex, resolveReference, verifyChunkReply } from "./verify";

const manuscript = manuscriptFromProseMirror(plantedCaseReport, "case-report");
const checklist = checklistFor("case-report");
const referenceIndex = buildReferenceIndex(manuscript, parseReferences(manuscript));
const [chunk] = chunkManuscript(manuscript, { maxTokens: 100_000, excludeReferences: true });
const verify = (reply: ReviewReply) => verifyChunkReply(manuscript, chunk, reply, { checklist, referenceIndex });

const emptyReply = (): ReviewReply => ({ summary: "", strengths: [], weaknesses: [], questions: [], checklist: [] });

describe("verifyChunkReply", () => {
  it("anchors every item of a truthful reply to a verified quote of the full text", () => {
    const { findings, dropped } = verify(goodPlantedReply());
    expect(dropped).toEqual([]);
    expect(findings).toHaveLength(7);
    for (const finding of findings) {
      expect(llmFindingSchema.safeParse(finding).success).toBe(true);
      expect(verifyQuote(manuscript.text, finding.quote)).toBe(true);
      expect(finding).toMatchObject({ engine: "llm", machineMade: true });
    }
    const wrongP = findings.find((f) => f.quote.exact.includes(PLANTED.wrongPValue));
    expect(wrongP).toMatchObject({ kind: "weakness", code: "llm.weakness", severity: "warning", references: [4] });
  });

  it("keeps a quote whose quote marks differ from the manuscript, anchored to the manuscript's own text", () => {
    const { findings } = verify(goodPlantedReply());
    const perspective = findings.find((f) => f.message.includes("own words"));
    expect(perspective?.quote.exact).toBe('In her own words: "For two years I was told my brain was the problem.');
  });

  it("finds a quote the model wrapped in quote marks or padded with spaces", () => {
    const reply = emptyReply();
    reply.strengths.push({ comment: "Clear work-up.", quote: `“${REAL_QUOTES.workUp}”`, references: [] });
    reply.strengths.push({ comment: "Timeline.", quote: `  ${REAL_QUOTES.timeline}\n`, references: [] });
    const { findings, dropped } = verify(reply);
    expect(dropped).toEqual([]);
    expect(findings.map((f) => f.quote.exact).sort()).toEqual([REAL_QUOTES.timeline, REAL_QUOTES.workUp].sort());
  });

  it("anchors a missing checklist item on the heading the model quoted", () => {
    const { findings } = verify(goodPlantedReply());
    const consent = findings.find((f) => f.checklistItemId === "13");
    expect(consent).toMatchObject({ code: "llm.checklist-missing", severity: "warning", judgement: "missing", quote: { exact: "Declarations" } });
    expect(consent?.message).toContain("CARE 2013 item 13 (Informed consent) is missing");
  });

  it("drops and explains a quote that is not in the manuscript", () => {
    const reply = emptyReply();
    reply.weaknesses.push({ comment: "Contradicts the conclusion.", severity: "major", quote: HALLUCINATED_QUOTE, references: [] });
    const { findings, dropped } = verify(reply);
    expect(findings).toEqual([]);
    expect(dropped).toEqual([expect.objectContaining({ reason: "quote-not-found", kind: "weakness", quote: HALLUCINATED_QUOTE })]);
  });

  it("drops a quote too short to locate anything, but accepts a whole heading", () => {
    const reply = emptyReply();
    reply.strengths.push({ comment: "Good dosing detail.", quote: "500 mg", references: [] });
    reply.strengths.push({ comment: "Has a timeline.", quote: "Timeline", references: [] });
    const { findings, dropped } = verify(reply);
    expect(dropped.map((d) => d.reason)).toEqual(["quote-too-short"]);
    expect(findings.map((f) => f.quote.exact)).toEqual(["Timeline"]);
  });

  it("drops items that mention references not in the list, by number, DOI or author and year", () => {
    const reply = emptyReply();
    const quote = REAL_QUOTES.workUp;
    reply.strengths.push({ comment: "Matches the series.", quote, references: ["9"] });
    reply.strengths.push({ comment: "Agrees with doi:10.1000/xyz123 on fasting.", quote, references: [] });
    reply.strengths.push({ comment: "As in Fictional et al. (2018).", quote, references: [] });
    reply.strengths.push({ comment: "As recommended in reference 12.", quote, references: [] });
    const { findings, dropped } = verify(reply);
    expect(findings).toEqual([]);
    expect(dropped.map((d) => [d.reason, d.detail])).toEqual([
      ["reference-not-in-list", "not in the manuscript's reference list: 9"],
      ["reference-not-in-list", "not in the manuscript's reference list: doi:10.1000/xyz123"],
      ["reference-not-in-list", "not in the manuscript's reference list: Fictional (2018)"],
      ["reference-not-in-list", "not in the manuscript's reference list: [12]"],
    ]);
  });

  it("drops a summary that cites literature the manuscript does not have, and counts it", () => {
    const reply = emptyReply();
    reply.summary = "A well-documented case, in line with the series of Fictional et al. (2018) [4].";
    const { summary, dropped } = verify(reply);
    expect(summary).toBe("");
    expect(dropped).toEqual([expect.objectContaining({ reason: "reference-not-in-list", kind: "summary", detail: "not in the manuscript's reference list: Fictional (2018)" })]);
  });

  it("keeps references that are in the list, however the model names them, and guideline acronyms", () => {
    const reply = emptyReply();
    const quote = REAL_QUOTES.workUp;
    reply.strengths.push({ comment: "Consistent with Service et al. (1991) and CARE 2013.", quote, references: ["[2]", "doi:10.3748/wjg.v19.i6.829"] });
    const { findings, dropped } = verify(reply);
    expect(dropped).toEqual([]);
    expect(findings[0].references).toEqual([1, 2, 3]);
  });

  it("keeps a comment about a citation the manuscript makes without a matching reference", () => {
    const withBadCitation = manuscriptFromBlocks({
      articleType: "original-research",
      blocks: [
        { id: "p", type: "paragraph", text: "Mortality fell by a third after the protocol was introduced [6]." },
        { id: "r", type: "reference", text: "1. Doe J. A study. J Med. 2020;1:1-2." },
      ],
    });
    const index = buildReferenceIndex(withBadCitation, parseReferences(withBadCitation));
    const [only] = chunkManuscript(withBadCitation, { maxTokens: 10_000, excludeReferences: true });
    const reply = emptyReply();
    reply.weaknesses.push({ comment: "Citation [6] has no entry in the reference list.", severity: "minor", quote: "Mortality fell by a third", references: [] });
    const { findings, dropped } = verifyChunkReply(withBadCitation, only, reply, { checklist: null, referenceIndex: index });
    expect(dropped).toEqual([]);
    expect(findings).toHaveLength(1);
  });

  it("drops judgements of checklist items the guideline does not have", () => {
    const reply = emptyReply();
    reply.checklist = [{ itemId: "99z", judgement: "present", comment: "Fine.", quote: REAL_QUOTES.timeline }];
    const { findings, dropped } = verify(reply);
    expect(findings).toEqual([]);
    expect(dropped).toEqual([expect.objectContaining({ reason: "unknown-checklist-item", detail: 'CARE 2013 has no item "99z"' })]);
  });
});

describe("resolveReference", () => {
  it("reads numbers, bracketed numbers, DOIs and fragments of an entry", () => {
    expect(resolveReference("3", referenceIndex)?.number).toBe(3);
    expect(resolveReference("[4]", referenceIndex)?.number).toBe(4);
    expect(resolveReference("ref. 2", referenceIndex)?.number).toBe(2);
    expect(resolveReference("https://doi.org/10.1136/jnnp.2003.030551", referenceIndex)?.number).toBe(2);
    expect(resolveReference("Okabayashi T, Shima Y", referenceIndex)?.number).toBe(3);
    expect(resolveReference("6", referenceIndex)).toBeNull();
    expect(resolveReference("Smith J. Insulinoma in pregnancy.", referenceIndex)).toBeNull();
  });
});

describe("mergeChunkResults", () => {
  it("keeps the best-supported judgement of each checklist item and one finding per passage", () => {
    const missing = emptyReply();
    missing.summary = "Part one.";
    missing.checklist = [{ itemId: "7", judgement: "missing", comment: "No timeline here.", quote: "Case presentation" }];
    missing.strengths.push({ comment: "Clear work-up.", quote: REAL_QUOTES.workUp, references: [] });
    const present = emptyReply();
    present.summary = "Part two.";
    present.checklist = [{ itemId: "7", judgement: "present", comment: "Timeline given.", quote: REAL_QUOTES.timeline }];
    present.strengths.push({ comment: "The work-up is thorough.", quote: REAL_QUOTES.workUp, references: [] });
    const merged = mergeChunkResults([verify(missing), verify(present)]);
    expect(merged.summary).toBe("Part one.\n\nPart two.");
    // In manuscript order: the timeline comes before the diagnostic work-up.
    expect(merged.findings.map((f) => [f.kind, f.judgement ?? null, f.message])).toEqual([
      ["checklist", "present", "CARE 2013 item 7 (Timeline) is present: Timeline given."],
      ["strength", null, "Clear work-up."],
    ]);
    expect(merged.mergedDuplicates).toBe(2);
  });

  it("counts dropped items by reason", () => {
    const reply = emptyReply();
    reply.strengths.push({ comment: "x", quote: HALLUCINATED_QUOTE, references: [] });
    reply.strengths.push({ comment: "y", quote: REAL_QUOTES.workUp, references: ["8"] });
    reply.strengths.push({ comment: "z", quote: "another invented sentence about the biopsy", references: [] });
    const merged = mergeChunkResults([verify(reply)]);
    expect(merged.dropped.total).toBe(3);
    expect(merged.dropped.byReason).toEqual({
      "quote-not-found": 2,
      "quote-too-short": 0,
      "reference-not-in-list": 1,
      "unknown-checklist-item": 0,
      "empty-comment": 0,
    });
  });
});
