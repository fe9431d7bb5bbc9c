import { identifierFindings } from "./identifiers";
import { type ArticleType, manuscriptFromBlocks } from "./model";

const manuscript = (articleType: ArticleType, text: string) => manuscriptFromBlocks({ articleType, blocks: [{ id: "p", type: "paragraph", text }] });

describe("identifierFindings", () => {
  const text = "Mr Oliver Brown was admitted on 2020-01-05. The trial is registered at https://clinicaltrials.gov/study/NCT01234567; see www.oliverbrown.net.";

  it("reports identifiers as errors in a case report, with the suggested replacement", () => {
    const findings = identifierFindings(manuscript("case-report", text));
    expect(findings.map((f) => [f.code, f.severity, f.quote.exact])).toEqual([
      ["identifier.name", "error", "Oliver Brown"],
      ["identifier.date", "error", "2020-01-05"],
      ["identifier.url", "error", "www.oliverbrown.net"],
    ]);
    expect(findings[1].message).toContain("[DATE: 2020]");
  });

  it("leaves study periods (month and year) alone outside case reports", () => {
    const period = "We recruited between January 2015 and March 2017; one visit was on 12 March 2016.";
    expect(identifierFindings(manuscript("randomised-trial", period)).map((f) => f.quote.exact)).toEqual(["12 March 2016"]);
    expect(identifierFindings(manuscript("case-report", period)).map((f) => f.quote.exact)).toEqual(["January 2015", "March 2017", "12 March 2016"]);
  });

  it("reports them as warnings in other article types", () => {
    expect(new Set(identifierFindings(manuscript("observational-study", text)).map((f) => f.severity))).toEqual(new Set(["warning"]));
  });
});
