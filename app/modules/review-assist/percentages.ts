// Percentages reported next to their counts: "12/40 (30%)", "12 of 40 (30.0%)", "30% (12/40)", "30% (n = 12/40)".
import { findingAt, matchesInBlock } from "./findings";
import { type Finding, type ManuscriptText, bodyBlocks } from "./model";
import { COUNT, parseCount, parseNumber, roundingHalfWidth } from "./numbers";

const PERCENT = String.raw`\d+(?:[.,·]\d+)?`;
const OF = String.raw`\s*(?:\/|of|out of)\s*`;
const COUNT_FIRST = new RegExp(String.raw`(?<![\d/.,])(${COUNT})${OF}(${COUNT})(?![\d/])\s*[(\[]\s*(${PERCENT})\s*%(?:\s*[)\]])?`, "g");
const PERCENT_FIRST = new RegExp(String.raw`(?<![\d.,])(${PERCENT})\s*%\s*[(\[]\s*(?:n\s*=\s*)?(${COUNT})${OF}(${COUNT})\s*[)\]]`, "g");

export interface PercentageClaim {
  count: number;
  total: number;
  percent: number;
  decimals: number;
}

export type PercentageVerdict = { ok: true } | { ok: false; severity: "warning" | "error"; expected?: number; reason: string };

export function checkPercentage({ count, total, percent, decimals }: PercentageClaim): PercentageVerdict {
  if (total === 0) return { ok: false, severity: "error", reason: "the denominator is 0" };
  if (count > total) return { ok: false, severity: "error", reason: `${count} is larger than its total ${total}` };
  const expected = (100 * count) / total;
  // A small epsilon absorbs binary floating-point error at exact halves (e.g. 1/8 = 12.5%).
  if (Math.abs(expected - percent) <= roundingHalfWidth(decimals) + 1e-9) return { ok: true };
  return { ok: false, severity: "warning", expected, reason: `${count}/${total} is ${expected.toFixed(Math.max(1, decimals))}%, not ${percent}%` };
}

export function percentageFindings(manuscript: ManuscriptText): Finding[] {
  const findings: Finding[] = [];
  for (const block of bodyBlocks(manuscript)) {
    const claims = [
      ...[...matchesInBlock(block, COUNT_FIRST)].map(({ match, start, end }) => ({ start, end, count: match[1], total: match[2], percent: match[3] })),
      ...[...matchesInBlock(block, PERCENT_FIRST)].map(({ match, start, end }) => ({ start, end, count: match[2], total: match[3], percent: match[1] })),
    ];
    for (const claim of claims) {
      const percent = parseNumber(claim.percent);
      const verdict = checkPercentage({ count: parseCount(claim.count), total: parseCount(claim.total), percent: percent.value, decimals: percent.decimals });
      if (verdict.ok) continue;
      findings.push(
        findingAt(manuscript, "statistics", claim.start, claim.end, {
          code: verdict.severity === "error" ? "stat.impossible-proportion" : "stat.percentage-mismatch",
          severity: verdict.severity,
          message: `Percentage does not match its counts: ${verdict.reason}.`,
        }),
      );
    }
  }
  return findings;
}
