import type { ArticleType, SectionKind } from "../model";

/** One checklist item, written in our own words; cues decide whether the manuscript addresses it. */
export interface ChecklistItem {
  id: string;
  topic: string;
  requirement: string;
  /** Wording that addresses the item. A match in an expected section makes the item present. */
  cues: RegExp[];
  /** Wording that hints at the item without settling it: the item is then unclear. */
  weakCues?: RegExp[];
  /** Where the item is expected; a strong cue found elsewhere leaves the item unclear. Empty: anywhere. */
  sections?: SectionKind[];
}

export interface Checklist {
  name: string;
  version: string;
  reference: string;
  articleTypes: ArticleType[];
  items: ChecklistItem[];
}

export function item(id: string, topic: string, requirement: string, cues: RegExp[], options: Pick<ChecklistItem, "weakCues" | "sections"> = {}): ChecklistItem {
  return { id, topic, requirement, cues, ...options };
}
