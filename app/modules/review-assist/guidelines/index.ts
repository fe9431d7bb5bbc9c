import type { ArticleType } from "../model";
import { CARE_2013 } from "./care-2013";
import { CONSORT_2010 } from "./consort-2010";
import { PRISMA_2020 } from "./prisma-2020";
import { STROBE_V4 } from "./strobe-v4";
import type { Checklist } from "./types";

export type { Checklist, ChecklistItem } from "./types";
export const CHECKLISTS: Checklist[] = [CARE_2013, CONSORT_2010, STROBE_V4, PRISMA_2020];

/** The reporting guideline that applies to an article type, or null when none of ours does. */
export function checklistFor(articleType: ArticleType): Checklist | null {
  return CHECKLISTS.find((c) => c.articleTypes.includes(articleType)) ?? null;
}
