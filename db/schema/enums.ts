// Value lists shared by the schema and the UI. No drizzle import here: the browser bundle includes this file.

export const ROLES = ["author", "reviewer", "editor", "reader", "clinician", "patient", "institution_admin", "platform_admin"] as const;
export type Role = (typeof ROLES)[number];

export const MEMBERSHIP_STATUSES = ["pending", "verified", "rejected"] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

export const ARTICLE_TYPES = [
  "original-research",
  "case-report",
  "randomised-trial",
  "observational-study",
  "systematic-review",
  "review",
  "trial-report",
  "editorial",
] as const;
export type ArticleType = (typeof ARTICLE_TYPES)[number];

export const MANUSCRIPT_STATUSES = ["draft", "submitted", "in_review", "revision", "accepted", "rejected", "published", "withdrawn"] as const;
export type ManuscriptStatus = (typeof MANUSCRIPT_STATUSES)[number];

export const AUTHOR_STATUSES = ["invited", "accepted", "declined"] as const;
export type AuthorStatus = (typeof AUTHOR_STATUSES)[number];
