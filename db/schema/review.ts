import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./_columns";
import type { AnnotationKind, AssignmentStatus, Decision, ReviewPolicy, SubmissionStatus } from "./enums";
import { users } from "./identity";
import { manuscripts, manuscriptVersions } from "./manuscripts";

export { ANNOTATION_KINDS, ASSIGNMENT_STATUSES, DECISIONS, REVIEW_POLICIES, SUBMISSION_STATUSES } from "./enums";

/** A journal or collection: its editors and its review policy. */
export const venues = pgTable(
  "venues",
  {
    id: id(),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    description: text("description").notNull().default(""),
    reviewPolicy: text("review_policy").$type<ReviewPolicy>().notNull(),
    /** Share of licence revenue set aside for reviewers, in basis points. */
    reviewerShareBps: integer("reviewer_share_bps").notNull().default(1000),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("venues_slug_key").on(t.slug), check("venues_policy_check", sql`${t.reviewPolicy} in ('single-blind','double-blind','open')`)],
);
export type Venue = typeof venues.$inferSelect;

export const venueEditors = pgTable(
  "venue_editors",
  {
    venueId: uuid("venue_id")
      .notNull()
      .references(() => venues.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.venueId, t.userId] })],
);

/** A manuscript sent to a venue; its rounds each freeze one manuscript version. */
export const submissions = pgTable(
  "submissions",
  {
    id: id(),
    manuscriptId: uuid("manuscript_id")
      .notNull()
      .references(() => manuscripts.id, { onDelete: "cascade" }),
    venueId: uuid("venue_id")
      .notNull()
      .references(() => venues.id),
    status: text("status").$type<SubmissionStatus>().notNull().default("submitted"),
    currentRound: integer("current_round").notNull().default(1),
    submittedBy: uuid("submitted_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("submissions_manuscript_idx").on(t.manuscriptId), index("submissions_venue_idx").on(t.venueId, t.status)],
);
export type Submission = typeof submissions.$inferSelect;

export const submissionRounds = pgTable(
  "submission_rounds",
  {
    id: id(),
    submissionId: uuid("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    round: integer("round").notNull(),
    versionId: uuid("version_id")
      .notNull()
      .references(() => manuscriptVersions.id),
    coverLetter: text("cover_letter").notNull().default(""),
    decision: text("decision").$type<Decision>(),
    decisionLetter: text("decision_letter"),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("submission_rounds_round_key").on(t.submissionId, t.round)],
);
export type SubmissionRound = typeof submissionRounds.$inferSelect;

export interface ConflictFlag {
  kind: "co-author" | "same-institution" | "manuscript-author";
  detail: string;
}

export const reviewAssignments = pgTable(
  "review_assignments",
  {
    id: id(),
    submissionId: uuid("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    round: integer("round").notNull(),
    reviewerId: uuid("reviewer_id")
      .notNull()
      .references(() => users.id),
    status: text("status").$type<AssignmentStatus>().notNull().default("invited"),
    dueAt: timestamp("due_at", { withTimezone: true, mode: "date" }).notNull(),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    conflicts: jsonb("conflicts").$type<ConflictFlag[]>().notNull().default([]),
    overrideReason: text("override_reason"),
    respondedAt: timestamp("responded_at", { withTimezone: true, mode: "date" }),
    /** When the due-date reminder went out (once per assignment). */
    remindedAt: timestamp("reminded_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("review_assignments_reviewer_round_key").on(t.submissionId, t.round, t.reviewerId), index("review_assignments_reviewer_idx").on(t.reviewerId)],
);
export type ReviewAssignment = typeof reviewAssignments.$inferSelect;

export interface ReviewScores {
  originality: number;
  rigour: number;
  clarity: number;
}

export const reviews = pgTable("reviews", {
  id: id(),
  assignmentId: uuid("assignment_id")
    .notNull()
    .unique()
    .references(() => reviewAssignments.id, { onDelete: "cascade" }),
  summary: text("summary").notNull(),
  strengths: text("strengths").notNull().default(""),
  weaknesses: text("weaknesses").notNull().default(""),
  recommendation: text("recommendation").$type<Decision>().notNull(),
  confidentialComments: text("confidential_comments").notNull().default(""),
  scores: jsonb("scores").$type<ReviewScores>().notNull(),
  /** The reviewer agrees that this review is published with the article (open review). */
  openConsent: boolean("open_consent").notNull().default(false),
  submittedAt: createdAt(),
});
export type Review = typeof reviews.$inferSelect;

export interface TextSelectors {
  quote: { exact: string; prefix: string; suffix: string };
  position: { start: number; end: number };
}

export interface AnchorState {
  round: number;
  status: "exact" | "moved" | "fuzzy" | "orphan";
  start?: number;
  end?: number;
  exact?: string;
}

/** Reviewer annotations live outside the document: selectors on the version they were made on, re-anchored per round. */
export const annotations = pgTable(
  "annotations",
  {
    id: id(),
    submissionId: uuid("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    round: integer("round").notNull(),
    versionId: uuid("version_id")
      .notNull()
      .references(() => manuscriptVersions.id),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind").$type<AnnotationKind>().notNull(),
    body: text("body").notNull(),
    suggestion: text("suggestion"),
    selectors: jsonb("selectors").$type<TextSelectors>().notNull(),
    /** Where the annotation sits on the latest round's version (updated at each resubmission). */
    anchor: jsonb("anchor").$type<AnchorState>().notNull(),
    machineMade: boolean("machine_made").notNull().default(false),
    resolved: boolean("resolved").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("annotations_submission_idx").on(t.submissionId)],
);
export type Annotation = typeof annotations.$inferSelect;

export const annotationReplies = pgTable(
  "annotation_replies",
  {
    id: id(),
    annotationId: uuid("annotation_id")
      .notNull()
      .references(() => annotations.id, { onDelete: "cascade" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    /** An author's answer in the response to reviewers. */
    isResponse: boolean("is_response").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index("annotation_replies_annotation_idx").on(t.annotationId)],
);

export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    message: text("message").notNull(),
    link: text("link").notNull(),
    readAt: timestamp("read_at", { withTimezone: true, mode: "date" }),
    /** When the e-mail copy was handed to the mail adapter (the table doubles as the outbox). */
    emailedAt: timestamp("emailed_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.readAt)],
);
