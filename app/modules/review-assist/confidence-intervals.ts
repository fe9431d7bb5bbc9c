// Confidence intervals that cannot belong to their estimate: "OR 2.1 (95% CI 2.3–3.5)", reversed bounds, or a ratio
// interval reaching zero or below.
import { findingAt, matchesInBlock } from "./findings";
import { type Finding, type ManuscriptText, bodyBlocks } from "./model";
import { NUMBER, parseNumber } from "./numbers";

const RATIO_LABELS = ["aOR", "aHR", "aRR", "aIRR", "OR", "HR", "RR", "IRR", "[Oo]dds ratio", "[Hh]azard ratio", "[Rr]isk ratio", "[Rr]elative risk", "[Rr]ate ratio"];
const DIFFERENCE_LABELS = ["SMD", "MD", "WMD", "[Ss]tandardi[sz]ed mean difference", "[Mm]ean difference", "[Rr]isk difference", "[Dd]ifference"];
const LABEL = `(${[...RATIO_LABELS, ...DIFFERENCE_LABELS].join("|")})`;
const SEPARATOR = String.raw`\s*(?:to|–|—|-|‐|,|;)\s*`;
const CI_PATTERN = new RegExp(
  String.raw`(?<![\w])${LABEL}\s*(?:of|was|were|=|:)?\s*(${NUMBER})\s*[,;]?\s*[(\[]?\s*(\d{2}(?:[.,]\d+)?)\s*%\s*(?:CI|CrI|confidence interval|credible interval)\s*[:=,]?\s*[(\[]?\s*(${NUMBER})${SEPARATOR}(${NUMBER})`,
  "g",
);

export interface IntervalClaim {
  label: string;
  estimate: number;
  lower: number;
  upper: number;
}

const RATIO = new RegExp(`^(?:${RATIO_LABELS.join("|")})$`);

export function checkInterval({ label, estimate, lower, upper }: IntervalClaim): { code: string; severity: "warning" | "error"; reason: string } | null {
  if (lower > upper) return { code: "stat.ci-reversed", severity: "warning", reason: `the lower bound ${lower} is above the upper bound ${upper}` };
  if (RATIO.test(label) && lower <= 0) return { code: "stat.ratio-ci-nonpositive", severity: "error", reason: `a ratio's interval cannot reach ${lower}` };
  if (estimate < lower || estimate > upper) {
    return { code: "stat.ci-excludes-estimate", severity: "warning", reason: `the estimate ${estimate} lies outside its interval ${lower} to ${upper}` };
  }
  return null;
}

export function confidenceIntervalFindings(manuscript: ManuscriptText): Finding[] {
  const findings: Finding[] = [];
  for (const block of bodyBlocks(manuscript)) {
    for (const { match, start, end } of matchesInBlock(block, CI_PATTERN)) {
      const claim = { label: match[1], estimate: parseNumber(match[2]).value, lower: parseNumber(match[4]).value, upper: parseNumber(match[5]).value };
      const problem = checkInterval(claim);
      if (!problem) continue;
      findings.push(
        findingAt(manuscript, "statistics", start, end, {
          code: problem.code,
          severity: problem.severity,
          message: `Confidence interval does not fit its ${claim.label}: ${problem.reason}.`,
        }),
      );
    }
  }
  return findings;
}
