// Case search: local matches through the MatchIndex, filtered by consent for this requester and purpose, logged;
// optionally the configured peer nodes through Matchmaker Exchange. Every result is explained and labelled by node.
import type { Db } from "../../../db/client";
import { DomainError } from "../../utils/errors";
import { currentConsents, decide, describePurpose, logAccess, type AccessEvent, type ConsentDecision, type Purpose } from "../consent/index.server";
import type { SessionUser } from "../identity/index.server";
import { pairwiseScore, type MatchCase, type MatchExplanation } from "../matching/index.server";
import type { HpoBundle } from "../phenotypes/index.server";
import { caseHpo } from "./hpo.server";
import { queryPeers } from "./federation.server";
import { caseLibrary } from "./library.server";
import { LOCAL_NODE_LABEL, searchInputSchema, type ExplainedResult, type PeerOutcome, type SearchInput } from "./model";
import * as q from "./queries.server";
import { userRequester } from "./requester.server";

export interface SearchDeps {
  db: Db;
  hpo?: HpoBundle;
  now?: () => Date;
  fetch?: typeof fetch;
}

export function explain(node: string, c: MatchCase, score: number, e: MatchExplanation | undefined, hpo: HpoBundle, consentReason: string | null): ExplainedResult {
  const name = (id: string) => hpo.ontology.resolve(id).term?.name ?? id;
  return {
    node,
    caseId: c.id,
    label: c.label ?? c.id,
    score: Number(score.toFixed(4)),
    phenotypeScore: Number((e?.phenotype.score ?? 0).toFixed(4)),
    genotypeScore: e?.genotype.score ?? 0,
    matchedTerms: (e?.phenotype.matchedTerms ?? [])
      .filter((p) => p.direction === "query-to-case")
      .map((p) => ({ query: p.queryTerm.name, match: p.caseTerm.name, via: p.mica.name, ic: Number(p.mica.ic.toFixed(2)) })),
    penalties: (e?.penalties ?? []).map((p) => ({ excluded: p.excludedTerm.name, conflicting: p.conflictingTerm.name, deduction: Number(p.deduction.toFixed(3)) })),
    sharedGenes: e?.genotype.sharedGenes ?? [],
    sharedVariants: e?.genotype.sharedVariants ?? [],
    observed: c.features.filter((f) => f.observed).map((f) => f.label ?? name(f.id)),
    excluded: c.features.filter((f) => !f.observed).map((f) => f.label ?? name(f.id)),
    genes: c.genomicFeatures.map((g) => g.gene),
    disorders: c.disorders.map((d) => (d.label ? `${d.label} (${d.id})` : d.id)),
    contact: c.contact ? { name: c.contact.name, href: c.contact.href, institution: c.contact.institution } : null,
    consentReason,
  };
}

export function queryCaseOf(input: Pick<SearchInput, "features" | "genes">, id = "query"): MatchCase {
  return {
    id,
    features: input.features.map((f) => ({ id: f.id, observed: f.observed })),
    genomicFeatures: input.genes.map((gene) => ({ gene })),
    disorders: [],
  };
}

export function parseSearchInput(raw: unknown): SearchInput {
  const parsed = searchInputSchema.safeParse(raw);
  if (!parsed.success) throw new DomainError("VALIDATION", parsed.error.issues[0]?.message ?? "Check the search.", { features: parsed.error.issues[0]?.message ?? "" });
  const input = parsed.data;
  if (input.purpose === "DS" && !input.disease) throw new DomainError("VALIDATION", "Name the disease for a disease-specific search.", { disease: "Name the disease, e.g. OMIM:219700" });
  return input;
}

/**
 * Runs a search for a signed-in clinician. Each case the index considers is checked against its consent for this
 * requester and purpose (deny by default); the returned ones are re-checked against the database's current consent.
 * Every decision and every disclosure is written to the hash-chained access log.
 */
export async function searchCases(deps: SearchDeps, actor: SessionUser, raw: unknown): Promise<{ results: ExplainedResult[]; peers: PeerOutcome[]; attribution: string }> {
  const input = parseSearchInput(raw);
  const hpo = deps.hpo ?? caseHpo();
  const unknown = input.features.find((f) => !hpo.ontology.resolve(f.id).term);
  if (unknown) throw new DomainError("VALIDATION", `${unknown.id} is not a term of the ${hpo.ontology.attribution}.`, { features: `Unknown term ${unknown.id}` });
  const library = await caseLibrary(deps.db, hpo);
  const requester = await userRequester(deps.db, actor, input);
  const purpose: Purpose = { code: input.purpose, disease: input.disease ?? null };
  const now = (deps.now ?? (() => new Date()))();
  const query = queryCaseOf(input);
  const decisions = new Map<string, ConsentDecision>();
  const matches = library.index.query(query, {
    limit: input.limit,
    explain: true,
    filter: (c) => {
      const d = decide(library.consents.get(c.id), purpose, requester, now);
      decisions.set(c.id, d);
      return d.permit;
    },
  });
  // consent may have changed, or the case been withdrawn, in another process since the library was built: the
  // database has the last word
  const ids = matches.map((m) => m.caseId);
  const [fresh, active] = await Promise.all([currentConsents(deps.db, ids), q.activeCaseIds(deps.db, ids)]);
  const results: ExplainedResult[] = [];
  const events: AccessEvent[] = [];
  for (const m of matches) {
    if (!active.has(m.caseId)) {
      decisions.delete(m.caseId);
      continue;
    }
    const d = decide(fresh.get(m.caseId), purpose, requester, now);
    decisions.set(m.caseId, d);
    if (!d.permit) continue;
    results.push(explain(LOCAL_NODE_LABEL, m.case, m.score, m.explanation, hpo, d.reasons[0] ?? null));
  }
  for (const [caseId, d] of decisions) {
    events.push({
      actor: requester.id,
      actorLabel: requester.label,
      action: d.permit ? "case.shown" : "consent.denied",
      caseId,
      purpose: describePurpose(purpose),
      decision: d.permit ? "permit" : "deny",
      data: { use: "search-result", reasons: d.reasons, consentVersion: d.consentVersion, ...(d.permit ? { score: results.find((r) => r.caseId === caseId)?.score ?? null } : {}) },
    });
  }
  let peers: PeerOutcome[] = [];
  if (input.includePeers) {
    const remote = await queryPeers({ db: deps.db, fetch: deps.fetch }, actor, query);
    peers = remote.outcomes;
    for (const r of remote.results) {
      const local = pairwiseScore(hpo.ontology, hpo.ic.values, query, r.case);
      results.push(explain(r.node, r.case, r.score, local.explanation, hpo, `Released by ${r.node} under its own consent rules.`));
    }
    events.push({ actor: requester.id, actorLabel: requester.label, action: "mme.query.sent", data: { peers: peers.map((p) => ({ peer: p.peer, ok: p.ok, results: p.results })) } });
  }
  events.push({ actor: requester.id, actorLabel: requester.label, action: "case.search", purpose: describePurpose(purpose), data: { terms: input.features.length, genes: input.genes.length, shown: results.length } });
  await logAccess(deps.db, events, now);
  results.sort((a, b) => b.score - a.score || (a.node === LOCAL_NODE_LABEL ? -1 : 1));
  return { results, peers, attribution: hpo.ontology.attribution };
}
