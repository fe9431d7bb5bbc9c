// A hand-written OBO 1.2/1.4 flat-file parser: enough of the format for the Human Phenotype Ontology.
// Pure: text in, structured terms out. Gzip handling lives in load.server.ts.

export interface RawSynonym {
  text: string;
  /** EXACT | BROAD | NARROW | RELATED */
  scope: string;
  /** optional synonym type (e.g. "layperson", "HP:0045076") */
  type?: string;
}

/** One ontology class as read from a source file, before any indexing. */
export interface RawTerm {
  id: string;
  name: string;
  definition?: string;
  comment?: string;
  synonyms: RawSynonym[];
  parents: string[];
  altIds: string[];
  obsolete: boolean;
  replacedBy: string[];
  consider: string[];
  xrefs: string[];
}

export interface OntologyHeader {
  formatVersion?: string;
  /** raw data-version value, e.g. "releases/2017-04-13" or "hp/releases/2024-04-26" */
  dataVersion?: string;
  /** raw "date:" header value (OBO dd:MM:yyyy HH:mm) */
  date?: string;
  ontology?: string;
}

export interface ParsedOntologyDocument {
  header: OntologyHeader;
  terms: RawTerm[];
}

/** Removes a trailing "! comment" that is not inside a quoted string, and unescapes nothing else. */
function stripTrailingComment(value: string): string {
  let inQuote = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === "\\") {
      i++;
      continue;
    }
    if (ch === '"') inQuote = !inQuote;
    else if (ch === "!" && !inQuote && (i === 0 || value[i - 1] === " " || value[i - 1] === "\t")) {
      return value.slice(0, i).trimEnd();
    }
  }
  return value.trimEnd();
}

/** Reads a leading OBO quoted string; returns the unescaped text and the remainder. */
function readQuoted(value: string): { text: string; rest: string } | null {
  if (!value.startsWith('"')) return null;
  let out = "";
  for (let i = 1; i < value.length; i++) {
    const ch = value[i];
    if (ch === "\\" && i + 1 < value.length) {
      const next = value[i + 1];
      out += next === "n" ? "\n" : next === "t" ? "\t" : next;
      i++;
    } else if (ch === '"') {
      return { text: out, rest: value.slice(i + 1).trim() };
    } else {
      out += ch;
    }
  }
  return null;
}

function parseSynonym(value: string): RawSynonym | null {
  const q = readQuoted(value);
  if (!q) return null;
  // rest: SCOPE [TYPE] [xrefs]
  const beforeXrefs = stripTrailingComment(q.rest).replace(/\[[^\]]*\]\s*$/, "").trim();
  const parts = beforeXrefs.split(/\s+/).filter(Boolean);
  const scope = parts[0] && /^(EXACT|BROAD|NARROW|RELATED)$/.test(parts[0]) ? parts[0] : "RELATED";
  const type = parts[0] === scope ? parts[1] : undefined;
  return type ? { text: q.text, scope, type } : { text: q.text, scope };
}

function newTerm(id: string): RawTerm {
  return { id, name: "", synonyms: [], parents: [], altIds: [], obsolete: false, replacedBy: [], consider: [], xrefs: [] };
}

/**
 * Parses an OBO document. Only [Term] stanzas are returned; [Typedef] and [Instance] stanzas are skipped.
 * Unknown tags are ignored, so newer OBO files (1.4) parse as well.
 */
export function parseObo(text: string): ParsedOntologyDocument {
  const header: OntologyHeader = {};
  const terms: RawTerm[] = [];
  let stanza: "header" | "term" | "other" = "header";
  let current: RawTerm | null = null;
  const lines = text.split(/\r?\n/);
  const flush = () => {
    if (current && current.id) terms.push(current);
    current = null;
  };
  for (let lineNo = 0; lineNo < lines.length; lineNo++) {
    let line = lines[lineNo];
    // line continuation with a trailing backslash
    while (line.endsWith("\\") && !line.endsWith("\\\\") && lineNo + 1 < lines.length) {
      line = line.slice(0, -1) + lines[++lineNo];
    }
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("!")) continue;
    if (trimmed.startsWith("[")) {
      flush();
      stanza = trimmed === "[Term]" ? "term" : "other";
      if (stanza === "term") current = newTerm("");
      continue;
    }
    const colon = trimmed.indexOf(":");
    if (colon <= 0) continue;
    const tag = trimmed.slice(0, colon);
    const rawValue = trimmed.slice(colon + 1).trim();
    if (stanza === "header") {
      if (tag === "format-version") header.formatVersion = rawValue;
      else if (tag === "data-version") header.dataVersion = rawValue;
      else if (tag === "date") header.date = rawValue;
      else if (tag === "ontology") header.ontology = rawValue;
      continue;
    }
    if (stanza !== "term" || !current) continue;
    const term: RawTerm = current;
    switch (tag) {
      case "id":
        term.id = stripTrailingComment(rawValue);
        break;
      case "name":
        term.name = stripTrailingComment(rawValue);
        break;
      case "def": {
        const q = readQuoted(rawValue);
        term.definition = q ? q.text : stripTrailingComment(rawValue);
        break;
      }
      case "comment":
        term.comment = rawValue;
        break;
      case "synonym": {
        const s = parseSynonym(rawValue);
        if (s) term.synonyms.push(s);
        break;
      }
      case "is_a": {
        const v = stripTrailingComment(rawValue).split(/\s+/)[0];
        if (v) term.parents.push(v);
        break;
      }
      case "alt_id":
        term.altIds.push(stripTrailingComment(rawValue));
        break;
      case "is_obsolete":
        term.obsolete = stripTrailingComment(rawValue) === "true";
        break;
      case "replaced_by":
        term.replacedBy.push(stripTrailingComment(rawValue));
        break;
      case "consider":
        term.consider.push(stripTrailingComment(rawValue));
        break;
      case "xref":
        term.xrefs.push(stripTrailingComment(rawValue).split(/\s+/)[0]);
        break;
      default:
        break;
    }
  }
  flush();
  return { header, terms };
}
