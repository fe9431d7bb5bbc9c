import { parseObo } from "./obo";
import { MINI_OBO } from "./test-fixtures";

describe("parseObo", () => {
  const doc = parseObo(MINI_OBO);

  it("reads the header, including the release", () => {
    expect(doc.header).toMatchObject({ formatVersion: "1.2", dataVersion: "releases/2020-01-02", ontology: "hp" });
  });

  it("reads [Term] stanzas only", () => {
    expect(doc.terms.map((t) => t.id)).toHaveLength(11);
    expect(doc.terms.find((t) => t.id === "part_of")).toBeUndefined();
  });

  it("reads names, definitions with escaped quotes, synonyms with scope and type, alt ids", () => {
    const seizures = doc.terms.find((t) => t.id === "HP:0001250");
    expect(seizures?.name).toBe("Seizures");
    expect(seizures?.definition).toBe('Seizures are an "intermittent" abnormality.');
    expect(seizures?.synonyms).toEqual([
      { text: "Epileptic seizures", scope: "EXACT" },
      { text: "Fits", scope: "RELATED", type: "layperson" },
    ]);
    expect(seizures?.altIds).toEqual(["HP:0002279"]);
    expect(seizures?.parents).toEqual(["HP:0000707"]);
  });

  it("reads several is_a parents, with or without trailing comments", () => {
    expect(doc.terms.find((t) => t.id === "HP:0000252")?.parents).toEqual(["HP:0000152", "HP:0000707"]);
    expect(doc.terms.find((t) => t.id === "HP:0000152")?.parents).toEqual(["HP:0000118"]);
  });

  it("reads obsolete flags and replacements", () => {
    const old = doc.terms.find((t) => t.id === "HP:0000284");
    expect(old).toMatchObject({ obsolete: true, replacedBy: ["HP:0000152"] });
    expect(doc.terms.find((t) => t.id === "HP:0000057")).toMatchObject({ obsolete: true, replacedBy: [] });
  });

  it("tolerates CRLF line endings", () => {
    const crlf = parseObo(MINI_OBO.replace(/\n/g, "\r\n"));
    expect(crlf.terms).toHaveLength(11);
    expect(crlf.terms[3].name).toBe("Seizures");
  });
});
