export { submitManuscript, resubmit, withdraw, type ReviewDeps } from "./submissions.server";
export { inviteReviewer, respondToInvitation, suggestReviewers, type ReviewerSuggestion } from "./assignments.server";
export { addAnnotation, replyToAnnotation, setResolved } from "./annotations.server";
export { decide, submitReview } from "./decisions.server";
export { reviewOverview, submissionsOf, submissionView, venuesForSubmission, type SubmissionView, type ViewerRole } from "./views.server";
export * from "./model";
export { exportAnnotations } from "./export.server";
export { mayRunChecks, runSubmissionChecks, type CheckFinding, type SubmissionChecks } from "./checks.server";
export { deliverNotifications, sendDueReminders } from "./reminders.server";
