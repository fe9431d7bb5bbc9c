import { InformationContent } from "../phenotypes/information-content";
import { defaultHpo } from "../phenotypes/load.server";
import { MatchIndex } from "./match-index";
import type { MatchCase, MatchResult } from "./model";
import { combineScores } from "./model";
import { pairwiseScore } from "./similarity";
import { SyntheticCohort } from "./synthetic";

const hpo = defaultHpo();
const ranked = (rs: MatchResult[]) => rs.map((r) => [r.caseId, r.score]);
const patient = (id: string, observed: string[], excluded: string[] = [], genes: MatchCase["genomicFeatures"] = []): MatchCase => ({
  id,
  features: [...observed.map((f) => ({ id: f, observed: true })), ...excluded.map((f) => ({ id: f, observed: false }))],
  genomicFeatures: genes,
  disorders: [],
});

describe("MatchIndex on a synthetic library", () => {
  const cohort = new SyntheticCohort(hpo.ontology, hpo.diseases, 7, { geneRate: 0.3, excludedRate: 0.3, maxTerms: 40 });
  const cases = Array.from({ length: 4000 }, (_, i) => cohort.next(`case-${String(i).padStart(5, "0")}`));
  const queries = Array.from({ length: 60 }, (_, i) => cohort.next(`query-${i}`));
  const index = new MatchIndex(hpo.ontology, hpo.ic);
  for (const c of cases) index.add(c.case);

  it("returns exactly the exhaustive scan's top k, scores and order included", () => {
    for (const q of queries) {
      for (const limit of [1, 10, 25]) {
        expect(ranked(index.query(q.case, { limit, explain: false }))).toEqual(ranked(index.scan(q.case, { limit, explain: false })));
      }
    }
  });

  it("prunes: most cases are never scored", () => {
    let scored = 0;
    for (const q of queries) {
      index.query(q.case, { limit: 10, explain: false });
      scored += index.lastQueryStats.scored;
    }
    expect(scored / queries.length).toBeLessThan(cases.length / 4);
  });

  it("agrees with the exhaustive scan under other posting thresholds and first-walk floors", () => {
    for (const options of [{ minPostingIc: 1 }, { minPostingIc: 2.5 }, { initialFloorRatio: 0 }, { initialFloorRatio: 0.9 }]) {
      const other = new MatchIndex(hpo.ontology, hpo.ic, options);
      for (const c of cases.slice(0, 1500)) other.add(c.case);
      for (const q of queries.slice(0, 20)) {
        expect(ranked(other.query(q.case, { limit: 10, explain: false }))).toEqual(ranked(other.scan(q.case, { limit: 10, explain: false })));
      }
    }
  });

  it("ranks by the same score as the pairwise reference implementation", () => {
    for (const q of queries.slice(0, 10)) {
      for (const c of cases.slice(0, 40)) {
        expect(index.scoreOf(q.case, c.case.id)).toBeCloseTo(pairwiseScore(hpo.ontology, hpo.ic.values, q.case, c.case).score, 12);
      }
    }
  });

  it("explains every result consistently with its score", () => {
    const results = index.query(queries[0].case, { limit: 5 });
    expect(results.length).toBe(5);
    for (const r of results) {
      const e = r.explanation;
      expect(e).toBeDefined();
      if (!e) continue;
      expect(combineScores(e.phenotype.score, e.genotype.score)).toBeCloseTo(r.score, 12);
      expect(e.phenotype.matchedTerms.length).toBeGreaterThan(0);
      for (const p of e.phenotype.matchedTerms) {
        expect(p.mica.name).toBe(hpo.ontology.get(p.mica.id)?.name);
        expect(p.mica.ic).toBeCloseTo(hpo.ic.of(p.mica.id), 12);
      }
    }
    expect(results.map((r) => r.score)).toEqual([...results.map((r) => r.score)].sort((a, b) => b - a));
  });

  it("lets the caller exclude cases (consent) and asks about each case at most once", () => {
    const q = queries[1].case;
    const unfiltered = index.query(q, { limit: 10, explain: false });
    const banned = new Set(unfiltered.slice(0, 3).map((r) => r.caseId));
    const asked = new Map<string, number>();
    const filtered = index.query(q, {
      limit: 10,
      explain: false,
      filter: (c) => {
        asked.set(c.id, (asked.get(c.id) ?? 0) + 1);
        return !banned.has(c.id);
      },
    });
    expect(filtered.some((r) => banned.has(r.caseId))).toBe(false);
    expect(filtered.length).toBe(10);
    expect([...asked.values()].every((n) => n === 1)).toBe(true);
    expect(ranked(filtered)).toEqual(ranked(index.scan(q, { limit: 10, explain: false, filter: (c) => !banned.has(c.id) })));
  });
});

describe("MatchIndex maintenance and edge cases", () => {
  it("adds, replaces and removes cases, and stays exact after compaction", () => {
    const cohort = new SyntheticCohort(hpo.ontology, hpo.diseases, 11);
    const index = new MatchIndex(hpo.ontology, hpo.ic);
    const cases = Array.from({ length: 3000 }, (_, i) => cohort.next(`c${i}`).case);
    for (const c of cases) index.add(c);
    const q = cases[5];
    expect(index.query(q, { limit: 1 })[0].caseId).toBe("c5");
    expect(index.remove("c5")).toBe(true);
    expect(index.remove("c5")).toBe(false);
    expect(index.query(q, { limit: 10 }).some((r) => r.caseId === "c5")).toBe(false);
    index.add(q);
    expect(index.query(q, { limit: 1 })[0]).toMatchObject({ caseId: "c5", score: expect.closeTo(1, 9) });
    index.add({ ...cases[6], id: "c5" }); // replace c5 with c6's phenotype
    expect(index.size).toBe(3000);
    expect(index.get("c5")?.features).toEqual(cases[6].features);
    for (let i = 1000; i < 3000; i++) index.remove(`c${i}`); // triggers compaction
    expect(index.size).toBe(1000);
    const queries = Array.from({ length: 15 }, (_, i) => cohort.next(`q${i}`).case);
    for (const query of queries) {
      const got = index.query(query, { limit: 10, explain: false });
      expect(got.every((r) => Number(r.caseId.slice(1)) < 1000)).toBe(true);
      expect(ranked(got)).toEqual(ranked(index.scan(query, { limit: 10, explain: false })));
    }
  });

  it("breaks ties by case id and returns only positive scores", () => {
    const index = new MatchIndex(hpo.ontology, hpo.ic);
    index.add(patient("b", ["HP:0000252", "HP:0001263"]));
    index.add(patient("a", ["HP:0000252", "HP:0001263"]));
    index.add(patient("z", ["HP:0000252"]));
    const results = index.query(patient("q", ["HP:0000252", "HP:0001263"]), { limit: 10 });
    expect(results.map((r) => r.caseId)).toEqual(["a", "b", "z"]);
    expect(results[0].score).toBeCloseTo(1, 12);
    expect(index.query(patient("q", [], ["HP:0000252"]), { limit: 10 })).toEqual([]);
  });

  it("matches genotype-only queries on gene and variant", () => {
    const index = new MatchIndex(hpo.ontology, hpo.ic);
    const variant = { assembly: "GRCh37", referenceName: "1", start: 100, referenceBases: "G", alternateBases: "T" };
    index.add(patient("gene", ["HP:0000252"], [], [{ gene: "NGLY1" }]));
    index.add(patient("variant", ["HP:0000175"], [], [{ gene: "NGLY1", variant }]));
    index.add(patient("other", ["HP:0000252"], [], [{ gene: "LAMA1" }]));
    const results = index.query(patient("q", [], [], [{ gene: "ngly1", variant }]), { limit: 10 });
    expect(results.map((r) => [r.caseId, r.score])).toEqual([
      ["variant", 0.75],
      ["gene", 0.5],
    ]);
    expect(results[0].explanation?.genotype.sharedVariants).toEqual(["GRCH37:1:100:T"]);
  });

  it("rebuilds over new IC values when the case library is blended into the IC", () => {
    const cohort = new SyntheticCohort(hpo.ontology, hpo.diseases, 21);
    const cases = Array.from({ length: 500 }, (_, i) => cohort.next(`c${i}`).case);
    const ic = InformationContent.fromDiseases(hpo.ontology, hpo.diseases);
    const index = new MatchIndex(hpo.ontology, ic);
    for (const c of cases) index.add(c);
    ic.addCaseTermSets(cases.map((c) => c.features.filter((f) => f.observed).map((f) => f.id)));
    expect(ic.version).not.toBe(index.icVersion);
    const rebuilt = index.withInformationContent(ic);
    expect(rebuilt.icVersion).toBe(ic.version);
    expect([...rebuilt.cases()].map((c) => c.id)).toEqual(cases.map((c) => c.id));
    const q = cohort.next("q").case;
    expect(ranked(rebuilt.query(q, { explain: false }))).toEqual(ranked(rebuilt.scan(q, { explain: false })));
    expect(rebuilt.scoreOf(q, "c0")).toBeCloseTo(pairwiseScore(hpo.ontology, ic.values, q, cases[0]).score, 12);
  });

  it("resolves alt ids and obsolete ids in cases and queries", () => {
    const index = new MatchIndex(hpo.ontology, hpo.ic);
    index.add(patient("alt", ["HP:0004715"])); // alt id of HP:0000003
    const [hit] = index.query(patient("q", ["HP:0000003"]), { limit: 1 });
    expect(hit).toMatchObject({ caseId: "alt", score: expect.closeTo(1, 9) });
  });
});
