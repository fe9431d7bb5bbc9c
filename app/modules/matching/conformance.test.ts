// Conformance with the MME consortium's 50 benchmark patients: validate, index, query each one leave-one-out
// through the MME request/response layer, and measure disorder retrieval against chance.
import { defaultHpo } from "../phenotypes/load.server";
import { loadBenchmarkPatients } from "./benchmark-patients.server";
import { MatchIndex } from "./match-index";
import type { MatchCase } from "./model";
import { buildMatchResponse, mmePatientToCase, parseMatchRequest, validateMatchResponse, validateMmePatient } from "./mme";

const hpo = defaultHpo();

function loadCases(): MatchCase[] {
  return loadBenchmarkPatients().map((raw) => {
    const r = validateMmePatient(raw);
    if (!r.ok) throw new Error(r.error.body.message);
    return mmePatientToCase(r.value);
  });
}

function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let r = 1;
  for (let i = 0; i < k; i++) r = (r * (n - i)) / (i + 1);
  return r;
}

interface Retrieval {
  /** share of queries for which another patient with the same disorder exists: the best any matcher can do */
  ceiling: number;
  top1: number;
  top5: number;
  chanceTop1: number;
  chanceTop5: number;
}

function leaveOneOut(cases: MatchCase[]): Retrieval {
  const index = new MatchIndex(hpo.ontology, hpo.ic);
  for (const c of cases) index.add(c);
  let top1 = 0;
  let top5 = 0;
  let chance1 = 0;
  let chance5 = 0;
  let answerable = 0;
  for (const query of cases) {
    const disorders = new Set(query.disorders.map((d) => d.id));
    const request = parseMatchRequest(JSON.stringify({ patient: { ...query, features: query.features.map((f) => ({ id: f.id, observed: f.observed ? "yes" : "no" })), genomicFeatures: query.genomicFeatures.map((g) => ({ ...g, gene: { id: g.gene } })) } }));
    if (!request.ok) throw new Error(request.error.body.message);
    const results = index.query(mmePatientToCase(request.value.patient), { limit: 5, filter: (c) => c.id !== query.id });
    const response = buildMatchResponse(results);
    const checked = validateMatchResponse(JSON.parse(JSON.stringify(response)));
    if (!checked.ok) throw new Error(checked.error.body.message);
    expect(response.results.every((r) => r.patient.id !== query.id)).toBe(true);
    const hits = response.results.map((r) => (r.patient.disorders ?? []).some((d) => disorders.has(d.id)));
    if (hits[0]) top1++;
    if (hits.some(Boolean)) top5++;
    const others = cases.length - 1;
    const relevant = cases.filter((c) => c.id !== query.id && c.disorders.some((d) => disorders.has(d.id))).length;
    if (relevant > 0) answerable++;
    chance1 += relevant / others;
    chance5 += 1 - choose(others - relevant, 5) / choose(others, 5);
  }
  const n = cases.length;
  return { ceiling: answerable / n, top1: top1 / n, top5: top5 / n, chanceTop1: chance1 / n, chanceTop5: chance5 / n };
}

describe("MME benchmark patients (leave-one-out)", () => {
  const cases = loadCases();
  const fmt = (r: Retrieval) =>
    `top-1 ${(100 * r.top1).toFixed(0)}% (chance ${(100 * r.chanceTop1).toFixed(1)}%), top-5 ${(100 * r.top5).toFixed(0)}% (chance ${(100 * r.chanceTop5).toFixed(1)}%), ceiling ${(100 * r.ceiling).toFixed(0)}% (${Math.round(r.ceiling * cases.length)} of ${cases.length} patients share a disorder with another)`;

  it("retrieves a patient with the same disorder far above chance (phenotype + genotype)", () => {
    const r = leaveOneOut(cases);
    console.log(`MME benchmark, phenotype + genotype: ${fmt(r)}`);
    expect(r.top1).toBeGreaterThan(3 * r.chanceTop1);
    // top-5 can never exceed the ceiling (60% here, 20 patients have a unique disorder); demand most of the way
    expect(r.top5).toBeGreaterThan(r.chanceTop5 + 0.75 * (r.ceiling - r.chanceTop5));
  });

  it("retrieves far above chance from phenotypes alone", () => {
    const r = leaveOneOut(cases.map((c) => ({ ...c, genomicFeatures: [] })));
    console.log(`MME benchmark, phenotype only:       ${fmt(r)}`);
    expect(r.top1).toBeGreaterThan(3 * r.chanceTop1);
    expect(r.top5).toBeGreaterThan(r.chanceTop5 + 0.5 * (r.ceiling - r.chanceTop5));
  });
});
