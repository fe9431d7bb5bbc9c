// The in-memory case library: a MatchIndex over active cases plus the consent in force for each, built lazily from
// the database on first use and kept on a globalThis-held singleton (one per database handle), updated on every
// add, withdrawal and consent change in this process.
import type { Db } from "../../../db/client";
import type { CaseRow } from "../../../db/schema";
import { MatchIndex, type MatchCase } from "../matching/index.server";
import type { HpoBundle } from "../phenotypes/index.server";
import { caseHpo } from "./hpo.server";
import { currentConsents, type ConsentRecord } from "../consent/index.server";
import * as q from "./queries.server";

export interface CaseLibrary {
  hpo: HpoBundle;
  index: MatchIndex;
  consents: Map<string, ConsentRecord>;
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
  const index = new MatchIndex(hpo.ontology, hpo.ic);
  for (const row of rows) index.add(toMatchCase(row));
  return { hpo, index, consents };
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
  added: (db: Db, row: CaseRow) => ifBuilt(db, (l) => l.index.add(toMatchCase(row))),
  removed: (db: Db, caseId: string) => ifBuilt(db, (l) => void l.index.remove(caseId)),
  consentChanged: (db: Db, consent: ConsentRecord) => ifBuilt(db, (l) => void l.consents.set(consent.caseId, consent)),
};
