// Two-tailed p-values from test statistics, through jstat's regularised incomplete beta and gamma functions
// (upper tails computed directly rather than as 1 − cdf, which keeps precision for small p).
import jStat from "jstat";

export type StatisticKind = "t" | "F" | "chi2" | "r" | "z";

export interface StatisticInput {
  kind: StatisticKind;
  value: number;
  df1?: number;
  df2?: number;
}

function pFromT(t: number, df: number): number {
  return jStat.ibeta(df / (df + t * t), df / 2, 0.5);
}

/** Two-tailed p for t, r and z; the upper-tail p for F and χ² (which are one-sided by construction). */
export function pValue({ kind, value, df1, df2 }: StatisticInput): number {
  switch (kind) {
    case "t":
      return pFromT(value, requireDf(df1, kind));
    case "r": {
      const df = requireDf(df1, kind);
      const r = Math.abs(value);
      if (r >= 1) return 0;
      return pFromT((r * Math.sqrt(df)) / Math.sqrt(1 - r * r), df);
    }
    case "z":
      return 2 * jStat.normal.cdf(-Math.abs(value), 0, 1);
    case "F": {
      const d1 = requireDf(df1, kind);
      const d2 = requireDf(df2, kind);
      if (value <= 0) return 1;
      return jStat.ibeta(d2 / (d2 + d1 * value), d2 / 2, d1 / 2);
    }
    case "chi2": {
      const df = requireDf(df1, kind);
      if (value <= 0) return 1;
      return 1 - jStat.lowRegGamma(df / 2, value / 2);
    }
  }
}

function requireDf(df: number | undefined, kind: StatisticKind): number {
  if (df === undefined || !(df > 0)) throw new RangeError(`${kind} needs positive degrees of freedom, got ${df}`);
  return df;
}

/**
 * The p-values a reported statistic can stand for, given that it was rounded to `decimals` digits (the statcheck rule):
 * p is monotone in |statistic|, so the interval ends are the p-values at the ends of the rounding interval.
 */
export function pRange(input: StatisticInput, decimals: number): { low: number; high: number } {
  const half = 0.5 * 10 ** -decimals;
  const magnitude = Math.abs(input.value);
  let upper = magnitude + half;
  if (input.kind === "r") upper = Math.min(upper, 1);
  const lower = Math.max(0, magnitude - half);
  return { low: pValue({ ...input, value: upper }), high: pValue({ ...input, value: lower }) };
}
