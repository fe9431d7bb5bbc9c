import { relations } from "drizzle-orm";
import { institutionMemberships, institutions, manuscriptAuthors, manuscripts, manuscriptVersions, userRoles, users } from "./schema";

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
