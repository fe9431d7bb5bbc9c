// Turns one chunk's reply into findings the reviewer can trust to point at the manuscript: every quote is found and
// verified in the FULL text, every reference the item mentions must exist; whatever fails is dropped and counted.
import type { Checklist } from "../guidelines";
import { type ManuscriptText, type Quote, type Severity, manuscriptFromBlocks } from "../model";
import { anchorQuote, verifyQuote } from "../quote";
import { type ParsedReference, examineDoi, findCitations } from "../references";
import type { ManuscriptChunk } from "./chunks";
import type { DropReason, DroppedItem, LlmFinding, LlmFindingKind, ReviewReply } from "./model";

/** Shorter quotes anchor anywhere ("the patient") and prove nothing, unless they are a whole heading or block. */
export const MIN_QUOTE_LENGTH = 12;

/** What a mention of literature may point at: the reference list, and the citations the manuscript itself makes. */
export interface ReferenceIndex {
  references: ParsedReference[];
  /** Numbers and author–year pairs cited in the manuscript's body (a comment may discuss a citation that has no reference). */
  citedNumbers: Set<number>;
  citedAuthorYears: Set<string>;
}

const fold = (s: string) => s.toLowerCase().normalize("NFKD").replace(/[^a-z]/g, "");
const authorYearKey = (author: string, year: string) => `${fold(author)}:${year}`;

export function buildReferenceIndex(manuscript: ManuscriptText, references: ParsedReference[]): ReferenceIndex {
  const citedNumbers = new Set<number>();
  const citedAuthorYears = new Set<string>();
  for (const citation of findCitations(manuscript)) {
    for (const n of citation.numbers ?? []) citedNumbers.add(n);
    if (citation.authorYear) citedAuthorYears.add(authorYearKey(citation.authorYear.author, citation.authorYear.year));
  }
  return { references, citedNumbers, citedAuthorYears };
}

const NUMBER_MENTION = /^\s*(?:\[|\()?\s*(?:(?:ref(?:erence)?s?\.?|no\.?|#)\s*)?(\d{1,4})\s*(?:\]|\))?\.?\s*$/i;
const DOI_IN_TEXT = /\b10\.\d{4,9}\/\S+/g;
const REFERENCE_WORD_NUMBER = /\b(?:refs?\.?|references?)\s*(?:no\.?\s*)?\[?(\d{1,4})\b/gi;

function referenceByDoi(doi: string, index: ReferenceIndex): ParsedReference | undefined {
  const wanted = examineDoi(doi).doi.toLowerCase();
  return index.references.find((r) => r.dois.some((d) => d.doi.toLowerCase() === wanted));
}

/** The reference a structured mention ("3", "[3]", "ref. 3", a DOI, a fragment of the entry) points at, or null. */
export function resolveReference(mention: string, index: ReferenceIndex): ParsedReference | null {
  const number = NUMBER_MENTION.exec(mention);
  if (number) return index.references.find((r) => r.number === Number(number[1])) ?? null;
  const doi = mention.match(DOI_IN_TEXT)?.[0];
  if (doi) return referenceByDoi(doi, index) ?? null;
  const wanted = mention.toLowerCase().replace(/\s+/g, " ").trim();
  if (wanted.length < 8) return null;
  return index.references.find((r) => r.block.text.toLowerCase().replace(/\s+/g, " ").includes(wanted)) ?? null;
}

/** Literature named in free text (a comment or question): numeric and author–year citations, "reference 7", DOIs. */
function mentionsIn(text: string, index: ReferenceIndex, articleType: ManuscriptText["articleType"]): { found: number[]; unknown: string[] } {
  const found: number[] = [];
  const unknown: string[] = [];
  const asManuscript = manuscriptFromBlocks({ blocks: [{ id: "comment", type: "paragraph", text }], articleType });
  const numbers = new Set<number>();
  for (const citation of findCitations(asManuscript)) {
    for (const n of citation.numbers ?? []) numbers.add(n);
    const ay = citation.authorYear;
    // Acronyms with a year ("CARE 2013", "WHO 2020") name guidelines and bodies, not an author.
    if (!ay || ay.author === ay.author.toUpperCase()) continue;
    const ref = index.references.find((r) => r.firstAuthor && r.year && fold(r.firstAuthor) === fold(ay.author) && r.year === ay.year);
    if (ref) found.push(ref.number);
    else if (!index.citedAuthorYears.has(authorYearKey(ay.author, ay.year))) unknown.push(`${ay.author} (${ay.year})`);
  }
  for (const match of text.matchAll(REFERENCE_WORD_NUMBER)) numbers.add(Number(match[1]));
  for (const n of numbers) {
    if (index.references.some((r) => r.number === n)) found.push(n);
    else if (!index.citedNumbers.has(n)) unknown.push(`[${n}]`);
  }
  for (const match of text.matchAll(DOI_IN_TEXT)) {
    const ref = referenceByDoi(match[0], index);
    if (ref) found.push(ref.number);
    else unknown.push(`doi:${examineDoi(match[0]).doi}`);
  }
  return { found, unknown };
}

export interface ChunkVerification {
  summary: string;
  findings: LlmFinding[];
  dropped: DroppedItem[];
}

interface Candidate {
  kind: LlmFindingKind;
  text: string;
  quote: string;
  references: string[];
  code: string;
  severity: Severity;
  message: string;
  checklistItemId?: string;
  judgement?: LlmFinding["judgement"];
}

function candidatesOf(reply: ReviewReply, checklist: Checklist | null): Array<Candidate | { dropped: DroppedItem }> {
  const out: Array<Candidate | { dropped: DroppedItem }> = [];
  for (const s of reply.strengths) {
    out.push({ kind: "strength", text: s.comment, quote: s.quote, references: s.references, code: "llm.strength", severity: "info", message: s.comment.trim() });
  }
  for (const w of reply.weaknesses) {
    const severity: Severity = w.severity === "major" ? "warning" : "info";
    out.push({ kind: "weakness", text: w.comment, quote: w.quote, references: w.references, code: "llm.weakness", severity, message: w.comment.trim() });
  }
  for (const q of reply.questions) {
    out.push({ kind: "question", text: q.question, quote: q.quote, references: q.references, code: "llm.question", severity: "info", message: q.question.trim() });
  }
  for (const c of reply.checklist ?? []) {
    const item = checklist?.items.find((i) => i.id === c.itemId);
    if (!checklist || !item) {
      const detail = checklist ? `${checklist.name} ${checklist.version} has no item "${c.itemId}"` : "no reporting guideline applies to this article type";
      out.push({ dropped: { reason: "unknown-checklist-item", kind: "checklist", text: c.comment, quote: c.quote, detail } });
      continue;
    }
    const label = `${checklist.name} ${checklist.version} item ${item.id} (${item.topic})`;
    const comment = c.comment.trim();
    out.push({
      kind: "checklist",
      text: c.comment,
      quote: c.quote,
      references: [],
      code: `llm.checklist-${c.judgement}`,
      severity: c.judgement === "missing" ? "warning" : "info",
      message: `${label} is ${c.judgement}${comment ? `: ${comment}` : "."}${c.judgement === "present" ? "" : ` Expected: ${item.requirement}`}`,
      checklistItemId: item.id,
      judgement: c.judgement,
    });
  }
  return out;
}

function isWholeBlock(manuscript: ManuscriptText, quote: Quote): boolean {
  return manuscript.blocks.some((b) => {
    const lead = b.text.length - b.text.trimStart().length;
    return b.start + lead === quote.start && b.start + b.text.trimEnd().length === quote.end;
  });
}

const WRAPPED_IN_QUOTE_MARKS = /^["“”'‘’«](.+)["“”'‘’»]$/s;

/**
 * Anchors the quote in the full text, preferring the occurrence inside the chunk the model was shown. Quote marks the
 * model put around the whole quote are tried without, when the quote is not found with them.
 */
function anchorInFullText(manuscript: ManuscriptText, chunk: ManuscriptChunk, given: string): Quote | null {
  const trimmed = given.trim();
  const unwrapped = WRAPPED_IN_QUOTE_MARKS.exec(trimmed)?.[1].trim();
  for (const exact of unwrapped ? [trimmed, unwrapped] : [trimmed]) {
    const inChunk = chunk.text.indexOf(exact);
    const quote = anchorQuote(manuscript.text, exact, chunk.start + Math.max(0, inChunk));
    if (quote && verifyQuote(manuscript.text, quote)) return quote;
  }
  return null;
}

export function verifyChunkReply(
  manuscript: ManuscriptText,
  chunk: ManuscriptChunk,
  reply: ReviewReply,
  context: { checklist: Checklist | null; referenceIndex: ReferenceIndex },
): ChunkVerification {
  const findings: LlmFinding[] = [];
  const dropped: DroppedItem[] = [];
  const drop = (candidate: Candidate, reason: DropReason, detail: string) =>
    dropped.push({ reason, kind: candidate.kind, text: candidate.text, quote: candidate.quote, detail });

  for (const entry of candidatesOf(reply, context.checklist)) {
    if ("dropped" in entry) {
      dropped.push(entry.dropped);
      continue;
    }
    if (entry.kind !== "checklist" && entry.message === "") {
      drop(entry, "empty-comment", "the model gave no comment");
      continue;
    }
    const quote = anchorInFullText(manuscript, chunk, entry.quote);
    if (!quote) {
      drop(entry, "quote-not-found", "the quote is not in the manuscript, even allowing for differences in spaces, quote marks and dashes");
      continue;
    }
    if (quote.exact.trim().length < MIN_QUOTE_LENGTH && !isWholeBlock(manuscript, quote)) {
      drop(entry, "quote-too-short", `"${quote.exact}" is too short to show what the item is about`);
      continue;
    }
    const numbers = new Set<number>();
    const unknown: string[] = [];
    for (const mention of entry.references) {
      if (mention.trim() === "") continue;
      const ref = resolveReference(mention, context.referenceIndex);
      if (ref) numbers.add(ref.number);
      else unknown.push(mention);
    }
    const inText = mentionsIn(entry.text, context.referenceIndex, manuscript.articleType);
    for (const n of inText.found) numbers.add(n);
    unknown.push(...inText.unknown);
    if (unknown.length > 0) {
      drop(entry, "reference-not-in-list", `not in the manuscript's reference list: ${unknown.join(", ")}`);
      continue;
    }
    findings.push({
      engine: "llm",
      machineMade: true,
      kind: entry.kind,
      code: entry.code,
      severity: entry.severity,
      message: entry.message,
      quote,
      references: [...numbers].sort((a, b) => a - b),
      ...(entry.checklistItemId ? { checklistItemId: entry.checklistItemId, judgement: entry.judgement } : {}),
    });
  }
  // The summary has no quote to verify, but it may not cite literature the manuscript does not have either.
  let summary = reply.summary.trim();
  const summaryMentions = mentionsIn(summary, context.referenceIndex, manuscript.articleType);
  if (summaryMentions.unknown.length > 0) {
    dropped.push({
      reason: "reference-not-in-list",
      kind: "summary",
      text: summary,
      quote: "",
      detail: `not in the manuscript's reference list: ${summaryMentions.unknown.join(", ")}`,
    });
    summary = "";
  }
  return { summary, findings, dropped };
}
