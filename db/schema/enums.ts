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

export const REVIEW_POLICIES = ["single-blind", "double-blind", "open"] as const;
export type ReviewPolicy = (typeof REVIEW_POLICIES)[number];

export const SUBMISSION_STATUSES = ["submitted", "under_review", "revision_requested", "accepted", "rejected", "desk_rejected", "withdrawn"] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

export const DECISIONS = ["accept", "minor", "major", "reject"] as const;
export type Decision = (typeof DECISIONS)[number];

export const ASSIGNMENT_STATUSES = ["invited", "accepted", "declined", "submitted", "cancelled"] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export const ANNOTATION_KINDS = ["comment", "question", "required-change", "suggested-edit"] as const;
export type AnnotationKind = (typeof ANNOTATION_KINDS)[number];
