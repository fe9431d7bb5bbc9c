import { checkResult, extractResults } from "./statcheck";

function only(text: string) {
  const results = extractResults(text);
  expect(results).toHaveLength(1);
  return results[0];
}

describe("extractResults", () => {
  it.each([
    ["t(28) = 2.20, p = .04", { kind: "t", df1: 28, statistic: 2.2, comparison: "=", p: 0.04 }],
    ["t(28) = 2,20; p = 0,04", { kind: "t", df1: 28, statistic: 2.2, comparison: "=", p: 0.04 }],
    ["t(27.4) = −2.20, P<0.05", { kind: "t", df1: 27.4, statistic: -2.2, comparison: "<", p: 0.05 }],
    ["F(2, 57) = 3.15, p = .050", { kind: "F", df1: 2, df2: 57, statistic: 3.15, comparison: "=", p: 0.05 }],
    ["χ2(1, N = 90) = 3.84, p < .05", { kind: "chi2", df1: 1, statistic: 3.84, comparison: "<", p: 0.05 }],
    ["χ²(2) = 7.1, P = 0.029", { kind: "chi2", df1: 2, statistic: 7.1, comparison: "=", p: 0.029 }],
    ["chi-square(3) = 12.4, p ≤ .01", { kind: "chi2", df1: 3, statistic: 12.4, comparison: "<=", p: 0.01 }],
    ["X2(1) = 0.50, ns", { kind: "chi2", df1: 1, statistic: 0.5, comparison: "ns" }],
    ["r(48) = −.35, p = .013", { kind: "r", df1: 48, statistic: -0.35, comparison: "=", p: 0.013 }],
    ["z = 2.81, p = .005", { kind: "z", statistic: 2.81, comparison: "=", p: 0.005 }],
    ["χ2 = 4.52, df = 1, P = 0.03", { kind: "chi2", df1: 1, statistic: 4.52, comparison: "=", p: 0.03 }],
    ["t(100) = 5.20, p = 1.2 × 10−6", { kind: "t", df1: 100, statistic: 5.2, comparison: "=", p: 1.2e-6 }],
    ["t(40) = 2·10; p=0·042", { kind: "t", df1: 40, statistic: 2.1, comparison: "=", p: 0.042 }],
    ["t(18) = 1.10, p-value = .29", { kind: "t", df1: 18, statistic: 1.1, comparison: "=", p: 0.29 }],
  ])("reads %s", (text, expected) => {
    expect(only(text)).toMatchObject(expected);
  });

  it("gives the exact span of each result in the text", () => {
    const text = "Scores differed (t(28) = 2.20, p = .04), and so did times (F(1, 30) = 4.50, p = .04).";
    const results = extractResults(text);
    expect(results.map((r) => text.slice(r.start, r.end))).toEqual(["t(28) = 2.20, p = .04", "F(1, 30) = 4.50, p = .04"]);
  });

  it("ignores statistics it cannot recompute", () => {
    expect(extractResults("t = 2.20, p = .04 and r = .35, p = .01 and t(28) > 2, p < .05")).toEqual([]);
    expect(extractResults("The ratio was at (28) = 2.20, p = .04")).toEqual([]);
    expect(extractResults("t(0) = 2.20, p = .04 and F(1, 0) = 3.1, p = .09")).toEqual([]);
  });
});

describe("checkResult", () => {
  it("accepts a p that matches the statistic", () => {
    expect(checkResult(only("t(28) = 2.20, p = .04")).status).toBe("consistent");
    expect(checkResult(only("F(1, 30) = 4.50, p = .04")).status).toBe("consistent");
    expect(checkResult(only("t(100) = 5.20, p < .001")).status).toBe("consistent");
  });

  it("takes the rounding of the statistic into account (the statcheck rule)", () => {
    // t(10) = 2.2 stands for 2.15–2.25: p from .048 to .054, so "p = .05" is consistent although t = 2.20 exactly gives .052.
    expect(checkResult(only("t(10) = 2.2, p = .049")).status).toBe("consistent");
    // With two decimals the interval is too narrow to reach .049.
    expect(checkResult(only("t(10) = 2.20, p = .049")).status).toBe("inconsistent");
  });

  it("flags a wrong p that keeps the same significance as an inconsistency, not a decision error", () => {
    const verdict = checkResult(only("t(28) = 2.20, p = .01"));
    expect(verdict).toMatchObject({ status: "inconsistent", decisionError: false });
  });

  it("flags a wrong p that changes significance as a decision error", () => {
    expect(checkResult(only("t(28) = 1.20, p = .03"))).toMatchObject({ status: "inconsistent", decisionError: true });
    expect(checkResult(only("t(28) = 3.20, p = .12"))).toMatchObject({ status: "inconsistent", decisionError: true });
    expect(checkResult(only("t(28) = 2.80, ns"))).toMatchObject({ status: "inconsistent", decisionError: true });
    expect(checkResult(only("χ2(1) = 2.10, p < .05"))).toMatchObject({ status: "inconsistent", decisionError: true });
  });

  it("respects the comparison operator", () => {
    expect(checkResult(only("t(28) = 2.20, p < .05")).status).toBe("consistent");
    expect(checkResult(only("t(28) = 2.20, p < .01")).status).toBe("inconsistent");
    expect(checkResult(only("t(28) = 1.20, p > .05")).status).toBe("consistent");
    expect(checkResult(only("t(28) = 3.20, p > .05"))).toMatchObject({ status: "inconsistent", decisionError: true });
  });

  it("recognises a p that only fits a one-tailed test when one-tailed testing is mentioned", () => {
    const result = only("t(28) = 1.80, p = .04");
    expect(checkResult(result, false)).toMatchObject({ status: "inconsistent", decisionError: true });
    expect(checkResult(result, true).status).toBe("one-tailed");
  });

  it("rejects impossible values", () => {
    expect(checkResult(only("r(20) = 1.20, p = .01")).status).toBe("impossible");
    expect(checkResult(only("t(20) = 1.20, p = 1.30")).status).toBe("impossible");
  });
});
