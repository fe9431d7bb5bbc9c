import { approximateMatches, contextDistance, editDistance } from "./approximate-match";

/** A small seeded generator (mulberry32) so that failures reproduce. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomString(next: () => number, length: number, alphabet: string): string {
  let s = "";
  for (let i = 0; i < length; i++) s += alphabet[Math.floor(next() * alphabet.length)];
  return s;
}

/** The fewest edits between the pattern and any substring of the text, by brute force. */
function bruteForceBest(text: string, pattern: string): number {
  let best = pattern.length;
  for (let s = 0; s <= text.length; s++) for (let e = s; e <= text.length; e++) best = Math.min(best, editDistance(pattern, text.slice(s, e)));
  return best;
}

describe("editDistance and contextDistance", () => {
  it("counts insertions, deletions and substitutions", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("drop-out", "dropout")).toBe(1);
    expect(editDistance("same", "same")).toBe(0);
  });

  it("measures context against the text beside a position, counting an inserted word once", () => {
    const text = "The difference in length of hospital stay was not statistically significant";
    const at = text.indexOf("was not");
    expect(contextDistance("difference in length of stay ", text, at, "before")).toBe("hospital ".length);
    expect(contextDistance("was not statistically", text, at, "after")).toBe(0);
    expect(contextDistance("was nearly statistically", text, at, "after")).toBe(editDistance("was nearly statistically", "was not statistically"));
    expect(contextDistance("", text, at, "before")).toBe(0);
    expect(contextDistance("anything", text, 0, "before")).toBe("anything".length);
  });
});

describe("approximateMatches", () => {
  it("finds an edited phrase and where it starts and ends", () => {
    const text = "Patients in the intervention group were mobilised within 24 hours of surgery.";
    const [match] = approximateMatches(text, "the intervention arm were mobilized", 8);
    expect(text.slice(match.start, match.end)).toBe("the intervention group were mobilised");
    expect(match.errors).toBe(editDistance("the intervention arm were mobilized", "the intervention group were mobilised"));
  });

  it("returns exact occurrences with no errors, one per occurrence, in text order", () => {
    const text = "p = 0.27 here, p = 0.27 there";
    const matches = approximateMatches(text, "p = 0.27", 2);
    expect(matches.filter((m) => m.errors === 0).map((m) => m.start)).toEqual([0, 15]);
  });

  it("finds nothing beyond the error budget", () => {
    expect(approximateMatches("completely unrelated words", "randomised controlled trial", 3)).toEqual([]);
  });

  it("searches only inside the window it is given", () => {
    const text = "alpha beta gamma alpha beta gamma";
    const matches = approximateMatches(text, "alpha beta", 1, { from: 10 });
    expect(matches.map((m) => m.start)).toEqual([17]);
  });

  it("rejects an error budget that would match anything", () => {
    expect(() => approximateMatches("text", "abc", 3)).toThrow(RangeError);
    expect(() => approximateMatches("text", "", 0)).toThrow(RangeError);
  });

  it("agrees with a brute-force search on random strings (patterns shorter and longer than a machine word)", () => {
    const next = random(20_261_122);
    for (let round = 0; round < 150; round++) {
      const alphabet = round % 2 === 0 ? "ab " : "abcdefg";
      const text = randomString(next, 20 + Math.floor(next() * 40), alphabet);
      const pattern = round % 5 === 0 ? randomString(next, 33 + Math.floor(next() * 6), alphabet) : randomString(next, 3 + Math.floor(next() * 10), alphabet);
      const maxErrors = Math.floor(pattern.length * 0.4);
      const expected = bruteForceBest(text, pattern);
      const matches = approximateMatches(text, pattern, maxErrors);
      if (expected > maxErrors) {
        expect(matches).toEqual([]);
        continue;
      }
      expect(matches[0].errors).toBe(expected);
      for (const m of matches) {
        expect(m.errors).toBeLessThanOrEqual(maxErrors);
        expect(editDistance(pattern, text.slice(m.start, m.end))).toBe(m.errors);
      }
    }
  });
});
