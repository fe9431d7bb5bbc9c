import { z } from "zod";
import { ARTICLE_TYPES, MANUSCRIPT_STATUSES, type ArticleType, type ManuscriptStatus } from "../../../db/schema/enums";

export { ARTICLE_TYPES, MANUSCRIPT_STATUSES, type ArticleType, type ManuscriptStatus };

export const ARTICLE_TYPE_LABELS: Record<ArticleType, string> = {
  "original-research": "Original research",
  "case-report": "Case report",
  "randomised-trial": "Randomised controlled trial",
  "observational-study": "Observational study",
  "systematic-review": "Systematic review",
  review: "Narrative review",
  "trial-report": "Trial report",
  editorial: "Editorial",
};

export const STATUS_LABELS: Record<ManuscriptStatus, string> = {
  draft: "Draft",
  submitted: "Submitted",
  in_review: "In review",
  revision: "Revision requested",
  accepted: "Accepted",
  rejected: "Rejected",
  published: "Published",
  withdrawn: "Withdrawn",
};

export const newManuscriptSchema = z.object({
  title: z.string({ required_error: "Enter a title" }).trim().min(5, "Enter a title of at least 5 characters").max(300, "Use at most 300 characters"),
  abstract: z.string().trim().max(5000, "Keep the abstract under 5,000 characters").default(""),
  keywords: z
    .string()
    .default("")
    .transform((value) =>
      [...new Set(value.split(/[,;\n]/).map((k) => k.trim().toLowerCase()).filter(Boolean))],
    )
    .refine((list) => list.length <= 12, "Use at most 12 keywords")
    .refine((list) => list.every((k) => k.length <= 60), "Keep each keyword under 60 characters"),
  articleType: z.enum(ARTICLE_TYPES, { errorMap: () => ({ message: "Choose the article type" }) }),
});
export type NewManuscriptInput = z.infer<typeof newManuscriptSchema>;
