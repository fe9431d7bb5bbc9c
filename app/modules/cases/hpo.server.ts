// The HPO bundle for the case library. phenotypes' `sharedDataDir()` derives the project root from its own module
// URL, which inside the Remix server bundle (build/index.js) points one folder too high; when that folder does not
// hold the data, fall back to the working directory's ../shared/data (the project root when run through npm start).
import { existsSync } from "node:fs";
import path from "node:path";
import { DEFAULT_ANNOTATION_FILE, DEFAULT_HPO_FILE, TermSearch, defaultHpo, loadHpo, sharedDataDir, type HpoBundle } from "../phenotypes/index.server";

const HPO_KEY = Symbol.for("mednexus.cases.hpo");
type GlobalWithHpo = typeof globalThis & { [HPO_KEY]?: HpoBundle };

export function caseHpo(): HpoBundle {
  const g = globalThis as GlobalWithHpo;
  if (g[HPO_KEY]) return g[HPO_KEY];
  if (existsSync(path.join(sharedDataDir(), DEFAULT_HPO_FILE))) {
    g[HPO_KEY] = defaultHpo();
  } else {
    const dir = path.resolve(process.cwd(), "..", "shared", "data");
    g[HPO_KEY] = loadHpo({ ontologyFile: path.join(dir, DEFAULT_HPO_FILE), annotationFile: path.join(dir, DEFAULT_ANNOTATION_FILE) });
  }
  return g[HPO_KEY];
}

const SEARCH_KEY = Symbol.for("mednexus.cases.termSearch");
type GlobalWithSearch = typeof globalThis & { [SEARCH_KEY]?: TermSearch };

/** Up to 15 HPO terms for the picker, with the attribution the HPO licence requires. */
export function searchHpoTerms(query: string): { attribution: string; hits: Array<{ id: string; name: string; matched: string }> } {
  const hpo = caseHpo();
  const g = globalThis as GlobalWithSearch;
  g[SEARCH_KEY] ??= new TermSearch(hpo.ontology);
  const hits = query.trim().length < 2 ? [] : g[SEARCH_KEY].search(query, 15);
  return { attribution: hpo.ontology.attribution, hits: hits.map((h) => ({ id: h.id, name: h.name, matched: h.matched })) };
}
