import { checkInterval, confidenceIntervalFindings } from "./confidence-intervals";
import { type BlockInput, manuscriptFromBlocks } from "./model";
import { checkPercentage, percentageFindings } from "./percentages";
import { verifyQuote } from "./quote";
import { sampleSizeFindings } from "./sample-sizes";
import { statisticsFindings } from "./statistics";

const paragraph = (text: string, id = "p"): BlockInput => ({ id, type: "paragraph", text });
const heading = (text: string): BlockInput => ({ id: text, type: "heading", text });
const manuscript = (...blocks: BlockInput[]) => manuscriptFromBlocks({ blocks, articleType: "original-research" });

describe("p-value findings", () => {
  it("reports inconsistencies as warnings and decision errors as errors, anchored on the result", () => {
    const m = manuscript(
      heading("Results"),
      paragraph("Group A scored higher (t(28) = 2.20, p = .01). Time fell (F(1, 30) = 1.10, P = 0.03). Sex did not matter (χ2(1) = 0.40, p = .53)."),
    );
    const findings = statisticsFindings(m);
    expect(findings.map((f) => [f.code, f.severity, f.quote.exact])).toEqual([
      ["stat.inconsistent-p", "warning", "t(28) = 2.20, p = .01"],
      ["stat.decision-error", "error", "F(1, 30) = 1.10, P = 0.03"],
    ]);
    for (const f of findings) expect(verifyQuote(m.text, f.quote)).toBe(true);
    expect(findings[0].message).toContain("p = .036");
  });

  it("notes a one-tailed p as information when the text says the test was one-tailed", () => {
    const m = manuscript(paragraph("Using a one-tailed test, the effect was significant (t(28) = 1.80, p = .04)."));
    expect(statisticsFindings(m).map((f) => [f.code, f.severity])).toEqual([["stat.one-tailed-p", "info"]]);
  });

  it("does not read the reference list", () => {
    const m = manuscriptFromBlocks({ articleType: "original-research", blocks: [{ id: "r", type: "reference", text: "1. Doe J. t(28) = 2.20, p = .01. J Stat. 2020." }] });
    expect(statisticsFindings(m)).toEqual([]);
  });
});

describe("percentages", () => {
  it("checks a percentage against its counts with rounding", () => {
    expect(checkPercentage({ count: 12, total: 40, percent: 30, decimals: 0 })).toEqual({ ok: true });
    expect(checkPercentage({ count: 1, total: 8, percent: 12.5, decimals: 1 })).toEqual({ ok: true });
    expect(checkPercentage({ count: 1, total: 3, percent: 33, decimals: 0 })).toEqual({ ok: true });
    expect(checkPercentage({ count: 1, total: 3, percent: 33.4, decimals: 1 })).toMatchObject({ ok: false, severity: "warning" });
    expect(checkPercentage({ count: 50, total: 40, percent: 125, decimals: 0 })).toMatchObject({ ok: false, severity: "error" });
  });

  it("finds the usual ways of writing n/N and percentages", () => {
    const m = manuscript(
      paragraph(
        "Fever occurred in 12/40 (35%) patients, rash in 40% (14 of 40), cough in 9 of 40 (22.5%), and headache in 1,200/2,400 (50%). " +
          "Nausea: 10% (4/40). Seen on 12/03/2019 (30%).",
      ),
    );
    const findings = percentageFindings(m);
    expect(findings.map((f) => f.quote.exact)).toEqual(["12/40 (35%)", "40% (14 of 40)"]);
    expect(findings[0].message).toContain("30.0%");
  });
});

describe("confidence intervals", () => {
  it("flags an estimate outside its interval, reversed bounds and ratio intervals reaching zero", () => {
    expect(checkInterval({ label: "OR", estimate: 2.1, lower: 2.3, upper: 3.5 })?.code).toBe("stat.ci-excludes-estimate");
    expect(checkInterval({ label: "HR", estimate: 0.8, lower: 0.9, upper: 0.6 })?.code).toBe("stat.ci-reversed");
    expect(checkInterval({ label: "RR", estimate: 0.5, lower: -0.1, upper: 1.2 })?.code).toBe("stat.ratio-ci-nonpositive");
    expect(checkInterval({ label: "MD", estimate: -3.2, lower: -5.1, upper: -1.3 })).toBeNull();
    expect(checkInterval({ label: "OR", estimate: 2.3, lower: 2.3, upper: 3.5 })).toBeNull();
  });

  it("reads intervals in the usual styles", () => {
    const m = manuscript(
      paragraph(
        "Smoking raised the odds (OR 2.1 (95% CI 2.3–3.5)). Mortality fell (HR 0.75, 95% CI 0.60 to 0.93). " +
          "Pain fell (MD −3.2 [95% CI −5.1 to −1.3]); mean difference 4.1 (95% CI 1.2-7.0); aOR = 1.8; 95% CI: 0.9, 1.6. " +
          "Risk ratio of 1.20 (95% confidence interval 1.01–1.43).",
      ),
    );
    const findings = confidenceIntervalFindings(m);
    expect(findings.map((f) => [f.code, f.quote.exact])).toEqual([
      ["stat.ci-excludes-estimate", "OR 2.1 (95% CI 2.3–3.5"],
      ["stat.ci-excludes-estimate", "aOR = 1.8; 95% CI: 0.9, 1.6"],
    ]);
  });
});

describe("sample sizes", () => {
  it("flags an Abstract whose sample disagrees with the Methods", () => {
    const m = manuscript(
      heading("Abstract"),
      paragraph("We studied 120 patients were enrolled; of these, n = 40 had diabetes. In total N = 120."),
      heading("Methods"),
      paragraph("A total of 112 patients were enrolled between 2015 and 2018, n = 56 per arm."),
    );
    const findings = sampleSizeFindings(m);
    expect(findings).toHaveLength(1);
    expect(findings[0].quote.exact).toBe("N = 120");
    expect(findings[0].message).toContain("112");
  });

  it("reads counts with adjectives and other verbs", () => {
    const m = manuscript(
      heading("Abstract"),
      paragraph("We randomly assigned 412 participants to vitamin D or placebo."),
      heading("Methods"),
      paragraph("Between 2015 and 2017 we recruited 410 community-dwelling adults from 12 practices."),
    );
    expect(sampleSizeFindings(m).map((f) => f.quote.exact)).toEqual(["randomly assigned 412 participants"]);
  });

  it("falls back to bare counts only when a section has no total-like statement", () => {
    const bare = manuscript(heading("Abstract"), paragraph("We describe 120 patients with gout."), heading("Methods"), paragraph("Records of 118 patients were reviewed."));
    expect(sampleSizeFindings(bare).map((f) => f.quote.exact)).toEqual(["120 patients"]);
    const preferTotal = manuscript(
      heading("Abstract"),
      paragraph("A total of 120 patients were reviewed."),
      heading("Methods"),
      paragraph("A previous registry held 1,000 patients. We included 120 patients seen in 2019."),
    );
    expect(sampleSizeFindings(preferTotal)).toEqual([]);
  });

  it("stays silent when both sections agree or one is absent", () => {
    expect(
      sampleSizeFindings(manuscript(heading("Abstract"), paragraph("In all, 120 patients were randomised."), heading("Patients and methods"), paragraph("We randomised 120 patients."))),
    ).toEqual([]);
    expect(sampleSizeFindings(manuscript(heading("Abstract"), paragraph("N = 120")))).toEqual([]);
  });
});
