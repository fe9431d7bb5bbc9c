import { relations } from "drizzle-orm";
import {
  annotationReplies,
  annotations,
  institutionMemberships,
  institutions,
  manuscriptAuthors,
  manuscripts,
  manuscriptVersions,
  reviewAssignments,
  reviews,
  submissionRounds,
  submissions,
  userRoles,
  users,
  venueEditors,
  venues,
} from "./schema";

export const usersRelations = relations(users, ({ many }) => ({
  roles: many(userRoles),
  memberships: many(institutionMemberships),
  authorships: many(manuscriptAuthors),
}));

export const userRolesRelations = relations(userRoles, ({ one }) => ({
  user: one(users, { fields: [userRoles.userId], references: [users.id] }),
}));

export const institutionsRelations = relations(institutions, ({ many }) => ({
  memberships: many(institutionMemberships),
}));

export const institutionMembershipsRelations = relations(institutionMemberships, ({ one }) => ({
  institution: one(institutions, { fields: [institutionMemberships.institutionId], references: [institutions.id] }),
  user: one(users, { fields: [institutionMemberships.userId], references: [users.id] }),
}));

export const manuscriptsRelations = relations(manuscripts, ({ many, one }) => ({
  authors: many(manuscriptAuthors),
  versions: many(manuscriptVersions),
  submissions: many(submissions),
  creator: one(users, { fields: [manuscripts.createdBy], references: [users.id] }),
}));

export const manuscriptAuthorsRelations = relations(manuscriptAuthors, ({ one }) => ({
  manuscript: one(manuscripts, { fields: [manuscriptAuthors.manuscriptId], references: [manuscripts.id] }),
  user: one(users, { fields: [manuscriptAuthors.userId], references: [users.id] }),
}));

export const manuscriptVersionsRelations = relations(manuscriptVersions, ({ one }) => ({
  manuscript: one(manuscripts, { fields: [manuscriptVersions.manuscriptId], references: [manuscripts.id] }),
  author: one(users, { fields: [manuscriptVersions.createdBy], references: [users.id] }),
}));

export const venuesRelations = relations(venues, ({ many }) => ({
  editors: many(venueEditors),
  submissions: many(submissions),
}));

export const venueEditorsRelations = relations(venueEditors, ({ one }) => ({
  venue: one(venues, { fields: [venueEditors.venueId], references: [venues.id] }),
  user: one(users, { fields: [venueEditors.userId], references: [users.id] }),
}));

export const submissionsRelations = relations(submissions, ({ one, many }) => ({
  manuscript: one(manuscripts, { fields: [submissions.manuscriptId], references: [manuscripts.id] }),
  venue: one(venues, { fields: [submissions.venueId], references: [venues.id] }),
  rounds: many(submissionRounds),
  assignments: many(reviewAssignments),
  annotations: many(annotations),
}));

export const submissionRoundsRelations = relations(submissionRounds, ({ one }) => ({
  submission: one(submissions, { fields: [submissionRounds.submissionId], references: [submissions.id] }),
  version: one(manuscriptVersions, { fields: [submissionRounds.versionId], references: [manuscriptVersions.id] }),
}));

export const reviewAssignmentsRelations = relations(reviewAssignments, ({ one }) => ({
  submission: one(submissions, { fields: [reviewAssignments.submissionId], references: [submissions.id] }),
  reviewer: one(users, { fields: [reviewAssignments.reviewerId], references: [users.id] }),
  review: one(reviews, { fields: [reviewAssignments.id], references: [reviews.assignmentId] }),
}));

export const reviewsRelations = relations(reviews, ({ one }) => ({
  assignment: one(reviewAssignments, { fields: [reviews.assignmentId], references: [reviewAssignments.id] }),
}));

export const annotationsRelations = relations(annotations, ({ one, many }) => ({
  submission: one(submissions, { fields: [annotations.submissionId], references: [submissions.id] }),
  author: one(users, { fields: [annotations.authorId], references: [users.id] }),
  replies: many(annotationReplies),
}));

export const annotationRepliesRelations = relations(annotationReplies, ({ one }) => ({
  annotation: one(annotations, { fields: [annotationReplies.annotationId], references: [annotations.id] }),
  author: one(users, { fields: [annotationReplies.authorId], references: [users.id] }),
}));
