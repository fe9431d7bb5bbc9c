import { relations } from "drizzle-orm";
import { institutionMemberships, institutions, manuscriptAuthors, manuscripts, userRoles, users } from "./schema";

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
  creator: one(users, { fields: [manuscripts.createdBy], references: [users.id] }),
}));

export const manuscriptAuthorsRelations = relations(manuscriptAuthors, ({ one }) => ({
  manuscript: one(manuscripts, { fields: [manuscriptAuthors.manuscriptId], references: [manuscripts.id] }),
  user: one(users, { fields: [manuscriptAuthors.userId], references: [users.id] }),
}));
