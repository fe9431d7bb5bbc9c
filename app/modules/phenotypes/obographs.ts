// Reader for the official OBO Graphs JSON serialisation (hp.json) of newer HPO releases. Pure.
import type { OntologyHeader, ParsedOntologyDocument, RawSynonym, RawTerm } from "./obo";

interface GraphPropertyValue {
  pred?: string;
  val?: string;
}
interface GraphNodeMeta {
  definition?: { val?: string };
  comments?: string[];
  synonyms?: Array<{ pred?: string; val?: string; synonymType?: string }>;
  xrefs?: Array<{ val?: string }>;
  deprecated?: boolean;
  basicPropertyValues?: GraphPropertyValue[];
}
interface GraphNode {
  id?: string;
  lbl?: string;
  type?: string;
  meta?: GraphNodeMeta;
}
interface GraphEdge {
  sub?: string;
  pred?: string;
  obj?: string;
}
interface Graph {
  id?: string;
  meta?: { version?: string; basicPropertyValues?: GraphPropertyValue[] };
  nodes?: GraphNode[];
  edges?: GraphEdge[];
}

const OBO_PURL = "http://purl.obolibrary.org/obo/";
const ALT_ID = "http://www.geneontology.org/formats/oboInOwl#hasAlternativeId";
const REPLACED_BY = "http://purl.obolibrary.org/obo/IAO_0100001";
const CONSIDER = "http://www.geneontology.org/formats/oboInOwl#consider";
const VERSION_INFO = "http://www.w3.org/2002/07/owl#versionInfo";

/** "http://purl.obolibrary.org/obo/HP_0000118" → "HP:0000118"; CURIEs pass through. */
export function curieFromIri(iri: string): string {
  if (iri.startsWith(OBO_PURL)) {
    const local = iri.slice(OBO_PURL.length);
    const us = local.indexOf("_");
    return us > 0 ? `${local.slice(0, us)}:${local.slice(us + 1)}` : local;
  }
  return iri;
}

function synonymScope(pred: string | undefined): string {
  switch (pred) {
    case "hasExactSynonym":
      return "EXACT";
    case "hasBroadSynonym":
      return "BROAD";
    case "hasNarrowSynonym":
      return "NARROW";
    default:
      return "RELATED";
  }
}

/**
 * Parses an obographs document ({graphs:[...]}). Only CLASS nodes whose CURIE prefix equals `idPrefix`
 * (default "HP") become terms; `is_a` edges between them become parents.
 */
export function parseObographs(json: unknown, idPrefix = "HP"): ParsedOntologyDocument {
  const doc = json as { graphs?: Graph[] };
  if (!doc || !Array.isArray(doc.graphs) || doc.graphs.length === 0) {
    throw new Error("not an OBO Graphs document: expected a non-empty `graphs` array");
  }
  const graph = doc.graphs[0];
  const header: OntologyHeader = { formatVersion: "obographs" };
  const version = graph.meta?.version;
  const versionInfo = graph.meta?.basicPropertyValues?.find((p) => p.pred === VERSION_INFO)?.val;
  if (version) header.dataVersion = version.startsWith(OBO_PURL) ? version.slice(OBO_PURL.length) : version;
  else if (versionInfo) header.dataVersion = versionInfo;
  if (versionInfo) header.date = versionInfo;
  if (graph.id) header.ontology = curieFromIri(graph.id).replace(/\.(json|owl|obo)$/, "");

  const byId = new Map<string, RawTerm>();
  const prefix = `${idPrefix}:`;
  for (const node of graph.nodes ?? []) {
    if (!node.id || (node.type && node.type !== "CLASS")) continue;
    const id = curieFromIri(node.id);
    if (!id.startsWith(prefix)) continue;
    const meta = node.meta ?? {};
    const props = meta.basicPropertyValues ?? [];
    const synonyms: RawSynonym[] = (meta.synonyms ?? [])
      .filter((s) => typeof s.val === "string" && s.val.length > 0)
      .map((s) => {
        const syn: RawSynonym = { text: s.val as string, scope: synonymScope(s.pred) };
        if (s.synonymType) syn.type = curieFromIri(s.synonymType);
        return syn;
      });
    const term: RawTerm = {
      id,
      name: node.lbl ?? "",
      synonyms,
      parents: [],
      altIds: props.filter((p) => p.pred === ALT_ID && p.val).map((p) => p.val as string),
      obsolete: meta.deprecated === true,
      replacedBy: props.filter((p) => p.pred === REPLACED_BY && p.val).map((p) => curieFromIri(p.val as string)),
      consider: props.filter((p) => p.pred === CONSIDER && p.val).map((p) => curieFromIri(p.val as string)),
      xrefs: (meta.xrefs ?? []).map((x) => x.val ?? "").filter(Boolean),
    };
    if (meta.definition?.val) term.definition = meta.definition.val;
    if (meta.comments?.length) term.comment = meta.comments.join("\n");
    byId.set(id, term);
  }
  for (const edge of graph.edges ?? []) {
    if (edge.pred !== "is_a" || !edge.sub || !edge.obj) continue;
    const child = byId.get(curieFromIri(edge.sub));
    const parent = curieFromIri(edge.obj);
    if (child && byId.has(parent) && !child.parents.includes(parent)) child.parents.push(parent);
  }
  return { header, terms: [...byId.values()] };
}
