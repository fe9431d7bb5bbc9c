// The reference engine: in-text citations without a reference, references never cited, malformed DOIs and duplicate
// references. Numeric ([1], [2-4], [1,3]) and author–year ((Smith et al., 2020), Smith and Jones (2019)) styles.
import { findingAt, matchesInBlock } from "./findings";
import { type Finding, type ManuscriptText, type TextBlock, bodyBlocks } from "./model";

/** Crossref's recommended pattern for modern DOIs. */
export const CROSSREF_DOI = /^10\.\d{4,9}\/[-._;()/:A-Z0-9]+$/i;

export interface ParsedReference {
  block: TextBlock;
  number: number;
  firstAuthor: string | null;
  year: string | null;
  title: string | null;
  dois: Array<{ doi: string; start: number; end: number; problem: "malformed" | "trailing-punctuation" | null }>;
}

const LEADING_NUMBER = /^\s*\[?(\d{1,4})[\].)]?\s+/;
const YEAR = /\b((?:19|20)\d{2}[a-z]?)\b/;
// A DOI link, anything after "doi:", or a bare "10.<digits>/…" (a bare "10." is a page number or a decimal).
const DOI_CANDIDATE = /https?:\/\/(?:dx\.)?doi\.org\/\S+|\bdoi:\s*\S+|\b10\.\d+\/\S*/gi;

function normaliseTitle(title: string): string {
  return title.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, " ").trim();
}

function titleOf(text: string): string | null {
  const afterYear = /\((?:19|20)\d{2}[a-z]?\)\.\s*([^.?!]+[.?!])/.exec(text);
  if (afterYear) return afterYear[1];
  const parts = text.replace(LEADING_NUMBER, "").split(/\.\s+/);
  return parts.length > 1 ? parts[1] : null;
}

function firstAuthorOf(text: string): string | null {
  const match = /^\s*(?:\[?\d{1,4}[\].)]?\s+)?([\p{Lu}][\p{L}'’-]+(?:\s+(?:van|von|de|der|da|del|di|le|la)\s+[\p{Lu}][\p{L}'’-]+)*)/u.exec(text);
  return match ? match[1] : null;
}

/** Splits a DOI candidate into the DOI and what follows it, and says what is wrong with it. */
export function examineDoi(candidate: string): { doi: string; length: number; problem: "malformed" | "trailing-punctuation" | null } {
  const isUrl = /^https?:/i.test(candidate);
  let doi = candidate.replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i, "");
  const prefixLength = candidate.length - doi.length;
  let trimmed = doi.replace(/[.,;:]+$/, "");
  const open = (trimmed.match(/\(/g) ?? []).length;
  const close = (trimmed.match(/\)/g) ?? []).length;
  if (close > open) trimmed = trimmed.replace(/\)+$/, "").replace(/[.,;:]+$/, "");
  const hadTrailing = trimmed.length < doi.length;
  doi = trimmed;
  const length = prefixLength + doi.length;
  if (!CROSSREF_DOI.test(doi)) return { doi, length, problem: "malformed" };
  // In a link, the trailing punctuation gets swallowed by most linkifiers and the DOI no longer resolves.
  return { doi, length, problem: isUrl && hadTrailing && /^[),;:]/.test(candidate.slice(length)) ? "trailing-punctuation" : null };
}

export function parseReferences(manuscript: ManuscriptText): ParsedReference[] {
  const blocks = manuscript.blocks.filter((b) => b.type === "reference" && b.text.trim() !== "");
  return blocks.map((block, index) => {
    const label = LEADING_NUMBER.exec(block.text);
    const dois: ParsedReference["dois"] = [];
    for (const { match, start } of matchesInBlock(block, DOI_CANDIDATE)) {
      const examined = examineDoi(match[0]);
      if (examined.length === 0) continue;
      dois.push({ doi: examined.doi, start, end: start + examined.length, problem: examined.problem });
    }
    const yearMatch = YEAR.exec(block.text.replace(DOI_CANDIDATE, ""));
    return {
      block,
      number: label ? Number(label[1]) : index + 1,
      firstAuthor: firstAuthorOf(block.text),
      year: yearMatch ? yearMatch[1] : null,
      title: titleOf(block.text),
      dois,
    };
  });
}

export interface Citation {
  start: number;
  end: number;
  numbers?: number[];
  authorYear?: { author: string; year: string };
}

const NUMERIC_CITATION = /\[(\d{1,4}(?:\s*[-–,]\s*\d{1,4})*)\]/g;
const NAME = String.raw`[\p{Lu}][\p{L}'’-]+`;
const AUTHOR_YEAR_PART = new RegExp(String.raw`(${NAME})(?:\s+et al\.?|\s+(?:and|&)\s+${NAME})?,?\s+((?:19|20)\d{2}[a-z]?)`, "gu");
const PARENTHETICAL = new RegExp(String.raw`\(([^()]*?${NAME}[^()]*?(?:19|20)\d{2}[a-z]?)\)`, "gu");
const NARRATIVE = new RegExp(String.raw`\b(${NAME})(?:\s+et al\.?|\s+(?:and|&)\s+${NAME})?\s+\(((?:19|20)\d{2}[a-z]?)\)`, "gu");

// Capitalised words that precede a year in parentheses without being an author ("(March 2019)", "(Table 2, 2020)").
const NOT_AUTHORS = new Set(
  "January February March April May June July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Table Figure Fig Since In From Until Before After During Between Spring Summer Autumn Winter Fall Version".split(" "),
);

function expandNumbers(list: string): number[] {
  const out: number[] = [];
  for (const part of list.split(",")) {
    const [from, to] = part.split(/[-–]/).map((s) => Number(s.trim()));
    if (to === undefined) out.push(from);
    else for (let n = from; n <= to && n - from < 500; n++) out.push(n);
  }
  return out;
}

export function findCitations(manuscript: ManuscriptText): Citation[] {
  const citations: Citation[] = [];
  for (const block of bodyBlocks(manuscript)) {
    for (const { match, start, end } of matchesInBlock(block, NUMERIC_CITATION)) citations.push({ start, end, numbers: expandNumbers(match[1]) });
    for (const { match, start } of matchesInBlock(block, PARENTHETICAL)) {
      // "(Smith et al., 2020a, 2020b; Jones 2019)": segments split by ";", one author, one or more years each.
      let segmentStart = start + 1;
      for (const segment of match[1].split(";")) {
        const part = new RegExp(AUTHOR_YEAR_PART.source, "u").exec(segment);
        if (part && !NOT_AUTHORS.has(part[1])) {
          const partStart = segmentStart + part.index;
          citations.push({ start: partStart, end: partStart + part[0].length, authorYear: { author: part[1], year: part[2] } });
          const rest = segment.slice(part.index + part[0].length);
          const restStart = partStart + part[0].length;
          for (const extra of rest.matchAll(/,\s*((?:19|20)\d{2}[a-z]?)\b/g)) {
            const yearStart = restStart + (extra.index ?? 0) + extra[0].indexOf(extra[1]);
            citations.push({ start: yearStart, end: yearStart + extra[1].length, authorYear: { author: part[1], year: extra[1] } });
          }
        }
        segmentStart += segment.length + 1;
      }
    }
    for (const { match, start, end } of matchesInBlock(block, NARRATIVE)) {
      if (NOT_AUTHORS.has(match[1]) || citations.some((c) => c.start < end && start < c.end)) continue;
      citations.push({ start, end, authorYear: { author: match[1], year: match[2] } });
    }
  }
  return citations.sort((a, b) => a.start - b.start);
}

const fold = (s: string) => s.toLowerCase().normalize("NFKD").replace(/[^a-z]/g, "");

function matchesReference(citation: Citation["authorYear"] & object, ref: ParsedReference): boolean {
  return ref.firstAuthor !== null && ref.year !== null && fold(ref.firstAuthor) === fold(citation.author) && ref.year === citation.year;
}

function referenceQuote(ref: ParsedReference): { start: number; end: number } {
  const text = ref.block.text;
  const lead = text.length - text.trimStart().length;
  return { start: ref.block.start + lead, end: ref.block.start + text.trimEnd().length };
}

export function referenceFindings(manuscript: ManuscriptText): Finding[] {
  const references = parseReferences(manuscript);
  const citations = findCitations(manuscript);
  const findings: Finding[] = [];
  const cited = new Set<ParsedReference>();
  const numbers = new Map(references.map((r) => [r.number, r]));

  for (const citation of citations) {
    if (citation.numbers) {
      const missing = citation.numbers.filter((n) => !numbers.has(n));
      for (const n of citation.numbers) if (numbers.has(n)) cited.add(numbers.get(n) as ParsedReference);
      if (missing.length > 0) {
        findings.push(
          findingAt(manuscript, "references", citation.start, citation.end, {
            code: "ref.citation-without-reference",
            severity: "warning",
            message: `Citation to reference ${missing.join(", ")}, which is not in the reference list (${references.length} references).`,
          }),
        );
      }
    } else if (citation.authorYear) {
      const targets = references.filter((r) => matchesReference(citation.authorYear as NonNullable<Citation["authorYear"]>, r));
      for (const target of targets) cited.add(target);
      if (targets.length === 0) {
        findings.push(
          findingAt(manuscript, "references", citation.start, citation.end, {
            code: "ref.citation-without-reference",
            severity: "warning",
            message: `No reference by ${citation.authorYear.author} (${citation.authorYear.year}) in the reference list.`,
          }),
        );
      }
    }
  }

  for (const ref of references) {
    if (cited.has(ref)) continue;
    const { start, end } = referenceQuote(ref);
    findings.push(
      findingAt(manuscript, "references", start, end, {
        code: "ref.uncited-reference",
        severity: "warning",
        message: `Reference ${ref.number} is never cited in the text.`,
      }),
    );
  }

  for (const ref of references) {
    for (const doi of ref.dois) {
      if (!doi.problem) continue;
      findings.push(
        findingAt(manuscript, "references", doi.start, doi.end, doi.problem === "malformed"
          ? { code: "ref.malformed-doi", severity: "warning", message: `"${doi.doi}" is not a well-formed DOI (expected 10.<4–9 digits>/<suffix>, no spaces).` }
          : { code: "ref.doi-trailing-punctuation", severity: "info", message: `The DOI link is followed by punctuation that link detection may swallow; separate it with a space.` }),
      );
    }
  }

  const seenDoi = new Map<string, ParsedReference>();
  const seenTitle = new Map<string, ParsedReference>();
  for (const ref of references) {
    const doi = ref.dois.find((d) => !d.problem)?.doi.toLowerCase();
    const title = ref.title ? normaliseTitle(ref.title) : "";
    const earlier = (doi && seenDoi.get(doi)) || (title.length >= 20 ? seenTitle.get(title) : undefined);
    if (earlier) {
      const { start, end } = referenceQuote(ref);
      findings.push(
        findingAt(manuscript, "references", start, end, {
          code: "ref.duplicate-reference",
          severity: "warning",
          message: `Reference ${ref.number} duplicates reference ${earlier.number} (same ${doi && seenDoi.get(doi) ? "DOI" : "title"}).`,
        }),
      );
      continue;
    }
    if (doi) seenDoi.set(doi, ref);
    if (title.length >= 20) seenTitle.set(title, ref);
  }
  return findings.sort((a, b) => a.quote.start - b.quote.start);
}
