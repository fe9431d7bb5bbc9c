import { z } from "zod";
import {
  ANNOTATION_KINDS,
  DECISIONS,
  REVIEW_POLICIES,
  SUBMISSION_STATUSES,
  type AnnotationKind,
  type AssignmentStatus,
  type Decision,
  type ReviewPolicy,
  type SubmissionStatus,
} from "../../../db/schema/enums";

export { ANNOTATION_KINDS, DECISIONS, REVIEW_POLICIES, SUBMISSION_STATUSES, type AnnotationKind, type AssignmentStatus, type Decision, type ReviewPolicy, type SubmissionStatus };

export const POLICY_LABELS: Record<ReviewPolicy, string> = {
  "single-blind": "Single-blind (reviewers see the authors)",
  "double-blind": "Double-blind (nobody sees who the others are)",
  open: "Open (names and reviews published with consent)",
};

export const SUBMISSION_STATUS_LABELS: Record<SubmissionStatus, string> = {
  submitted: "Submitted",
  under_review: "Under review",
  revision_requested: "Revision requested",
  accepted: "Accepted",
  rejected: "Rejected",
  desk_rejected: "Desk-rejected",
  withdrawn: "Withdrawn",
};

export const DECISION_LABELS: Record<Decision, string> = {
  accept: "Accept",
  minor: "Minor revision",
  major: "Major revision",
  reject: "Reject",
};

export const ANNOTATION_KIND_LABELS: Record<AnnotationKind, string> = {
  comment: "Comment",
  question: "Question",
  "required-change": "Required change",
  "suggested-edit": "Suggested edit",
};

export const submitSchema = z.object({
  venueId: z.string({ required_error: "Choose a venue" }).uuid("Choose a venue"),
  coverLetter: z.string().trim().max(5000, "Keep the cover letter under 5,000 characters").default(""),
});

export const resubmitSchema = z.object({
  coverLetter: z.string().trim().max(5000, "Keep the cover letter under 5,000 characters").default(""),
});

export const inviteReviewerSchema = z.object({
  reviewerId: z.string({ required_error: "Choose a reviewer" }).uuid("Choose a reviewer"),
  dueInDays: z.coerce.number({ invalid_type_error: "Enter a number of days" }).int().min(1, "Give at least one day").max(90, "Give at most 90 days").default(21),
  overrideReason: z
    .string()
    .trim()
    .max(1000)
    .optional()
    .transform((v) => (v ? v : null)),
});

const score = z.coerce.number({ invalid_type_error: "Score from 1 to 5" }).int().min(1, "Score from 1 to 5").max(5, "Score from 1 to 5");

export const reviewFormSchema = z.object({
  summary: z.string({ required_error: "Summarise the manuscript" }).trim().min(20, "Write at least a few sentences of summary").max(10_000),
  strengths: z.string().trim().max(10_000).default(""),
  weaknesses: z.string().trim().max(10_000).default(""),
  recommendation: z.enum(DECISIONS, { errorMap: () => ({ message: "Choose a recommendation" }) }),
  confidentialComments: z.string().trim().max(10_000).default(""),
  originality: score,
  rigour: score,
  clarity: score,
  openConsent: z
    .union([z.literal("on"), z.literal("true"), z.literal("")])
    .optional()
    .transform((v) => v === "on" || v === "true"),
});

export const annotationSchema = z
  .object({
    kind: z.enum(ANNOTATION_KINDS, { errorMap: () => ({ message: "Choose what kind of note this is" }) }),
    body: z.string({ required_error: "Write your note" }).trim().min(1, "Write your note").max(5000),
    suggestion: z
      .string()
      .trim()
      .max(5000)
      .optional()
      .transform((v) => (v ? v : null)),
    start: z.coerce.number().int().min(0),
    end: z.coerce.number().int().min(1),
    /** The reviewer took this note from an automated check. */
    machineMade: z
      .union([z.literal("true"), z.literal("on"), z.literal("")])
      .optional()
      .transform((v) => v === "true" || v === "on"),
  })
  .refine((v) => v.end > v.start, { message: "Select some text first", path: ["start"] });

export const decisionSchema = z.object({
  decision: z.enum(DECISIONS, { errorMap: () => ({ message: "Choose a decision" }) }),
  letter: z.string({ required_error: "Write the decision letter" }).trim().min(20, "Write a decision letter of a few sentences").max(20_000),
});

export const replySchema = z.object({ body: z.string({ required_error: "Write a reply" }).trim().min(1, "Write a reply").max(5000) });
