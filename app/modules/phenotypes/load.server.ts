// File I/O for ontologies and annotations: reads the shared reference data (gzip or plain).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { groupByDisease, parsePhenotypeAnnotations, type DiseaseAnnotation } from "./annotations";
import { InformationContent, type InformationContentOptions } from "./information-content";
import { parseObo } from "./obo";
import { parseObographs } from "./obographs";
import { Ontology } from "./ontology";

const here = path.dirname(fileURLToPath(import.meta.url));
/** the project root (this file is app/modules/phenotypes/load.server.ts) */
export const projectRoot = path.resolve(here, "..", "..", "..");

/** The shared reference-data folder: $MEDNEXUS_SHARED_DATA or <projectRoot>/../shared/data. */
export function sharedDataDir(): string {
  const override = process.env.MEDNEXUS_SHARED_DATA;
  if (override && override.trim()) return path.resolve(override);
  // Inside the built server bundle this file's location is not the source tree's: fall back to the working directory,
  // which is the project root under npm start and npm test.
  const besideSources = path.resolve(projectRoot, "..", "shared", "data");
  const besideCwd = path.resolve(process.cwd(), "..", "shared", "data");
  return existsSync(besideSources) || !existsSync(besideCwd) ? besideSources : besideCwd;
}

export const DEFAULT_HPO_FILE = path.join("hpo", "hp-2017-04-13.obo.gz");
export const DEFAULT_ANNOTATION_FILE = path.join("hpo", "phenotype_annotation-2017.tab.gz");

/** Reads a text file, gunzipping when the name ends in .gz or the content starts with the gzip magic. */
export function readTextFile(file: string): string {
  const buf = readFileSync(file);
  const gz = file.endsWith(".gz") || (buf.length > 2 && buf[0] === 0x1f && buf[1] === 0x8b);
  return (gz ? gunzipSync(buf) : buf).toString("utf8");
}

/** Loads an ontology from an OBO file (hp.obo[.gz]) or an OBO Graphs JSON file (hp.json[.gz]). */
export function loadOntologyFile(file: string): Ontology {
  const text = readTextFile(file);
  const isJson = /\.json(\.gz)?$/i.test(file) || text.trimStart().startsWith("{");
  return new Ontology(isJson ? parseObographs(JSON.parse(text)) : parseObo(text));
}

export function loadDiseaseAnnotations(file = path.join(sharedDataDir(), DEFAULT_ANNOTATION_FILE), aspects: readonly string[] = ["O"]): DiseaseAnnotation[] {
  return groupByDisease(parsePhenotypeAnnotations(readTextFile(file)), aspects);
}

export interface HpoBundle {
  ontology: Ontology;
  /** diseases with their phenotypic-abnormality (aspect O) terms */
  diseases: DiseaseAnnotation[];
  ic: InformationContent;
}

/**
 * Loads the ontology, the disease annotations and the information content. Defaults to the shared 2017-04-13
 * release; pass `ontologyFile` to load a newer official hp.obo / hp.json instead.
 */
export function loadHpo(options: { ontologyFile?: string; annotationFile?: string; ic?: InformationContentOptions } = {}): HpoBundle {
  const dir = sharedDataDir();
  const ontology = loadOntologyFile(options.ontologyFile ?? path.join(dir, DEFAULT_HPO_FILE));
  const annotationFile = options.annotationFile ?? path.join(dir, DEFAULT_ANNOTATION_FILE);
  const rows = parsePhenotypeAnnotations(readTextFile(annotationFile));
  // IC counts every aspect (so inheritance/onset terms get frequencies too); synthetic data uses aspect O only
  const ic = InformationContent.fromDiseases(ontology, groupByDisease(rows, []), options.ic);
  return { ontology, diseases: groupByDisease(rows, ["O"]), ic };
}

let cached: HpoBundle | null = null;
/** The default bundle, loaded once per process. */
export function defaultHpo(): HpoBundle {
  if (!cached) cached = loadHpo();
  return cached;
}
