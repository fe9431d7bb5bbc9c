// Parser for the HPO disease annotation file (old 14-column phenotype_annotation.tab). Pure.

export interface PhenotypeAnnotation {
  db: string;
  dbObjectId: string;
  /** "DB:ID", e.g. "MIM:100050" (OMIM entries use the MIM prefix, as in MME disorder ids) */
  diseaseId: string;
  diseaseName: string;
  /** "NOT" when the phenotype is explicitly absent */
  qualifier: string;
  hpoId: string;
  reference: string;
  evidence: string;
  onset: string;
  frequency: string;
  with: string;
  /** O (organ abnormality), I (inheritance), C (clinical course), M (modifier) */
  aspect: string;
  synonyms: string;
  date: string;
  assignedBy: string;
}

export function parsePhenotypeAnnotations(text: string): PhenotypeAnnotation[] {
  const out: PhenotypeAnnotation[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line || line.startsWith("#")) continue;
    const c = line.split("\t");
    if (c.length < 11 || !c[4]?.includes(":")) continue;
    out.push({
      db: c[0],
      dbObjectId: c[1],
      diseaseId: `${c[0]}:${c[1]}`,
      diseaseName: c[2] ?? "",
      qualifier: c[3] ?? "",
      hpoId: c[4],
      reference: c[5] ?? "",
      evidence: c[6] ?? "",
      onset: c[7] ?? "",
      frequency: c[8] ?? "",
      with: c[9] ?? "",
      aspect: c[10] ?? "",
      synonyms: c[11] ?? "",
      date: c[12] ?? "",
      assignedBy: c[13] ?? "",
    });
  }
  return out;
}

export interface DiseaseAnnotation {
  id: string;
  name: string;
  /** HPO ids annotated as present (NOT-qualified annotations are left out) */
  terms: string[];
}

/**
 * Groups annotations by disease. By default keeps the phenotypic-abnormality aspect only ("O"), which is what
 * information content and synthetic patients should be drawn from.
 */
export function groupByDisease(rows: PhenotypeAnnotation[], aspects: readonly string[] = ["O"]): DiseaseAnnotation[] {
  const map = new Map<string, { name: string; terms: Set<string> }>();
  for (const r of rows) {
    if (r.qualifier.toUpperCase() === "NOT") continue;
    if (aspects.length > 0 && !aspects.includes(r.aspect)) continue;
    let d = map.get(r.diseaseId);
    if (!d) {
      d = { name: r.diseaseName, terms: new Set() };
      map.set(r.diseaseId, d);
    }
    d.terms.add(r.hpoId);
  }
  return [...map.entries()].map(([id, d]) => ({ id, name: d.name, terms: [...d.terms] }));
}
