import { parseObo } from "./obo";
import { Ontology } from "./ontology";
import { TermSearch, tokenize } from "./search";
import { MINI_OBO } from "./test-fixtures";

describe("TermSearch", () => {
  const search = new TermSearch(new Ontology(parseObo(MINI_OBO)));

  it("tokenizes case- and punctuation-insensitively", () => {
    expect(tokenize("Generalized Tonic-Clonic  seizures!")).toEqual(["generalized", "tonic", "clonic", "seizures"]);
  });

  it("ranks the exact label first, then labels starting with the query", () => {
    expect(search.search("seizures").map((h) => h.id)).toEqual(["HP:0001250", "HP:0007359", "HP:0002069"]);
  });

  it("matches token prefixes in any order", () => {
    expect(search.search("microceph prog").map((h) => h.id)).toEqual(["HP:0000253"]);
    expect(search.search("ton gen")[0].id).toBe("HP:0002069");
  });

  it("matches synonyms and says so", () => {
    expect(search.search("grand mal")[0]).toMatchObject({ id: "HP:0002069", matchedField: "synonym", matched: "Grand mal seizures" });
    expect(search.search("small head")[0]).toMatchObject({ id: "HP:0000252", matchedField: "synonym" });
  });

  it("finds terms by id, including alt ids, and never returns obsolete terms", () => {
    expect(search.search("HP:0002279")).toMatchObject([{ id: "HP:0001250", matchedField: "id" }]);
    expect(search.search("0001250")[0].id).toBe("HP:0001250");
    expect(search.search("obsolete")).toEqual([]);
  });

  it("returns nothing for empty or unmatched queries and honours the limit", () => {
    expect(search.search("  ")).toEqual([]);
    expect(search.search("zzzz")).toEqual([]);
    expect(search.search("s", 2)).toHaveLength(2);
  });
});
