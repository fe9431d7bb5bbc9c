import { ageBand, yearOnly } from "./coarsen";
import { findIdentifiers } from "./detect";
import { redact } from "./redact";

describe("redact", () => {
  it("replaces every identifier with its suggestion", () => {
    const text = "Mrs Jane Doe, 92 years old, was admitted on 12 March 2019 (MRN: 4471209).";
    expect(redact(text, findIdentifiers(text))).toBe("Mrs [NAME], [AGE: 90+], was admitted on [DATE: 2019] (MRN: [MRN]).");
  });

  it("leaves text without identifiers unchanged", () => {
    const text = "A woman in her sixties had hypoglycaemia in 2019.";
    expect(redact(text, findIdentifiers(text))).toBe(text);
  });

  it("refuses hits that belong to another text", () => {
    const hits = findIdentifiers("Seen on 12 March 2019.");
    expect(() => redact("Seen on 13 March 2019.", hits)).toThrow(/not at/);
  });
});

describe("ageBand", () => {
  it.each([
    [0, "0-4"],
    [4, "0-4"],
    [5, "5-9"],
    [67, "65-69"],
    [89, "85-89"],
    [89.9, "85-89"],
    [90, "90+"],
    [104, "90+"],
  ])("puts %s in %s", (age, band) => {
    expect(ageBand(age)).toBe(band);
  });

  it("rejects impossible ages", () => {
    expect(() => ageBand(-1)).toThrow(RangeError);
    expect(() => ageBand(Number.NaN)).toThrow(RangeError);
  });
});

describe("yearOnly", () => {
  it("keeps only the year of dates in any format", () => {
    expect(yearOnly(new Date(Date.UTC(2019, 2, 12)))).toBe(2019);
    expect(yearOnly("2019-03-12")).toBe(2019);
    expect(yearOnly("2019-03-12T10:00:00Z")).toBe(2019);
    expect(yearOnly("12 March 2019")).toBe(2019);
    expect(yearOnly("03/12/2019")).toBe(2019);
    expect(yearOnly("March 12, 2019")).toBe(2019);
    expect(yearOnly("2019")).toBe(2019);
  });

  it("returns null when there is no year to keep", () => {
    expect(yearOnly("March 12")).toBeNull();
    expect(yearOnly(new Date("not a date"))).toBeNull();
  });
});
