import { CHECKLISTS, checklistFor } from "./guidelines";
import { type BlockInput, manuscriptFromBlocks } from "./model";
import { verifyQuote } from "./quote";
import { evaluateChecklist, evaluateItem, reportingFindings } from "./reporting";

const heading = (text: string): BlockInput => ({ id: `h-${text}`, type: "heading", text });
const paragraph = (text: string): BlockInput => ({ id: `p-${text.slice(0, 12)}`, type: "paragraph", text });

describe("checklists as data", () => {
  it("holds the four guidelines with their versions and unique item ids", () => {
    expect(CHECKLISTS.map((c) => `${c.name} ${c.version}`)).toEqual(["CARE 2013", "CONSORT 2010", "STROBE 4", "PRISMA 2020"]);
    for (const checklist of CHECKLISTS) {
      const ids = checklist.items.map((i) => i.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const item of checklist.items) expect(item.cues.length).toBeGreaterThan(0);
    }
    expect(CHECKLISTS.find((c) => c.name === "CONSORT")?.items).toHaveLength(37);
  });

  it("picks the checklist from the article type", () => {
    expect(checklistFor("case-report")?.name).toBe("CARE");
    expect(checklistFor("randomised-trial")?.name).toBe("CONSORT");
    expect(checklistFor("observational-study")?.name).toBe("STROBE");
    expect(checklistFor("systematic-review")?.name).toBe("PRISMA");
    expect(checklistFor("editorial")).toBeNull();
  });
});

describe("evaluateItem", () => {
  const care = checklistFor("case-report")!;
  const consent = care.items.find((i) => i.id === "13")!;
  const timeline = care.items.find((i) => i.id === "7")!;

  it("marks an item present and quotes the sentence that satisfies it", () => {
    const m = manuscriptFromBlocks({
      articleType: "case-report",
      blocks: [heading("Consent"), paragraph("We thank the team. Written informed consent was obtained from the patient for publication. No funding.")],
    });
    const result = evaluateItem(m, consent);
    expect(result.status).toBe("present");
    expect(result.quote?.exact).toBe("Written informed consent was obtained from the patient for publication.");
    expect(result.quote && verifyQuote(m.text, result.quote)).toBe(true);
  });

  it("marks an item unclear when only weak cues exist", () => {
    const m = manuscriptFromBlocks({ articleType: "case-report", blocks: [paragraph("The ethics board waived the need for consent.")] });
    expect(evaluateItem(m, consent)).toMatchObject({ status: "unclear", reason: "only weak cues found" });
    const t = manuscriptFromBlocks({ articleType: "case-report", blocks: [paragraph("Two weeks later the rash returned.")] });
    expect(evaluateItem(t, timeline).status).toBe("unclear");
  });

  it("marks an item unclear when it is addressed outside its expected section", () => {
    const abstractConclusion = care.items.find((i) => i.id === "3c")!;
    const m = manuscriptFromBlocks({
      articleType: "case-report",
      blocks: [heading("Abstract"), paragraph("A woman presented with pain."), heading("Discussion"), paragraph("The lesson is simple.")],
    });
    expect(evaluateItem(m, abstractConclusion)).toMatchObject({ status: "unclear" });
  });

  it("marks an item missing when nothing addresses it", () => {
    const m = manuscriptFromBlocks({ articleType: "case-report", blocks: [paragraph("A woman presented with pain.")] });
    expect(evaluateItem(m, consent)).toMatchObject({ status: "missing" });
  });
});

describe("reportingFindings", () => {
  it("reports missing CONSORT items of a thin trial report, anchored on the expected section heading", () => {
    const m = manuscriptFromBlocks({
      articleType: "randomised-trial",
      blocks: [
        heading("Aspirin versus placebo after stroke: a randomised trial"),
        heading("Methods"),
        paragraph("Adults were eligible if they had a stroke. Participants were randomised with a computer-generated sequence in blocks of four, concealed in sealed opaque envelopes."),
        heading("Results"),
        paragraph("Mortality fell (HR 0.75, 95% CI 0.60 to 0.93)."),
      ],
    });
    const { report, findings } = reportingFindings(m);
    const status = Object.fromEntries(report!.items.map((i) => [i.id, i.status]));
    expect(status).toMatchObject({ "1a": "present", "4a": "present", "8a": "present", "8b": "present", "9": "present", "17a": "present", "23": "missing", "7a": "missing" });
    const sampleSize = findings.find((f) => f.message.includes("item 7a"));
    expect(sampleSize).toMatchObject({ code: "guideline.item-missing", severity: "warning" });
    expect(sampleSize?.quote.exact).toBe("Methods");
    for (const f of findings) expect(verifyQuote(m.text, f.quote)).toBe(true);
  });

  it("evaluates STROBE and PRISMA items from their cues", () => {
    const strobe = evaluateChecklist(
      manuscriptFromBlocks({
        articleType: "observational-study",
        blocks: [heading("Statin use and dementia: a population-based cohort study"), heading("Methods"), paragraph("Missing data were handled by multiple imputation.")],
      }),
      checklistFor("observational-study")!,
    );
    expect(strobe.items.find((i) => i.id === "1a")?.status).toBe("present");
    expect(strobe.items.find((i) => i.id === "12c")?.status).toBe("present");
    expect(strobe.items.find((i) => i.id === "13c")?.status).toBe("missing");

    const prisma = evaluateChecklist(
      manuscriptFromBlocks({
        articleType: "systematic-review",
        blocks: [heading("Exercise for back pain: a systematic review"), heading("Methods"), paragraph("We searched MEDLINE and Embase. The protocol was registered in PROSPERO (CRD42020123456).")],
      }),
      checklistFor("systematic-review")!,
    );
    expect(prisma.items.filter((i) => i.status === "present").map((i) => i.id)).toEqual(["1", "6", "24a-c"]);
  });

  it("returns no report for article types without a guideline", () => {
    expect(reportingFindings(manuscriptFromBlocks({ articleType: "editorial", blocks: [paragraph("Opinion.")] }))).toEqual({ report: null, findings: [] });
  });
});
