// Public API of the phenotypes module.
export { parseObo, type ParsedOntologyDocument, type RawTerm, type RawSynonym, type OntologyHeader } from "./obo";
export { parseObographs, curieFromIri } from "./obographs";
export { Ontology, normalizeTermId, releaseDateFromHeader, type Term, type Resolution, type ResolveStatus } from "./ontology";
export { TermSearch, normalizeText, tokenize, type TermSearchHit } from "./search";
export { parsePhenotypeAnnotations, groupByDisease, type PhenotypeAnnotation, type DiseaseAnnotation } from "./annotations";
export { InformationContent, type InformationContentOptions } from "./information-content";
export {
  sharedDataDir,
  projectRoot,
  readTextFile,
  loadOntologyFile,
  loadDiseaseAnnotations,
  loadHpo,
  defaultHpo,
  DEFAULT_HPO_FILE,
  DEFAULT_ANNOTATION_FILE,
  type HpoBundle,
} from "./load.server";
