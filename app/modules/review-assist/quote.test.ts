import { anchorQuote, quoteAt, verifyQuote } from "./quote";

const text = "The patient improved. Glucose normalised within 48 hours. The patient improved again at follow-up.";

describe("quoteAt", () => {
  it("keeps up to 32 characters of context either side", () => {
    const start = text.indexOf("Glucose");
    const quote = quoteAt(text, start, start + "Glucose normalised".length);
    expect(quote.exact).toBe("Glucose normalised");
    expect(quote.prefix).toBe("The patient improved. ");
    expect(quote.suffix).toBe(" within 48 hours. The patient im");
    expect(quote.suffix).toHaveLength(32);
  });

  it("refuses an empty or out-of-range span", () => {
    expect(() => quoteAt(text, 5, 5)).toThrow(RangeError);
    expect(() => quoteAt(text, 0, text.length + 1)).toThrow(RangeError);
  });
});

describe("verifyQuote", () => {
  it("accepts a quote built from the same text", () => {
    expect(verifyQuote(text, quoteAt(text, 4, 11))).toBe(true);
  });

  it("rejects a quote whose position, text or context no longer matches", () => {
    const quote = quoteAt(text, 4, 11);
    expect(verifyQuote(text, { ...quote, start: 5, end: 12 })).toBe(false);
    expect(verifyQuote(text, { ...quote, exact: "patients" })).toBe(false);
    expect(verifyQuote(text, { ...quote, prefix: "A " })).toBe(false);
    expect(verifyQuote(`X${text}`, quote)).toBe(false);
  });
});

describe("anchorQuote", () => {
  it("anchors an exact quote and picks the occurrence nearest the hint", () => {
    const first = anchorQuote(text, "The patient improved");
    expect(first?.start).toBe(0);
    const second = anchorQuote(text, "The patient improved", 60);
    expect(second?.start).toBe(text.lastIndexOf("The patient improved"));
    expect(second && verifyQuote(text, second)).toBe(true);
  });

  it("tolerates whitespace, quote-mark and dash differences and returns the manuscript's own text", () => {
    const source = "She said “it was sudden” — then   collapsed.";
    const quote = anchorQuote(source, 'said "it was sudden" - then collapsed');
    expect(quote?.exact).toBe("said “it was sudden” — then   collapsed");
    expect(quote && verifyQuote(source, quote)).toBe(true);
  });

  it("returns null for a quote that is not in the text (a hallucination)", () => {
    expect(anchorQuote(text, "The patient died")).toBeNull();
    expect(anchorQuote(text, "   ")).toBeNull();
  });
});
