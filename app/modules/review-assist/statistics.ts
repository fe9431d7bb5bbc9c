// The statistics engine: p-values recomputed from their test statistic, percentages against their counts, confidence
// intervals against their estimate, and the sample size of the Abstract against the Methods.
import { confidenceIntervalFindings } from "./confidence-intervals";
import { findingAt } from "./findings";
import { type Finding, type ManuscriptText, bodyBlocks } from "./model";
import { percentageFindings } from "./percentages";
import { sampleSizeFindings } from "./sample-sizes";
import { checkResult, describeComputedP, describeStatistic, extractResults } from "./statcheck";

const ONE_TAILED = /\bone[- ](?:tailed|sided)\b/i;

export function pValueFindings(manuscript: ManuscriptText): Finding[] {
  const findings: Finding[] = [];
  for (const block of bodyBlocks(manuscript)) {
    for (const result of extractResults(block.text)) {
      const context = block.text.slice(Math.max(0, result.start - 200), result.end);
      const verdict = checkResult(result, ONE_TAILED.test(context));
      const start = block.start + result.start;
      const end = block.start + result.end;
      const stated = `"${describeStatistic(result)}"`;
      // F and χ² tests are one-sided by construction; t, r and z p-values are reported two-tailed.
      const tail = result.kind === "F" || result.kind === "chi2" ? "upper tail" : "two-tailed";
      if (verdict.status === "impossible") {
        findings.push(findingAt(manuscript, "statistics", start, end, { code: "stat.impossible-value", severity: "error", message: `Impossible value: ${verdict.reason}.` }));
      } else if (verdict.status === "one-tailed") {
        findings.push(
          findingAt(manuscript, "statistics", start, end, {
            code: "stat.one-tailed-p",
            severity: "info",
            message: `${stated} matches a one-tailed test only (${describeComputedP(verdict.computedLow, verdict.computedHigh)}); check that a one-tailed test was pre-specified.`,
          }),
        );
      } else if (verdict.status === "inconsistent") {
        const computed = describeComputedP(verdict.computedLow, verdict.computedHigh);
        findings.push(
          findingAt(manuscript, "statistics", start, end, verdict.decisionError
            ? {
                code: "stat.decision-error",
                severity: "error",
                message: `Decision error: ${stated} is reported, but the statistic gives ${computed} (${tail}), which changes significance at α = .05.`,
              }
            : {
                code: "stat.inconsistent-p",
                severity: "warning",
                message: `Inconsistent p-value: ${stated} is reported, but the statistic gives ${computed} (${tail}).`,
              }),
        );
      }
    }
  }
  return findings;
}

export function statisticsFindings(manuscript: ManuscriptText): Finding[] {
  return [
    ...pValueFindings(manuscript),
    ...percentageFindings(manuscript),
    ...confidenceIntervalFindings(manuscript),
    ...sampleSizeFindings(manuscript),
  ].sort((a, b) => a.quote.start - b.quote.start);
}
