// The study's sample size as stated in the Abstract against the Methods. Abstracts mention subgroups too, so the
// largest total-like count of each section is compared ("n = 120", "a total of 120", "120 patients were enrolled"),
// falling back to bare counts ("120 patients").
import { findingAt, matchesInBlock } from "./findings";
import { type Finding, type ManuscriptText, type SectionKind, blocksInSection } from "./model";
import { COUNT, parseCount } from "./numbers";

const PEOPLE = String.raw`(?:consecutive\s+|eligible\s+|adult\s+)?(?:patients|participants|subjects|women|men|children|adults|infants|individuals|volunteers|people|respondents|persons)`;
// Up to two words between the count and the noun: "412 community-dwelling older adults".
const ADJECTIVES = String.raw`(?:[a-z][\w-]*\s+){0,2}`;
const SAMPLE_PATTERNS = [
  new RegExp(String.raw`\b[Nn]\s*=\s*(${COUNT})\b`, "g"),
  new RegExp(String.raw`\b[Aa] total of\s+(${COUNT})\b`, "g"),
  new RegExp(String.raw`(?<![\d.,])(${COUNT})\s+${ADJECTIVES}${PEOPLE}\s+(?:were|was)\s+(?:enrolled|included|randomi[sz]ed|randomly assigned|recruited|analy[sz]ed|studied|eligible)`, "g"),
  new RegExp(String.raw`\b(?:enrolled|included|randomi[sz]ed|randomly assigned|recruited|studied)\s+(${COUNT})\s+${ADJECTIVES}${PEOPLE}`, "g"),
];

interface SampleMention {
  n: number;
  start: number;
  end: number;
}

// A bare "120 patients" is weaker evidence (it may be a subgroup or another study): used only when a section has no
// total-like statement.
const BARE_COUNT = [new RegExp(String.raw`(?<![\d.,/])(${COUNT})\s+${ADJECTIVES}${PEOPLE}\b`, "g")];

function largestSample(manuscript: ManuscriptText, kind: SectionKind): SampleMention | null {
  return largestMatch(manuscript, kind, SAMPLE_PATTERNS) ?? largestMatch(manuscript, kind, BARE_COUNT);
}

function largestMatch(manuscript: ManuscriptText, kind: SectionKind, patterns: RegExp[]): SampleMention | null {
  let best: SampleMention | null = null;
  for (const block of blocksInSection(manuscript, kind)) {
    for (const pattern of patterns) {
      for (const { match, start, end } of matchesInBlock(block, pattern)) {
        const n = parseCount(match[1]);
        if (!best || n > best.n) best = { n, start, end };
      }
    }
  }
  return best;
}

export function sampleSizeFindings(manuscript: ManuscriptText): Finding[] {
  const inAbstract = largestSample(manuscript, "abstract");
  const inMethods = largestSample(manuscript, "methods");
  if (!inAbstract || !inMethods || inAbstract.n === inMethods.n) return [];
  return [
    findingAt(manuscript, "statistics", inAbstract.start, inAbstract.end, {
      code: "stat.sample-size-mismatch",
      severity: "warning",
      message: `The Abstract gives a sample of ${inAbstract.n} but the Methods give ${inMethods.n} ("${manuscript.text.slice(inMethods.start, inMethods.end)}").`,
    }),
  ];
}
