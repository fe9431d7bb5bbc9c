// Merges the verified results of every chunk into one review: one judgement per checklist item (the best supported),
// one finding per passage and kind, drops counted by reason.
import type { ChunkVerification } from "./verify";
import { type DropSummary, type Judgement, type LlmFinding, type LlmFindingKind, dropReasons } from "./model";

/** A chunk that shows an item is addressed outweighs one that does not see it. */
const JUDGEMENT_RANK: Record<Judgement, number> = { present: 2, unclear: 1, missing: 0 };
const KIND_ORDER: Record<LlmFindingKind, number> = { checklist: 0, weakness: 1, question: 2, strength: 3 };

const normalise = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();

export interface MergedReview {
  summary: string;
  findings: LlmFinding[];
  dropped: DropSummary;
  mergedDuplicates: number;
}

export function mergeChunkResults(results: ChunkVerification[]): MergedReview {
  const byItem = new Map<string, LlmFinding>();
  const others: LlmFinding[] = [];
  const seen = new Set<string>();
  let mergedDuplicates = 0;

  for (const finding of results.flatMap((r) => r.findings)) {
    if (finding.kind === "checklist" && finding.checklistItemId && finding.judgement) {
      const earlier = byItem.get(finding.checklistItemId);
      if (earlier) {
        mergedDuplicates++;
        if (JUDGEMENT_RANK[finding.judgement] <= JUDGEMENT_RANK[earlier.judgement as Judgement]) continue;
      }
      byItem.set(finding.checklistItemId, finding);
      continue;
    }
    const keys = [`${finding.kind}@${finding.quote.start}-${finding.quote.end}`, `${finding.kind}:${normalise(finding.message)}`];
    if (keys.some((k) => seen.has(k))) {
      mergedDuplicates++;
      continue;
    }
    for (const k of keys) seen.add(k);
    others.push(finding);
  }

  const findings = [...byItem.values(), ...others].sort(
    (a, b) => a.quote.start - b.quote.start || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.quote.end - b.quote.end,
  );
  const items = results.flatMap((r) => r.dropped);
  const byReason = Object.fromEntries(dropReasons.map((reason) => [reason, items.filter((d) => d.reason === reason).length])) as DropSummary["byReason"];
  const summary = results
    .map((r) => r.summary)
    .filter((s) => s !== "")
    .join("\n\n");
  return { summary, findings, dropped: { total: items.length, byReason, items }, mergedDuplicates };
}
