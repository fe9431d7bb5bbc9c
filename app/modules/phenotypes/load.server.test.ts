import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { loadHpo, loadOntologyFile, projectRoot, sharedDataDir } from "./load.server";
import { TermSearch } from "./search";
import { MINI_OBO, MINI_OBOGRAPHS } from "./test-fixtures";

describe("loading the shared HPO release", () => {
  const hpo = loadHpo();

  it("reads the 2017-04-13 release and shows it as the licence requires", () => {
    expect(hpo.ontology.size).toBe(12358);
    expect(hpo.ontology.attribution).toBe("Human Phenotype Ontology (release 2017-04-13)");
    expect(hpo.ontology.get("HP:0001250")?.name).toBe("Seizures");
  });

  it("resolves alt ids and obsolete terms of the real release", () => {
    expect(hpo.ontology.resolve("HP:0004715")).toMatchObject({ status: "alt_id", term: { id: "HP:0000003" } });
    expect(hpo.ontology.resolve("HP:0000284")).toMatchObject({ status: "replaced", term: { id: "HP:0000315" } });
    const obsolete = hpo.ontology.terms.filter((t) => t.obsolete);
    expect(obsolete.length).toBe(132);
  });

  it("computes IC from thousands of annotated diseases", () => {
    expect(hpo.ic.diseaseCount).toBeGreaterThan(5000);
    expect(hpo.diseases.length).toBeGreaterThan(5000);
    expect(hpo.ic.of("HP:0000001")).toBe(0);
    expect(hpo.ic.of("HP:0000707")).toBeLessThan(hpo.ic.of("HP:0001250"));
    expect(hpo.ic.of("HP:0001250")).toBeLessThan(hpo.ic.of("HP:0002069"));
  });

  it("searches labels and synonyms for the term picker", () => {
    const search = new TermSearch(hpo.ontology);
    expect(search.search("seiz", 3)[0]).toMatchObject({ id: "HP:0001250", name: "Seizures" });
    expect(search.search("short stat", 1)[0].id).toBe("HP:0004322");
    expect(search.search("HP:0004715", 1)[0].id).toBe("HP:0000003");
    const bySynonym = search.search("multicystic dysplastic kid", 5);
    expect(bySynonym[0]).toMatchObject({ id: "HP:0000003", matchedField: "synonym" });
  });
});

describe("loading other files and locations", () => {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "mednexus-hpo-"));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    delete process.env.MEDNEXUS_SHARED_DATA;
  });

  it("loads a newer hp.json (OBO Graphs) and a gzipped hp.obo", () => {
    const json = path.join(dir, "hp.json");
    writeFileSync(json, JSON.stringify(MINI_OBOGRAPHS));
    expect(loadOntologyFile(json).attribution).toBe("Human Phenotype Ontology (release 2024-04-26)");
    const obo = path.join(dir, "hp.obo.gz");
    writeFileSync(obo, gzipSync(MINI_OBO));
    expect(loadOntologyFile(obo).attribution).toBe("Human Phenotype Ontology (release 2020-01-02)");
  });

  it("honours MEDNEXUS_SHARED_DATA", () => {
    process.env.MEDNEXUS_SHARED_DATA = dir;
    expect(sharedDataDir()).toBe(path.resolve(dir));
    delete process.env.MEDNEXUS_SHARED_DATA;
    expect(sharedDataDir()).toBe(path.resolve(projectRoot, "..", "shared", "data"));
    expect(projectRoot).toBe(path.resolve(__dirname, "..", "..", ".."));
  });
});
