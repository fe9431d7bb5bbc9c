import { pRange, pValue } from "./p-values";

// Critical values from standard tables: each gives p = .05 two-tailed (t, r, z) or upper tail (F, χ²).
describe("pValue", () => {
  it.each([
    ["t(10) = 2.228", { kind: "t" as const, value: 2.228, df1: 10 }, 0.05],
    ["t(30) = -2.042", { kind: "t" as const, value: -2.042, df1: 30 }, 0.05],
    ["F(1, 30) = 4.171", { kind: "F" as const, value: 4.171, df1: 1, df2: 30 }, 0.05],
    ["F(3, 60) = 2.758", { kind: "F" as const, value: 2.758, df1: 3, df2: 60 }, 0.05],
    ["χ²(1) = 3.841", { kind: "chi2" as const, value: 3.841, df1: 1 }, 0.05],
    ["χ²(4) = 9.488", { kind: "chi2" as const, value: 9.488, df1: 4 }, 0.05],
    ["r(28) = .361", { kind: "r" as const, value: 0.361, df1: 28 }, 0.05],
    ["z = 1.960", { kind: "z" as const, value: 1.96, df1: undefined }, 0.05],
    ["z = 2.576", { kind: "z" as const, value: 2.576, df1: undefined }, 0.01],
  ])("%s gives p ≈ %s", (_label, input, expected) => {
    expect(pValue(input)).toBeCloseTo(expected, 3);
  });

  it("keeps precision for very small p", () => {
    const p = pValue({ kind: "t", value: 12, df1: 100 });
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1e-19);
  });

  it("needs degrees of freedom except for z", () => {
    expect(() => pValue({ kind: "t", value: 2 })).toThrow(/degrees of freedom/);
  });
});

describe("pRange", () => {
  it("spans the p-values of the rounding interval of the statistic", () => {
    const { low, high } = pRange({ kind: "t", value: 2.2, df1: 28 }, 2);
    expect(low).toBeCloseTo(pValue({ kind: "t", value: 2.205, df1: 28 }), 12);
    expect(high).toBeCloseTo(pValue({ kind: "t", value: 2.195, df1: 28 }), 12);
    expect(low).toBeLessThan(high);
  });
});
