// The in-memory case library: a MatchIndex over active cases plus the consent in force for each, built lazily from
// the database on first use and kept on a globalThis-held singleton (one per database handle), updated on every
// add, withdrawal and consent change in this process.
//
// Information content is blended with the library: the library keeps its own InformationContent (the HPO disease
// annotations, plus the observed terms of every active case, `addCaseTerms` / `removeCaseTerms`), so a phenotype that
// many cases share becomes less informative for matching. Counts change at once; the index scores with a snapshot of
// the IC, so it is rebuilt (`withInformationContent`, O(cases)) once the changes since its last snapshot reach
// ICREBUILD_MIN_CHANGES or ICREBUILD_SHARE of the library, whichever is larger. Between rebuilds a new case is
// matchable at once, only scored with the IC of the last snapshot; the drift is bounded by that threshold.
import type { Db } from "../../../db/client";
import type { CaseRow } from "../../../db/schema";
import { MatchIndex, type MatchCase } from "../matching/index.server";
import { InformationContent, type HpoBundle } from "../phenotypes/index.server";
import { caseHpo } from "./hpo.server";
import { currentConsents, type ConsentRecord } from "../consent/index.server";
import * as q from "./queries.server";

export interface CaseLibrary {
  hpo: HpoBundle;
  /** replaced when the IC is refreshed: read it from the library each time */
  index: MatchIndex;
  consents: Map<string, ConsentRecord>;
  /** disease annotations blended with the observed terms of the library's active cases */
  ic: InformationContent;
  /** case additions and removals since the index last took an IC snapshot */
  pendingIcChanges: number;
}

/** The index takes a fresh IC snapshot after this many case changes at least… */
export const ICREBUILD_MIN_CHANGES = 25;
/** …or this share of the library, whichever is larger. */
export const ICREBUILD_SHARE = 0.05;

const observedTerms = (c: Pick<MatchCase, "features">) => c.features.filter((f) => f.observed).map((f) => f.id);

/** Gives the index a snapshot of the library's current IC (rebuilds it over the same cases). */
export function refreshIndexIc(library: CaseLibrary): void {
  library.index = library.index.withInformationContent(library.ic);
  library.pendingIcChanges = 0;
}

function caseChanged(library: CaseLibrary): void {
  library.pendingIcChanges++;
  if (library.pendingIcChanges >= Math.max(ICREBUILD_MIN_CHANGES, Math.ceil(library.index.size * ICREBUILD_SHARE))) refreshIndexIc(library);
}

const LIBRARY_KEY = Symbol.for("mednexus.caseLibrary");
type GlobalWithLibrary = typeof globalThis & { [LIBRARY_KEY]?: WeakMap<Db, Promise<CaseLibrary>> };

function libraries(): WeakMap<Db, Promise<CaseLibrary>> {
  const g = globalThis as GlobalWithLibrary;
  g[LIBRARY_KEY] ??= new WeakMap();
  return g[LIBRARY_KEY];
}

/** A stored case as the matching engine sees it. */
export function toMatchCase(row: CaseRow): MatchCase {
  const c: MatchCase = {
    id: row.id,
    label: row.label,
    features: row.features.map((f) => ({ ...f })),
    genomicFeatures: row.genomicFeatures.map((g) => ({ ...g, variant: g.variant ? { ...g.variant } : undefined })),
    disorders: row.disorders.map((d) => ({ ...d })),
    contact: { ...row.contact },
    species: "NCBITaxon:9606",
  };
  if (row.sex) c.sex = row.sex;
  if (row.ageOfOnset) c.ageOfOnset = row.ageOfOnset;
  for (const g of c.genomicFeatures) if (g.variant === undefined) delete g.variant;
  return c;
}

async function build(db: Db, hpo: HpoBundle): Promise<CaseLibrary> {
  const [rows, consents] = await Promise.all([q.activeCases(db), currentConsents(db)]);
  const matchCases = rows.map(toMatchCase);
  // the bundle's IC is shared with other modules: the library blends its cases into its own copy, over the
  // phenotypic-abnormality annotations (aspect O), the terms cases are matched on
  const ic = InformationContent.fromDiseases(hpo.ontology, hpo.diseases);
  ic.addCaseTermSets(matchCases.map(observedTerms));
  const index = new MatchIndex(hpo.ontology, ic);
  for (const c of matchCases) index.add(c);
  return { hpo, index, consents, ic, pendingIcChanges: 0 };
}

export function caseLibrary(db: Db, hpo: HpoBundle = caseHpo()): Promise<CaseLibrary> {
  const map = libraries();
  let pending = map.get(db);
  if (!pending) {
    pending = build(db, hpo);
    map.set(db, pending);
    pending.catch(() => map.delete(db));
  }
  return pending;
}

/** Updates a library that is already built (one that is not will read the database when first used). */
async function ifBuilt(db: Db, update: (library: CaseLibrary) => void): Promise<void> {
  const pending = libraries().get(db);
  if (pending) update(await pending);
}

export const libraryEvents = {
  added: (db: Db, row: CaseRow) =>
    ifBuilt(db, (l) => {
      if (l.index.has(row.id)) return;
      const c = toMatchCase(row);
      l.ic.addCaseTerms(observedTerms(c));
      l.index.add(c);
      caseChanged(l);
    }),
  removed: (db: Db, caseId: string) =>
    ifBuilt(db, (l) => {
      const c = l.index.get(caseId);
      if (!c) return;
      l.ic.removeCaseTerms(observedTerms(c));
      l.index.remove(caseId);
      caseChanged(l);
    }),
  consentChanged: (db: Db, consent: ConsentRecord) => ifBuilt(db, (l) => void l.consents.set(consent.caseId, consent)),
};
