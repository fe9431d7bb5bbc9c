import { curieFromIri, parseObographs } from "./obographs";
import { Ontology } from "./ontology";
import { MINI_OBOGRAPHS, OBO_PURL as P } from "./test-fixtures";

describe("parseObographs", () => {
  it("maps OBO PURLs to CURIEs", () => {
    expect(curieFromIri(`${P}HP_0000118`)).toBe("HP:0000118");
    expect(curieFromIri("HP:0000118")).toBe("HP:0000118");
  });

  it("builds an ontology with the release, synonyms, alt ids, is_a edges and obsolete replacements", () => {
    const doc = parseObographs(MINI_OBOGRAPHS);
    expect(doc.terms.map((t) => t.id).sort()).toEqual(["HP:0000001", "HP:0000118", "HP:0000284", "HP:0001250"]);
    const onto = new Ontology(doc);
    expect(onto.release).toBe("2024-04-26");
    expect(onto.attribution).toBe("Human Phenotype Ontology (release 2024-04-26)");
    const seizure = onto.get("HP:0001250");
    expect(seizure?.synonyms.map((s) => `${s.scope}:${s.text}`)).toEqual(["EXACT:Epileptic seizure", "RELATED:Fits"]);
    expect(seizure?.definition).toBe("A seizure is an intermittent abnormality.");
    expect(onto.resolve("HP:0002279")).toMatchObject({ status: "alt_id", term: { id: "HP:0001250" } });
    expect(onto.resolve("HP:0000284")).toMatchObject({ status: "replaced", term: { id: "HP:0001250" } });
    expect([...onto.ancestorsOf(onto.indexOf("HP:0001250"))].map((i) => onto.terms[i].id).sort()).toEqual([
      "HP:0000001",
      "HP:0000118",
      "HP:0001250",
    ]);
  });

  it("rejects documents that are not OBO Graphs", () => {
    expect(() => parseObographs({ nodes: [] })).toThrow(/graphs/);
  });
});
