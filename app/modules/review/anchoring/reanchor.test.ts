import type { TextSelectors } from "../../../../db/schema/review";
import { reanchor, type AnchorResult, type ReanchorOptions } from "./reanchor";
import { CONTEXT_LENGTH, selectorsFor } from "./selectors";
import { PARAGRAPHS, rangeOf, TEXT, withParagraph } from "./test-manuscript";

const DROP_OUT = "The drop-out rate was 12% in the intervention arm and 15% in the control arm, mostly because of deaths and withdrawals.";
const LIMITATIONS = 18;
const DELIRIUM = 15;

function annotate(phrase: string, from = 0) {
  return selectorsFor(TEXT, ...rangeOf(TEXT, phrase, from));
}

function expectAnchoredOn(result: AnchorResult, text: string, phrase: string, from = 0) {
  const [start, end] = rangeOf(text, phrase, from);
  expect({ start: result.start, end: result.end, exact: result.exact }).toEqual({ start, end, exact: phrase });
  expect(result.selectors).toEqual(selectorsFor(text, start, end));
}

describe("selectorsFor", () => {
  it("keeps the quote, at most 32 characters of context either side, and the offsets", () => {
    const selectors = annotate(DROP_OUT);
    expect(selectors.quote.exact).toBe(DROP_OUT);
    expect(selectors.quote.prefix).toBe(TEXT.slice(selectors.position.start - CONTEXT_LENGTH, selectors.position.start));
    expect(selectors.quote.suffix).toHaveLength(CONTEXT_LENGTH);
    expect(TEXT.slice(selectors.position.start, selectors.position.end)).toBe(DROP_OUT);
    const stored: TextSelectors = selectors;
    expect(stored.position.end - stored.position.start).toBe(DROP_OUT.length);
  });

  it("has shorter context at the edges of the text", () => {
    const selectors = selectorsFor(TEXT, 0, 5);
    expect(selectors.quote).toEqual({ exact: "Early", prefix: "", suffix: TEXT.slice(5, 5 + CONTEXT_LENGTH) });
    expect(selectorsFor(TEXT, TEXT.length - 3, TEXT.length).quote.suffix).toBe("");
  });

  it("refuses empty, reversed and out-of-range selections, and ranges that split a character", () => {
    expect(() => selectorsFor(TEXT, 5, 5)).toThrow(/empty or outside/);
    expect(() => selectorsFor(TEXT, 6, 5)).toThrow(RangeError);
    expect(() => selectorsFor(TEXT, -1, 5)).toThrow(RangeError);
    expect(() => selectorsFor(TEXT, 0, TEXT.length + 1)).toThrow(RangeError);
    expect(() => selectorsFor("α 𝛽 γ", 0, 3)).toThrow(/cuts a character/);
  });

  it("never starts the context inside a surrogate pair", () => {
    const text = `${"x".repeat(10)}𝛽${"y".repeat(31)}quote`;
    const start = text.indexOf("quote");
    expect(selectorsFor(text, start, start + 5).quote.prefix).toBe("y".repeat(31));
  });
});

const modes: Array<[string, ReanchorOptions]> = [
  ["given the old text's length", { oldTextLength: TEXT.length }],
  ["given the old text", { oldText: TEXT }],
];

describe.each(modes)("reanchor, %s", (_, options) => {
  it("re-anchors an annotation on an unchanged sentence exactly", () => {
    const selectors = annotate(DROP_OUT);
    const result = reanchor(selectors, TEXT, options);
    expect(result.status).toBe("exact");
    expect(result.score).toBe(1);
    expectAnchoredOn(result, TEXT, DROP_OUT);
  });

  it("follows an unchanged sentence when text is added earlier in the manuscript", () => {
    const selectors = annotate(DROP_OUT);
    const newText = withParagraph(7, `${PARAGRAPHS[7]} Early mobilisation protocols also vary widely between countries and between hospitals.`);
    const result = reanchor(selectors, newText, options);
    expect(result.status).toBe("exact");
    expect(result.start).toBeGreaterThan(selectors.position.start);
    expectAnchoredOn(result, newText, DROP_OUT);
  });

  it("reports a sentence of a paragraph moved to another section as moved, at its new place", () => {
    const selectors = annotate("Our trial has limitations.");
    const paragraphs = [...PARAGRAPHS];
    const [limitations] = paragraphs.splice(LIMITATIONS, 1);
    paragraphs.splice(12, 0, limitations);
    const newText = paragraphs.join("\n");
    const result = reanchor(selectors, newText, options);
    expect(result.status).toBe("moved");
    expectAnchoredOn(result, newText, "Our trial has limitations.");
    expect(result.start).toBeLessThan(newText.indexOf("\nResults\n"));
  });

  it("reports a whole moved paragraph as moved although both neighbours changed", () => {
    const selectors = annotate(PARAGRAPHS[LIMITATIONS]);
    const paragraphs = [...PARAGRAPHS];
    const [limitations] = paragraphs.splice(LIMITATIONS, 1);
    paragraphs.splice(17, 0, limitations);
    const newText = paragraphs.join("\n");
    const result = reanchor(selectors, newText, options);
    expect(result.status).toBe("moved");
    expectAnchoredOn(result, newText, PARAGRAPHS[LIMITATIONS]);
  });

  it("re-anchors a lightly edited sentence as fuzzy, the range covering the whole edited sentence", () => {
    const selectors = annotate(DROP_OUT);
    const edited = "The dropout rate was 11% in the intervention group and 15% in the control group, mostly because of deaths and withdrawals.";
    const newText = withParagraph(13, PARAGRAPHS[13].replace(DROP_OUT, edited));
    const result = reanchor(selectors, newText, options);
    expect(result.status).toBe("fuzzy");
    expect(result.score).toBeGreaterThan(0.8);
    expect(result.score).toBeLessThan(1);
    expectAnchoredOn(result, newText, edited);
  });

  it("re-anchors an edited sentence whose neighbouring sentence was rewritten too", () => {
    const selectors = annotate("Physiotherapy in the usual care group was not standardised");
    const newText = withParagraph(
      LIMITATIONS,
      "Our trial has several limitations. Physiotherapy in the usual-care group was not fully standardised, and adherence to the protocol was lower at weekends. The follow-up of 90 days may be too short to show effects on long-term independence.",
    );
    const result = reanchor(selectors, newText, options);
    expect(result.status).toBe("fuzzy");
    expectAnchoredOn(result, newText, "Physiotherapy in the usual-care group was not fully standardised");
  });

  describe("a deleted paragraph", () => {
    const newText = withParagraph(DELIRIUM, null);
    const delirium = TEXT.indexOf("Delirium occurred");

    it("orphans a sentence of it", () => {
      const result = reanchor(annotate("Delirium occurred in 38 patients (18%) in the early mobilisation group", delirium), newText, options);
      expect(result).toEqual({ status: "orphan", score: 0 });
    });

    it("orphans a phrase of it that nearly repeats at the end of the paragraph now next to its old neighbour", () => {
      // "...was not statistically significant (p = 0.27).\nDiscussion" now ends the previous paragraph: same suffix.
      const result = reanchor(annotate("was not statistically significant (p = 0.33)", delirium), newText, options);
      expect(result.status).toBe("orphan");
      expect(result.start).toBeUndefined();
      expect(result.score).toBeGreaterThan(0);
    });

    it("orphans a common short phrase of it found verbatim elsewhere", () => {
      const result = reanchor(annotate("statistically significant", delirium), newText, options);
      expect(result.status).toBe("orphan");
    });

    it("orphans the whole paragraph", () => {
      expect(reanchor(annotate(PARAGRAPHS[DELIRIUM]), newText, options).status).toBe("orphan");
    });
  });

  it("orphans a short quote whose words changed rather than guess", () => {
    const selectors = annotate("12%");
    const newText = TEXT.replace("12% in the intervention arm", "14% in the intervention arm");
    expect(reanchor(selectors, newText, options).status).toBe("orphan");
  });

  describe("a repeated phrase", () => {
    const phrase = "was not statistically significant";
    const lengthOfStay = TEXT.indexOf("The difference in length of stay");

    it("stays on the occurrence it was made on", () => {
      const selectors = annotate(phrase, lengthOfStay);
      const result = reanchor(selectors, TEXT, options);
      expect(result.status).toBe("exact");
      expectAnchoredOn(result, TEXT, phrase, lengthOfStay);
    });

    it("is told apart by its context when another occurrence moved nearer its old position", () => {
      const selectors = annotate(phrase, lengthOfStay);
      const paragraphs = [...PARAGRAPHS];
      const [delirium] = paragraphs.splice(DELIRIUM, 1);
      paragraphs.splice(14, 0, delirium);
      const newText = paragraphs.join("\n");
      const result = reanchor(selectors, newText, options);
      expect(result.status).toBe("moved");
      expectAnchoredOn(result, newText, phrase, newText.indexOf("The difference in length of stay"));
      const otherOccurrence = newText.indexOf(phrase, newText.indexOf("The difference in pressure injuries"));
      expect(Math.abs(otherOccurrence - selectors.position.start)).toBeLessThan(Math.abs((result.start ?? 0) - selectors.position.start));
    });

    it("is told apart by its context when its own sentence was edited", () => {
      const selectors = annotate(phrase, lengthOfStay);
      const newText = TEXT.replace("The difference in length of stay was", "The difference in length of hospital stay was");
      const result = reanchor(selectors, newText, options);
      expect(result.status).toBe("moved");
      expectAnchoredOn(result, newText, phrase, newText.indexOf("length of hospital stay"));
    });
  });

  it("orphans an empty quote and anything on an empty text", () => {
    expect(reanchor({ quote: { exact: "", prefix: "", suffix: "" }, position: { start: 0, end: 0 } }, TEXT).status).toBe("orphan");
    expect(reanchor(annotate(DROP_OUT), "").status).toBe("orphan");
  });

});

describe("reanchor", () => {
  it("never anchors any phrase of a deleted paragraph elsewhere when given the old text", () => {
    let offset = 0;
    let checked = 0;
    PARAGRAPHS.forEach((paragraph, index) => {
      const newText = withParagraph(index, null);
      const words = [...paragraph.matchAll(/\S+/g)].map((w) => [w.index ?? 0, (w.index ?? 0) + w[0].length]);
      const phrases: Array<[number, number]> = [[0, paragraph.length]];
      for (const n of [2, 4, 8]) for (let w = 0; w + n <= words.length; w += 2) phrases.push([words[w][0], words[w + n - 1][1]]);
      for (const [start, end] of phrases) {
        const result = reanchor(selectorsFor(TEXT, offset + start, offset + end), newText, { oldText: TEXT });
        expect({ phrase: paragraph.slice(start, end), status: result.status }).toEqual({ phrase: paragraph.slice(start, end), status: "orphan" });
        checked++;
      }
      offset += paragraph.length + 1;
    });
    expect(checked).toBeGreaterThan(500);
  });

  it("refuses an old text that does not hold the quote where the selectors say", () => {
    const selectors = annotate(DROP_OUT);
    expect(() => reanchor(selectors, TEXT, { oldText: withParagraph(13, null) })).toThrow(/not the text these selectors were made on/);
  });

  describe("on a 50,000-character manuscript", () => {
    // Twenty near-copies of the manuscript (numbers shifted), as in a long supplement: many near-duplicate sentences.
    const copies = Array.from({ length: 20 }, (_, copy) => PARAGRAPHS.map((p) => p.replace(/\d+/g, (n) => String(Number(n) + copy))));
    const unique = "Sensitivity analysis excluding the two hospitals with the lowest adherence to the protocol gave similar results.";
    copies[12].splice(12, 0, unique);
    const big = copies.flat();
    const text = big.join("\n");
    const copyStart = (copy: number) => big.slice(0, copy * PARAGRAPHS.length + (copy > 12 ? 1 : 0)).join("\n").length;

    it("is large enough to matter", () => {
      expect(text.length).toBeGreaterThan(50_000);
    });

    it("re-anchors an unchanged sentence exactly after an edit far before it", () => {
      const sentence = copies[15][13].split(". ")[1];
      const selectors = selectorsFor(text, ...rangeOf(text, sentence, copyStart(15)));
      const newText = text.replace("Hip fractures affect about", "Hip fractures are common: they affect about");
      const result = reanchor(selectors, newText, { oldTextLength: text.length });
      expect(result.status).toBe("exact");
      expect(result.exact).toBe(sentence);
      expect(result.start).toBe(selectors.position.start + "are common: they ".length);
    });

    it("re-anchors an edited sentence onto its own copy, not onto a near-duplicate", () => {
      const sentence = copies[7][14].split(". ")[0];
      const [start, end] = rangeOf(text, sentence, copyStart(7));
      const selectors = selectorsFor(text, start, end);
      const edited = sentence.replace("The mean Barthel Index", "The mean Barthel index score").replace("usual care", "usual-care");
      const newText = text.slice(0, start) + edited + text.slice(end);
      const result = reanchor(selectors, newText, { oldText: text });
      expect(result.status).toBe("fuzzy");
      expect({ start: result.start, exact: result.exact }).toEqual({ start, exact: edited });
    });

    it("orphans a sentence of a deleted paragraph after scanning the whole text", () => {
      const [start, end] = rangeOf(text, unique);
      const selectors = selectorsFor(text, start, end - 1);
      const newText = text.replace(`${unique}\n`, "");
      expect(reanchor(selectors, newText, { oldTextLength: text.length }).status).toBe("orphan");
    });
  });
});
