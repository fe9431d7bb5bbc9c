// Reported test results (t, F, χ², r, z with their p) found in text and recomputed, following the statcheck method
// (Epskamp & Nuijten): a result is consistent when some value in the rounding interval of the reported statistic gives
// a p that agrees with the reported p and its comparison operator.
import { NUMBER, formatP, parseNumber, roundingHalfWidth } from "./numbers";
import { type StatisticKind, pRange } from "./p-values";

export const ALPHA = 0.05;

export type Comparison = "=" | "<" | ">" | "<=" | ">=" | "ns";

export interface ReportedResult {
  kind: StatisticKind;
  df1?: number;
  df2?: number;
  statistic: number;
  statisticDecimals: number;
  comparison: Comparison;
  /** Absent when the result is reported as "ns". */
  p?: number;
  pDecimals: number;
  start: number;
  end: number;
  raw: string;
}

export type ResultVerdict =
  | { status: "consistent"; computedLow: number; computedHigh: number }
  | { status: "one-tailed"; computedLow: number; computedHigh: number }
  | { status: "inconsistent"; computedLow: number; computedHigh: number; decisionError: boolean }
  | { status: "impossible"; reason: string };

const OP = String.raw`(<=|>=|≤|≥|=|<|>)`;
const DF = String.raw`(\d+(?:\.\d+)?)`;
const STAT_NAME = String.raw`(t|F|r|z|Z|χ2|χ²|χ\^2|Χ2|X2|X²|[Cc]hi-?squared?|[Cc]hi2)`;
const P_NUMBER = String.raw`(${NUMBER})(?:\s*(?:[×x·]\s*10\s*\^?\s*|[eE])([-−]\s*\d+))?`;
const P_PART = String.raw`\s*[,;]?\s*\(?\s*(?:(?:two|2)[- ](?:tailed|sided)\s*,?\s*)?(?:([pP])(?:[- ]?values?)?\s*${OP}\s*${P_NUMBER}|(ns|n\.s\.|NS)\b)`;

// Groups: 1 name, 2 df1, 3 df2, 4 op, 5 value, then P_PART: 6 p, 7 op, 8 p-value, 9 exponent, 10 ns.
const WITH_DF_IN_PARENS = new RegExp(
  String.raw`(?<![\w.])${STAT_NAME}\s*\(\s*${DF}(?:\s*[,;/]\s*${DF})?(?:\s*[,;]\s*[Nn]\s*=\s*\d+)?\s*\)\s*${OP}\s*(${NUMBER})` + P_PART,
  "g",
);
// Medical style: "χ2 = 4.52, df = 1, P = 0.03". Groups: 1 name, 2 op, 3 value, 4 df1, 5 df2, then P_PART as above.
const WITH_DF_AFTER = new RegExp(
  String.raw`(?<![\w.])${STAT_NAME}\s*${OP}\s*(${NUMBER})(?:\s*[,;]\s*(?:df|d\.f\.)\s*=\s*${DF}(?:\s*[,/]\s*${DF})?)?` + P_PART,
  "g",
);

function kindOf(name: string): StatisticKind {
  if (name === "t" || name === "F" || name === "r") return name;
  if (name === "z" || name === "Z") return "z";
  return "chi2";
}

function comparisonOf(op: string): Comparison {
  if (op === "≤") return "<=";
  if (op === "≥") return ">=";
  return op as Comparison;
}

function build(match: RegExpMatchArray, layout: "parens" | "after"): ReportedResult | null {
  const [raw, name] = match;
  const [df1Raw, df2Raw, statOp, valueRaw] =
    layout === "parens" ? [match[2], match[3], match[4], match[5]] : [match[4], match[5], match[2], match[3]];
  const kind = kindOf(name);
  // Only "=" statistics can be recomputed; "t(28) > 2" says too little.
  if (statOp !== "=") return null;
  const df1 = df1Raw === undefined ? undefined : Number(df1Raw);
  const df2 = df2Raw === undefined ? undefined : Number(df2Raw);
  if (kind !== "z" && df1 === undefined) return null;
  if (kind === "F" && df2 === undefined) return null;
  if (kind !== "F" && df2 !== undefined) return null;
  if ((df1 !== undefined && !(df1 > 0)) || (df2 !== undefined && !(df2 > 0))) return null;
  const statistic = parseNumber(valueRaw);
  const start = match.index ?? 0;
  const base = { kind, df1, df2, statistic: statistic.value, statisticDecimals: statistic.decimals, start, end: start + raw.length, raw };
  if (match[10]) return { ...base, comparison: "ns", pDecimals: 0 };
  const mantissa = parseNumber(match[8]);
  const exponent = match[9] ? Number(match[9].replace(/[−\s]/g, (c) => (c === "−" ? "-" : ""))) : 0;
  return { ...base, comparison: comparisonOf(match[7]), p: mantissa.value * 10 ** exponent, pDecimals: mantissa.decimals - exponent };
}

/** Every recomputable reported result in the text, in order of position. */
export function extractResults(text: string): ReportedResult[] {
  const found: ReportedResult[] = [];
  for (const match of text.matchAll(WITH_DF_IN_PARENS)) {
    const result = build(match, "parens");
    if (result) found.push(result);
  }
  for (const match of text.matchAll(WITH_DF_AFTER)) {
    const result = build(match, "after");
    if (result && !found.some((f) => f.start < result.end && result.start < f.end)) found.push(result);
  }
  return found.sort((a, b) => a.start - b.start);
}

function agrees(comparison: Comparison, p: number | undefined, pDecimals: number, low: number, high: number): boolean {
  if (comparison === "ns") return high >= ALPHA;
  const reported = p as number;
  switch (comparison) {
    case "=": {
      const half = roundingHalfWidth(pDecimals);
      return low <= reported + half && high >= reported - half;
    }
    case "<":
      return low < reported;
    case "<=":
      return low <= reported;
    case ">":
      return high > reported;
    case ">=":
      return high >= reported;
  }
}

/** Whether the authors presented the result as significant at α = .05; undefined when the report does not say. */
function reportedSignificant(result: ReportedResult): boolean | undefined {
  const { comparison, p } = result;
  if (comparison === "ns") return false;
  const reported = p as number;
  if (comparison === "=" || comparison === "<" || comparison === "<=") return reported <= ALPHA ? true : comparison === "=" ? false : undefined;
  return reported >= ALPHA ? false : undefined;
}

export function checkResult(result: ReportedResult, oneTailedMentioned = false): ResultVerdict {
  if (result.p !== undefined && (result.p < 0 || result.p > 1)) return { status: "impossible", reason: `a p-value of ${result.p} is outside 0–1` };
  if (result.kind === "r" && Math.abs(result.statistic) > 1) return { status: "impossible", reason: `a correlation of ${result.statistic} is outside −1 to 1` };
  if ((result.kind === "F" || result.kind === "chi2") && result.statistic < 0) return { status: "impossible", reason: `${result.kind === "F" ? "F" : "χ²"} cannot be negative` };
  const { low, high } = pRange(
    { kind: result.kind, value: result.statistic, df1: result.df1, df2: result.df2 },
    result.statisticDecimals,
  );
  if (agrees(result.comparison, result.p, result.pDecimals, low, high)) return { status: "consistent", computedLow: low, computedHigh: high };
  const oneSided = result.kind === "t" || result.kind === "z" || result.kind === "r";
  if (oneTailedMentioned && oneSided && agrees(result.comparison, result.p, result.pDecimals, low / 2, high / 2)) {
    return { status: "one-tailed", computedLow: low / 2, computedHigh: high / 2 };
  }
  const significant = reportedSignificant(result);
  const decisionError = significant === undefined ? false : significant ? low > ALPHA : high < ALPHA;
  return { status: "inconsistent", computedLow: low, computedHigh: high, decisionError };
}

/** The result as the authors wrote it, on one line. */
export function describeStatistic(result: ReportedResult): string {
  return result.raw.replace(/\s+/g, " ");
}

export function describeComputedP(low: number, high: number): string {
  const a = formatP(low);
  const b = formatP(high);
  return a === b ? `p ${a}` : `p ${a} to ${b.replace(/^= /, "")}`;
}
