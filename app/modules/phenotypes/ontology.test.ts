import { parseObo } from "./obo";
import { Ontology, normalizeTermId, releaseDateFromHeader } from "./ontology";
import { MINI_OBO } from "./test-fixtures";

describe("Ontology", () => {
  const onto = new Ontology(parseObo(MINI_OBO));
  const ids = (xs: Iterable<number>) => [...xs].map((i) => onto.terms[i].id).sort();

  it("shows the release the licence requires", () => {
    expect(onto.release).toBe("2020-01-02");
    expect(onto.attribution).toBe("Human Phenotype Ontology (release 2020-01-02)");
  });

  it("precomputes ancestor closures over multiple parents", () => {
    expect(ids(onto.ancestorsOf(onto.indexOf("HP:0000253")))).toEqual([
      "HP:0000001",
      "HP:0000118",
      "HP:0000152",
      "HP:0000252",
      "HP:0000253",
      "HP:0000707",
    ]);
    expect(onto.isAncestorOrSelf(onto.indexOf("HP:0000707"), onto.indexOf("HP:0000253"))).toBe(true);
    expect(onto.isAncestorOrSelf(onto.indexOf("HP:0001250"), onto.indexOf("HP:0000253"))).toBe(false);
    expect(onto.roots.map((r) => onto.terms[r].id)).toEqual(["HP:0000001"]);
  });

  it("resolves alt ids, obsolete terms with replacements, and unknown ids", () => {
    expect(onto.resolve("HP:0002279")).toMatchObject({ status: "alt_id", term: { id: "HP:0001250" } });
    expect(onto.resolve("HP:0000284")).toMatchObject({ status: "replaced", term: { id: "HP:0000152" } });
    expect(onto.resolve("HP:0000057")).toMatchObject({ status: "obsolete", term: null });
    expect(onto.resolve("HP:9999999")).toMatchObject({ status: "unknown", term: null });
    expect(onto.resolve("hp_0001250")).toMatchObject({ status: "current", term: { id: "HP:0001250" } });
  });

  it("unions ancestor sets", () => {
    expect(ids(onto.ancestorUnion([onto.indexOf("HP:0002069"), onto.indexOf("HP:0000252")]))).toEqual([
      "HP:0000001",
      "HP:0000118",
      "HP:0000152",
      "HP:0000252",
      "HP:0000707",
      "HP:0001250",
      "HP:0002069",
    ]);
  });

  it("normalises ids and reads release dates from either header form", () => {
    expect(normalizeTermId(" hp_0000118 ")).toBe("HP:0000118");
    expect(releaseDateFromHeader({ date: "13:04:2017 10:00" })).toBe("2017-04-13");
    expect(releaseDateFromHeader({ dataVersion: "hp/releases/2024-04-26" })).toBe("2024-04-26");
  });
});
