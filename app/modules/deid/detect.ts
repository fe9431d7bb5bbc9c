// Finds Safe Harbor identifiers in free text. Patterns prefer precision: geography is taken from street addresses,
// postal codes and "lives in <Place>" phrases, not from every capitalised word after "in".
import { findDates } from "./dates";
import { FIRST_NAMES } from "./first-names";
import type { IdentifierHit, IdentifierKind } from "./model";

interface Candidate {
  kind: IdentifierKind;
  start: number;
  end: number;
  suggestion: string;
}

const CAP = String.raw`[A-Z][a-zA-Z'’-]+`;
// An alphanumeric code with at least one digit, or digit groups separated by spaces ("943 476 5919").
const CODE = String.raw`\d{3,5}(?: \d{3,5}){1,3}(?![\d.,])|(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{3,}`;
const LABEL_GAP = String.raw`\s*(?:number|no\.?|#|ID|identifier)?\s*(?:is|was)?\s*[:#]?\s*`;
// Broad labels ("member", "plate", "device") need an explicit "number"/"ID" or a colon before the code.
const STRICT_GAP = String.raw`\s*(?:(?:number|no\.?|#|ID|identifier)\s*(?:is|was)?\s*[:#]?|[:#])\s*`;

/** Label-introduced codes: the match's last group is the code itself, so the label stays readable after redaction. */
const LABELLED_CODES: Array<[IdentifierKind, RegExp, string]> = [
  ["mrn", new RegExp(String.raw`\b(?:MRN|medical record|hospital (?:record|number)|patient ID|case number)${LABEL_GAP}(${CODE})`, "gi"), "[MRN]"],
  ["health-plan", new RegExp(String.raw`\b(?:health plan|insurance|member|policy|beneficiary|Medicare|Medicaid|NHS)${STRICT_GAP}(${CODE})`, "gi"), "[HEALTH PLAN ID]"],
  ["account", new RegExp(String.raw`\b(?:account|acct\.?|billing)${STRICT_GAP}(${CODE})`, "gi"), "[ACCOUNT]"],
  ["licence", new RegExp(String.raw`\b(?:driver'?s licen[cs]e|licen[cs]e|certificate|DEA)${STRICT_GAP}(${CODE})`, "gi"), "[LICENCE]"],
  ["vehicle", new RegExp(String.raw`\b(?:licen[cs]e plate|number plate|registration plate|plate|VIN)${STRICT_GAP}(${CODE}|[A-Z]{2,3}[- ]?\d{2,4}[- ]?[A-Z]{0,3})`, "gi"), "[VEHICLE ID]"],
  ["device", new RegExp(String.raw`\b(?:serial|device|implant|UDI|S\/N|pacemaker)${STRICT_GAP}(${CODE})`, "gi"), "[DEVICE ID]"],
  ["ssn", new RegExp(String.raw`\b(?:SSN|social security)${LABEL_GAP}(\d{3}[- ]?\d{2}[- ]?\d{4})\b`, "gi"), "[SSN]"],
  ["other-id", new RegExp(String.raw`\b(?:ID|identifier|biobank|specimen|accession)\s*[:#]\s*(${CODE})`, "g"), "[ID]"],
];

const SIMPLE: Array<[IdentifierKind, RegExp, string]> = [
  ["email", /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g, "[EMAIL]"],
  ["url", /\b(?:https?:\/\/|www\.)[^\s<>"')\]]+[^\s<>"')\].,;:!?]/g, "[URL]"],
  ["ip", /\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b/g, "[IP]"],
  ["ssn", /\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b/g, "[SSN]"],
  [
    "address",
    new RegExp(
      String.raw`\b\d{1,5}\s+(?:${CAP}\s+){1,3}(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|Lane|Ln\.?|Drive|Dr\.?|Court|Ct\.?|Way|Place|Pl\.?|Terrace|Close|Crescent|Square|Sq\.?|Highway|Hwy\.?)(?:,?\s+(?:Apt\.?|Apartment|Suite|Unit|Flat)\s*#?\w+)?(?:,\s*${CAP}(?:\s+${CAP})?(?=,|\s+[A-Z]{2}\s+\d{5}))?`,
      "g",
    ),
    "[ADDRESS]",
  ],
  ["zip", /\b(?:ZIP|zip code|postcode|postal code)\s*:?\s*\d{5}(?:-\d{4})?\b/gi, "[ZIP]"],
  ["zip", /\b(?:A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[TA]|W[AVIY])\s+\d{5}(?:-\d{4})?\b/g, "[ZIP]"],
  ["zip", /\b(?:GIR 0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s\d[ABD-HJLNP-UW-Z]{2})\b/g, "[POSTCODE]"],
  ["age", /\b(?:9\d|1[0-2]\d)[- ](?:years?|yrs?)[- ]old\b/gi, "[AGE: 90+]"],
  ["age", /\b(?:9\d|1[0-2]\d)\s+(?:years?|yrs?)\s+of\s+age\b/gi, "[AGE: 90+]"],
  ["age", /\b(?:aged?|age of)\s*:?\s*(?:9\d|1[0-2]\d)(?:\s*(?:years?|yrs?)\b)?(?!\s*(?:mg|kg|ml|mmol|%|cm|mm))(?!\d|[.,]\d)/gi, "[AGE: 90+]"],
  ["age", /\b(?:9\d|1[0-2]\d)\s*(?:y\/o|yo|y\.o\.)(?![a-z])/gi, "[AGE: 90+]"],
  ["age", /\b(?:nonagenarian|centenarian)\b/gi, "[AGE: 90+]"],
];

const PHONE = /(?<![\w/.-])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,5}\)\s?|\d{2,5}[\s.-])\d{3,4}[\s.-]\d{3,4}(?![\w/-])/g;
const PHONE_CONTEXT = /\b(?:tel|telephone|phone|mobile|cell|fax|call|contact|pager|ext)\b/i;

const RESIDENCE = new RegExp(
  String.raw`\b(?:lives|lived|living|resides|resided|residing|resident|born|grew up|from the (?:village|town|city) of|native of|moved to|works|worked)\s+(?:in|at|of)\s+(?:the\s+)?(${CAP}(?:\s+${CAP}){0,2})`,
  "g",
);
// States and countries are above the level Safe Harbor removes; they are not flagged.
const ALLOWED_PLACES = new Set(
  `Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii Idaho Illinois Indiana Iowa Kansas
  Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon
  Pennsylvania Tennessee Texas Utah Vermont Virginia Washington Wisconsin Wyoming America Africa Asia Europe Australia Canada Mexico
  Brazil Argentina Chile Peru Colombia England Scotland Wales Ireland Britain France Germany Spain Portugal Italy Netherlands Belgium
  Switzerland Austria Poland Sweden Norway Denmark Finland Greece Turkey Russia Ukraine China Japan Korea India Pakistan Bangladesh
  Nigeria Kenya Egypt Ethiopia Ghana Israel Iran Iraq Vietnam Thailand Indonesia Philippines Malaysia Singapore Zealand The A An`
    .split(/\s+/)
    .filter(Boolean),
);

const TITLED_NAME = new RegExp(String.raw`\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sister|Nurse)\.?\s+(${CAP}(?:\s+${CAP}){0,2})`, "g");
const RELATION_NAME = new RegExp(
  String.raw`\b(?:patient|pt\.?|mother|father|son|daughter|wife|husband|brother|sister|partner|named|called|née)\s*,?\s+(${CAP}(?:\s+${CAP}){0,2})`,
  "g",
);
const CAPITALISED_RUN = new RegExp(String.raw`\b${CAP}(?:\s+${CAP}){0,2}`, "g");
const EPONYM_FOLLOWS = /^\s*(?:'s|’s)?\s*(?:syndrome|disease|palsy|sign|test|criteria|classification|scale|score|procedure|operation|manoeuvre|maneuver|phenomenon|tumou?r|law|hospital|university|institute|foundation|college|centre|center|clinic)\b/i;
// A name followed by "et al." or a year is an author being cited, not a patient.
const AUTHOR_FOLLOWS = /^\s*(?:et al\b|and colleagues\b|\(\s*(?:19|20)\d{2}|,\s*(?:19|20)\d{2}\b|\[\d)/;
const NOT_NAMES = new Set(
  "The A An He She They We It His Her Their This That These Those On In At Of And Or But After Before During When While Since Because Although Patient Case Day Hospital Clinic Department University Figure Table Informed Written Consent".split(
    " ",
  ),
);

function suggestionForDate(year: number | null): string {
  return year === null ? "[DATE]" : `[DATE: ${year}]`;
}

/** Trims a run of capitalised words to the part that reads as a name (drops trailing non-name words). */
function nameSpan(words: string, offset: number): { start: number; end: number } | null {
  const tokens = [...words.matchAll(/\S+/g)];
  const kept = [];
  for (const token of tokens) {
    if (NOT_NAMES.has(token[0])) break;
    kept.push(token);
  }
  if (kept.length === 0) return null;
  const last = kept[kept.length - 1];
  return { start: offset + (kept[0].index ?? 0), end: offset + (last.index ?? 0) + last[0].length };
}

function isPersonName(text: string, end: number): boolean {
  const after = text.slice(end, end + 40);
  return !EPONYM_FOLLOWS.test(after) && !AUTHOR_FOLLOWS.test(after);
}

function candidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  const add = (kind: IdentifierKind, start: number, end: number, suggestion: string) => out.push({ kind, start, end, suggestion });

  for (const date of findDates(text)) add("date", date.start, date.end, suggestionForDate(date.year));

  for (const [kind, pattern, suggestion] of LABELLED_CODES) {
    for (const match of text.matchAll(pattern)) {
      const code = match[match.length - 1];
      const end = (match.index ?? 0) + match[0].length;
      add(kind, end - code.length, end, suggestion);
    }
  }
  for (const [kind, pattern, suggestion] of SIMPLE) {
    for (const match of text.matchAll(pattern)) add(kind, match.index ?? 0, (match.index ?? 0) + match[0].length, suggestion);
  }
  for (const match of text.matchAll(PHONE)) {
    const start = match.index ?? 0;
    const digits = match[0].replace(/\D/g, "").length;
    const before = text.slice(Math.max(0, start - 30), start);
    if (digits < 7 || digits > 15) continue;
    // Without a telephone word nearby, only the unmistakable shapes count: "(617) 555-0142", "+44 20 7946 0958".
    if (!PHONE_CONTEXT.test(before) && !/^\+|^\(\d+\)|^\d{3}[-.]\d{3}[-.]\d{4}$/.test(match[0])) continue;
    const fax = /\bfax\b/i.test(before);
    add(fax ? "fax" : "phone", start, start + match[0].length, fax ? "[FAX]" : "[PHONE]");
  }
  for (const match of text.matchAll(RESIDENCE)) {
    const place = match[1];
    const firstWord = place.split(/\s+/)[0];
    if (ALLOWED_PLACES.has(firstWord) || ALLOWED_PLACES.has(place)) continue;
    const end = (match.index ?? 0) + match[0].length;
    add("location", end - place.length, end, "[LOCATION]");
  }
  for (const pattern of [TITLED_NAME, RELATION_NAME]) {
    for (const match of text.matchAll(pattern)) {
      const words = match[1];
      const offset = (match.index ?? 0) + match[0].length - words.length;
      const span = nameSpan(words, offset);
      if (span && isPersonName(text, span.end)) add("name", span.start, span.end, "[NAME]");
    }
  }
  for (const match of text.matchAll(CAPITALISED_RUN)) {
    const first = match[0].split(/\s+/)[0];
    if (!FIRST_NAMES.has(first)) continue;
    const span = nameSpan(match[0], match.index ?? 0);
    if (span && isPersonName(text, span.end)) add("name", span.start, span.end, "[NAME]");
  }
  return out;
}

/** Every identifier in the text, without overlaps (the longer hit wins), in order of position. */
export function findIdentifiers(text: string): IdentifierHit[] {
  const sorted = candidates(text).sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Candidate[] = [];
  for (const c of sorted) if (!kept.some((k) => k.start < c.end && c.start < k.end)) kept.push(c);
  return kept.sort((a, b) => a.start - b.start).map((c) => ({ ...c, text: text.slice(c.start, c.end) }));
}
