import { InformationContent } from "./information-content";
import { parseObo } from "./obo";
import { Ontology } from "./ontology";
import { MINI_OBO } from "./test-fixtures";

describe("InformationContent", () => {
  const onto = new Ontology(parseObo(MINI_OBO));
  const diseases = [
    { terms: ["HP:0002069"] }, // generalized seizures
    { terms: ["HP:0007359", "HP:0000252"] }, // focal seizures + microcephaly
    { terms: ["HP:0000253"] }, // progressive microcephaly
    { terms: ["HP:0002279"] }, // alt id of Seizures
  ];

  it("is -ln of the share of diseases annotated with the term or a descendant", () => {
    const ic = InformationContent.fromDiseases(onto, diseases);
    expect(ic.diseaseCount).toBe(4);
    expect(ic.of("HP:0000001")).toBeCloseTo(0);
    expect(ic.of("HP:0001250")).toBeCloseTo(-Math.log(3 / 4)); // diseases 1, 2, 4
    expect(ic.of("HP:0000252")).toBeCloseTo(-Math.log(2 / 4));
    expect(ic.of("HP:0000707")).toBeCloseTo(0); // every disease is neurological here
    expect(ic.of("HP:0002069")).toBeCloseTo(-Math.log(1 / 4));
  });

  it("gives unannotated terms the IC of a single annotation, keeping IC monotone along is_a", () => {
    const ic = InformationContent.fromDiseases(onto, diseases);
    expect(ic.of("HP:0000253")).toBeCloseTo(Math.log(4));
    const v = ic.values;
    for (const t of onto.terms) for (const p of t.parents) expect(v[t.index]).toBeGreaterThanOrEqual(v[p] - 1e-12);
  });

  it("blends case-library counts and can remove them again", () => {
    const ic = InformationContent.fromDiseases(onto, diseases);
    const before = ic.of("HP:0000252");
    const version = ic.version;
    ic.addCaseTermSets([["HP:0000253"], ["HP:0000252"], ["HP:0000252", "HP:0001250"]]);
    expect(ic.version).toBeGreaterThan(version);
    expect(ic.caseCount).toBe(3);
    expect(ic.of("HP:0000252")).toBeCloseTo(-Math.log((2 + 3) / (4 + 3)));
    expect(ic.of("HP:0000252")).toBeLessThan(before);
    ic.setCaseWeight(0);
    expect(ic.of("HP:0000252")).toBeCloseTo(before);
    ic.setCaseWeight(1);
    ic.removeCaseTerms(["HP:0000253"]);
    ic.removeCaseTerms(["HP:0000252"]);
    ic.removeCaseTerms(["HP:0000252", "HP:0001250"]);
    expect(ic.of("HP:0000252")).toBeCloseTo(before);
  });

  it("returns NaN for unknown ids", () => {
    expect(InformationContent.fromDiseases(onto, diseases).of("HP:1234567")).toBeNaN();
  });
});
