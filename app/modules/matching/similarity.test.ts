import { defaultHpo } from "../phenotypes/load.server";
import type { MatchCase } from "./model";
import { pairwiseScore, resnik } from "./similarity";

const hpo = defaultHpo();
const ic = hpo.ic.values;
const idx = (id: string) => hpo.ontology.indexOf(id);
const patient = (id: string, observed: string[], excluded: string[] = [], genes: MatchCase["genomicFeatures"] = []): MatchCase => ({
  id,
  features: [...observed.map((f) => ({ id: f, observed: true })), ...excluded.map((f) => ({ id: f, observed: false }))],
  genomicFeatures: genes,
  disorders: [],
});

describe("Resnik similarity", () => {
  it("is the IC of the most informative common ancestor", () => {
    const r = resnik(hpo.ontology, ic, idx("HP:0002069"), idx("HP:0007359")); // generalized vs focal seizures
    expect(hpo.ontology.terms[r.mica].id).toBe("HP:0001250");
    expect(r.ic).toBeCloseTo(ic[idx("HP:0001250")]);
  });

  it("of a term with itself is its own IC, and is symmetric", () => {
    const t = idx("HP:0000252");
    expect(resnik(hpo.ontology, ic, t, t)).toEqual({ mica: t, ic: ic[t] });
    const a = resnik(hpo.ontology, ic, idx("HP:0000252"), idx("HP:0001263"));
    const b = resnik(hpo.ontology, ic, idx("HP:0001263"), idx("HP:0000252"));
    expect(a).toEqual(b);
  });
});

describe("pairwise best-match average score", () => {
  const q = patient("q", ["HP:0000252", "HP:0001263", "HP:0000175"]);
  const c = patient("c", ["HP:0000253", "HP:0001263", "HP:0004322", "HP:0002069"]);

  it("scores an identical phenotype 1 and is symmetric", () => {
    expect(pairwiseScore(hpo.ontology, ic, q, q).score).toBeCloseTo(1, 12);
    expect(pairwiseScore(hpo.ontology, ic, q, c).score).toBeCloseTo(pairwiseScore(hpo.ontology, ic, c, q).score, 12);
  });

  it("explains itself with matched pairs and their MICA", () => {
    const { score, explanation } = pairwiseScore(hpo.ontology, ic, q, c);
    expect(score).toBeGreaterThan(0);
    expect(score).toBeLessThan(1);
    const micro = explanation.phenotype.matchedTerms.find((p) => p.direction === "query-to-case" && p.queryTerm.id === "HP:0000252");
    expect(micro).toMatchObject({ caseTerm: { id: "HP:0000253" }, mica: { id: "HP:0000252", name: "Microcephaly" } });
    expect(micro?.mica.ic).toBeCloseTo(ic[idx("HP:0000252")]);
    expect(explanation.phenotype.matchedTerms.filter((p) => p.direction === "case-to-query")).toHaveLength(4);
    const { queryToCase, caseToQuery, bestMatchAverage, normalizer, similarity } = explanation.phenotype;
    expect(bestMatchAverage).toBeCloseTo((queryToCase + caseToQuery) / 2);
    expect(similarity).toBeCloseTo(bestMatchAverage / normalizer);
  });

  it("counts excluded terms against a match and never for it", () => {
    const query = patient("q", ["HP:0000252", "HP:0001263"], ["HP:0001250"]);
    const withSeizures = patient("x", ["HP:0000252", "HP:0001263", "HP:0002069"]);
    const plain = patient("y", ["HP:0000252", "HP:0001263", "HP:0002069"]);
    const penalised = pairwiseScore(hpo.ontology, ic, query, withSeizures);
    expect(penalised.explanation.penalties).toEqual([
      expect.objectContaining({
        kind: "query-excluded-present-in-case",
        excludedTerm: { id: "HP:0001250", name: "Seizures" },
        conflictingTerm: { id: "HP:0002069", name: "Generalized tonic-clonic seizures" },
      }),
    ]);
    const unpenalised = pairwiseScore(hpo.ontology, ic, patient("q", ["HP:0000252", "HP:0001263"]), plain);
    expect(penalised.score).toBeLessThan(unpenalised.score);
    expect(unpenalised.score - penalised.score).toBeCloseTo(penalised.explanation.penalties[0].deduction, 12);
    // the reverse direction: the case excludes something the query has
    const reverse = pairwiseScore(hpo.ontology, ic, withSeizures, query);
    expect(reverse.explanation.penalties[0].kind).toBe("case-excluded-present-in-query");
    // shared exclusions are not evidence
    const a = patient("a", ["HP:0000175"], ["HP:0001250"]);
    const b = patient("b", ["HP:0000175"], ["HP:0001250"]);
    expect(pairwiseScore(hpo.ontology, ic, a, b).score).toBeCloseTo(pairwiseScore(hpo.ontology, ic, patient("a", ["HP:0000175"]), patient("b", ["HP:0000175"])).score, 12);
    // an excluded general term is not contradicted by a case that only has a sibling
    const sibling = pairwiseScore(hpo.ontology, ic, patient("q", ["HP:0000252"], ["HP:0002069"]), patient("s", ["HP:0007359"]));
    expect(sibling.explanation.penalties).toEqual([]);
  });

  it("boosts a shared gene, and a shared variant more, keeping the score in [0, 1]", () => {
    const variant = { assembly: "GRCh37", referenceName: "17", start: 42929130, referenceBases: "G", alternateBases: "A" };
    const q1 = patient("q", ["HP:0000175"], [], [{ gene: "EFTUD2", variant }]);
    const none = pairwiseScore(hpo.ontology, ic, q1, patient("c", ["HP:0004322"]));
    const gene = pairwiseScore(hpo.ontology, ic, q1, patient("c", ["HP:0004322"], [], [{ gene: "eftud2" }]));
    const same = pairwiseScore(hpo.ontology, ic, q1, patient("c", ["HP:0004322"], [], [{ gene: "EFTUD2", variant: { ...variant, referenceName: "chr17" } }]));
    expect(gene.explanation.genotype).toEqual({ score: 0.5, sharedGenes: ["EFTUD2"], sharedVariants: [] });
    expect(same.explanation.genotype.sharedVariants).toEqual(["GRCH37:17:42929130:A"]);
    expect(none.score).toBeLessThan(gene.score);
    expect(gene.score).toBeLessThan(same.score);
    expect(same.score).toBeLessThanOrEqual(1);
  });
});
