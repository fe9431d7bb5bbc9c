// The reporting-guideline engine: picks the checklist for the article type and decides, item by item, whether the
// manuscript addresses it (present), only hints at it (unclear) or says nothing of it (missing).
import { findingAt } from "./findings";
import { type Checklist, type ChecklistItem, checklistFor } from "./guidelines";
import { type Finding, type ManuscriptText, type Quote, type SectionKind, type TextBlock, blockSectionKind, sectionKind } from "./model";
import { quoteAt } from "./quote";

export type ItemStatus = "present" | "unclear" | "missing";

export interface ItemResult {
  id: string;
  topic: string;
  requirement: string;
  status: ItemStatus;
  /** The passage that satisfies (present) or hints at (unclear) the item. */
  quote?: Quote;
  reason: string;
}

export interface GuidelineReport {
  guideline: string;
  version: string;
  reference: string;
  items: ItemResult[];
}

const MAX_SENTENCE = 320;

/** The sentence around a match, or the match alone when the sentence is long. */
function sentenceAround(block: TextBlock, start: number, end: number): { start: number; end: number } {
  const text = block.text;
  let from = start;
  while (from > 0 && !/[.!?]\s/.test(text.slice(from - 2, from))) from--;
  let to = end;
  while (to < text.length && !/[.!?]\s/.test(text.slice(to - 1, to + 1))) to++;
  if (to - from > MAX_SENTENCE) return { start: block.start + start, end: block.start + end };
  const raw = text.slice(from, to);
  const lead = raw.length - raw.trimStart().length;
  return { start: block.start + from + lead, end: block.start + from + raw.trimEnd().length };
}

interface Hit {
  block: TextBlock;
  start: number;
  end: number;
}

// Cue patterns are data: a stray "g" flag would make exec() stateful, so each is used through a non-global copy.
const nonGlobal = new WeakMap<RegExp, RegExp>();
function stateless(pattern: RegExp): RegExp {
  let copy = nonGlobal.get(pattern);
  if (!copy) {
    copy = pattern.global || pattern.sticky ? new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, "")) : pattern;
    nonGlobal.set(pattern, copy);
  }
  return copy;
}

function firstHit(blocks: TextBlock[], patterns: RegExp[]): Hit | null {
  for (const block of blocks) {
    for (const pattern of patterns) {
      const match = stateless(pattern).exec(block.text);
      if (match) return { block, start: match.index, end: match.index + match[0].length };
    }
  }
  return null;
}

function describeSections(sections: readonly SectionKind[]): string {
  return sections.join(" or ");
}

export function evaluateItem(manuscript: ManuscriptText, item: ChecklistItem): ItemResult {
  const searchable = manuscript.blocks.filter((b) => b.type !== "reference");
  const expected = item.sections ?? [];
  const inExpected = expected.length === 0 ? searchable : searchable.filter((b) => expected.includes(blockSectionKind(manuscript, b)));
  const base = { id: item.id, topic: item.topic, requirement: item.requirement };
  const quoteOf = (hit: Hit) => {
    const span = sentenceAround(hit.block, hit.start, hit.end);
    return quoteAt(manuscript.text, span.start, span.end);
  };

  const strong = firstHit(inExpected, item.cues);
  if (strong) return { ...base, status: "present", quote: quoteOf(strong), reason: "addressed" };
  const elsewhere = expected.length > 0 ? firstHit(searchable, item.cues) : null;
  if (elsewhere) {
    return { ...base, status: "unclear", quote: quoteOf(elsewhere), reason: `addressed outside the expected section (${describeSections(expected)})` };
  }
  const weak = item.weakCues ? firstHit(searchable, item.weakCues) : null;
  if (weak) return { ...base, status: "unclear", quote: quoteOf(weak), reason: "only weak cues found" };
  return { ...base, status: "missing", reason: "no passage addresses it" };
}

export function evaluateChecklist(manuscript: ManuscriptText, checklist: Checklist): GuidelineReport {
  return {
    guideline: checklist.name,
    version: checklist.version,
    reference: checklist.reference,
    items: checklist.items.map((item) => evaluateItem(manuscript, item)),
  };
}

/** Where a missing item is reported: the heading of the section where it belongs, else the title. */
function anchorForMissing(manuscript: ManuscriptText, item: ChecklistItem): TextBlock | null {
  const nonEmpty = manuscript.blocks.filter((b) => b.text.trim() !== "");
  for (const kind of item.sections ?? []) {
    const heading = nonEmpty.find((b) => b.type === "heading" && b !== nonEmpty[0] && sectionKind(b.text) === kind);
    if (heading) return heading;
  }
  return nonEmpty[0] ?? null;
}

export function reportingFindings(manuscript: ManuscriptText): { report: GuidelineReport | null; findings: Finding[] } {
  const checklist = checklistFor(manuscript.articleType);
  if (!checklist) return { report: null, findings: [] };
  const report = evaluateChecklist(manuscript, checklist);
  const findings: Finding[] = [];
  for (const result of report.items) {
    const label = `${checklist.name} ${checklist.version} item ${result.id} (${result.topic})`;
    if (result.status === "unclear" && result.quote) {
      findings.push({
        engine: "reporting",
        code: "guideline.item-unclear",
        severity: "info",
        message: `${label} is unclear: ${result.reason}. Expected: ${result.requirement}`,
        quote: result.quote,
      });
    } else if (result.status === "missing") {
      const item = checklist.items.find((i) => i.id === result.id) as ChecklistItem;
      const anchor = anchorForMissing(manuscript, item);
      if (!anchor) continue;
      const lead = anchor.text.length - anchor.text.trimStart().length;
      findings.push(
        findingAt(manuscript, "reporting", anchor.start + lead, anchor.start + anchor.text.trimEnd().length, {
          code: "guideline.item-missing",
          severity: "warning",
          message: `${label} is missing: ${result.requirement}`,
        }),
      );
    }
  }
  return { report, findings };
}
