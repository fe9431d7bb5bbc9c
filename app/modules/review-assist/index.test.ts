import { CLEAN_PASSAGES, PLANTED, plantedCaseReport } from "./fixtures/planted-case-report";
import { runDeterministicChecks } from "./index";
import { findingSchema, manuscriptFromBlocks, manuscriptFromProseMirror, manuscriptInputSchema } from "./model";
import { verifyQuote } from "./quote";

describe("runDeterministicChecks on the planted case report", () => {
  const manuscript = manuscriptFromProseMirror(plantedCaseReport, "case-report");
  const { findings, guideline } = runDeterministicChecks(manuscript);
  const all = Object.values(findings).flat();

  it("is a realistic case report of about 600 words", () => {
    const words = manuscript.text.split(/\s+/).length;
    expect(words).toBeGreaterThan(550);
    expect(words).toBeLessThan(900);
  });

  it("anchors every finding to a verified quote", () => {
    expect(all.length).toBeGreaterThan(0);
    for (const finding of all) expect(verifyQuote(manuscript.text, finding.quote)).toBe(true);
  });

  it("produces findings that satisfy the shared finding schema", () => {
    for (const finding of all) expect(findingSchema.safeParse(finding).success).toBe(true);
  });

  it("finds the wrong p-value as a decision error", () => {
    expect(findings.statistics).toHaveLength(1);
    expect(findings.statistics[0]).toMatchObject({ code: "stat.decision-error", severity: "error", quote: { exact: PLANTED.wrongPValue } });
  });

  it("finds the missing CARE item and nothing else missing or unclear", () => {
    expect(guideline?.guideline).toBe("CARE");
    const notPresent = guideline?.items.filter((i) => i.status !== "present").map((i) => [i.id, i.status]);
    expect(notPresent).toEqual([[PLANTED.missingCareItem, "missing"]]);
    expect(findings.reporting).toHaveLength(1);
    expect(findings.reporting[0]).toMatchObject({ code: "guideline.item-missing", severity: "warning" });
    expect(findings.reporting[0].message).toContain("Informed consent");
    for (const item of guideline!.items.filter((i) => i.status === "present")) expect(item.quote && verifyQuote(manuscript.text, item.quote)).toBe(true);
  });

  it("finds the patient's name and the full date as errors, and nothing else", () => {
    expect(findings.identifiers.map((f) => [f.code, f.severity, f.quote.exact])).toEqual([
      ["identifier.name", "error", PLANTED.patientName],
      ["identifier.date", "error", PLANTED.fullDate],
    ]);
  });

  it("finds the uncited reference and no other reference problem", () => {
    expect(findings.references.map((f) => [f.code, f.quote.exact])).toEqual([["ref.uncited-reference", PLANTED.uncitedReference]]);
  });

  it("raises no alarm on the correct p-value, percentage, interval and age", () => {
    for (const passage of Object.values(CLEAN_PASSAGES)) {
      const start = manuscript.text.indexOf(passage);
      expect(start).toBeGreaterThan(-1);
      const end = start + passage.length;
      expect(all.filter((f) => f.quote.start < end && start < f.quote.end)).toEqual([]);
    }
  });
});

describe("runDeterministicChecks", () => {
  it("returns empty groups for a clean editorial", () => {
    const manuscript = manuscriptFromProseMirror(
      { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Peer review improves papers (t(28) = 2.20, p = .04)." }] }] },
      "editorial",
    );
    expect(runDeterministicChecks(manuscript)).toEqual({ findings: { statistics: [], reporting: [], references: [], identifiers: [] }, guideline: null });
  });
});

describe("manuscriptInputSchema", () => {
  it("accepts the plain-blocks input and rejects unknown block types", () => {
    const input = { articleType: "case-report", blocks: [{ id: "a", type: "paragraph", text: "A 67-year-old woman." }] };
    expect(manuscriptFromBlocks(manuscriptInputSchema.parse(input)).text).toBe("A 67-year-old woman.");
    expect(manuscriptInputSchema.safeParse({ ...input, blocks: [{ id: "a", type: "figure", text: "" }] }).success).toBe(false);
  });
});

describe("runDeterministicChecks on scrambled manuscripts", () => {
  it("never throws and anchors every finding, whatever the text (seeded)", () => {
    const tokens = ["t(28)", "=", "2.20", ",", "p", "<", ".05", "F(1,", "0)", "χ2(1)", "r(10)", "= 1.5", "ns", "[1]", "[2-4]", "(Smith et al., 2020)", "12/40", "(30%)", "OR", "2.1", "(95% CI", "2.3–3.5)", "Mrs", "Jane", "12 March 2019", "doi:10.", "10.1000/x", "n = 120", "patients", "were enrolled", "\n", "−", "·", "aged 95", "MRN:", "A1234", "http://x.y", "(", ")", "e-6", "Z =", "", "Abstract", "Methods"];
    const types = ["heading", "paragraph", "reference", "list-item", "table-row"] as const;
    const articleTypes = ["case-report", "randomised-trial", "observational-study", "systematic-review", "original-research"] as const;
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    let findingsSeen = 0;
    for (let i = 0; i < 300; i++) {
      const blocks = Array.from({ length: 1 + Math.floor(random() * 6) }, (_, j) => ({
        id: `b${j}`,
        type: types[Math.floor(random() * types.length)],
        text: Array.from({ length: Math.floor(random() * 30) }, () => tokens[Math.floor(random() * tokens.length)]).join(random() < 0.5 ? " " : ""),
      }));
      const manuscript = manuscriptFromBlocks({ blocks, articleType: articleTypes[i % articleTypes.length] });
      const all = Object.values(runDeterministicChecks(manuscript).findings).flat();
      for (const finding of all) expect(verifyQuote(manuscript.text, finding.quote)).toBe(true);
      findingsSeen += all.length;
    }
    expect(findingsSeen).toBeGreaterThan(1000);
  });
});
