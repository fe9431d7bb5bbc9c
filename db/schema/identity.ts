import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./_columns";

import type { MembershipStatus, Role } from "./enums";

export { MEMBERSHIP_STATUSES, ROLES, type MembershipStatus, type Role } from "./enums";

export const users = pgTable(
  "users",
  {
    id: id(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    orcid: text("orcid"),
    bio: text("bio").notNull().default(""),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("users_email_key").on(t.email)],
);
export type User = typeof users.$inferSelect;

export const userRoles = pgTable(
  "user_roles",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role").$type<Role>().notNull(),
    grantedBy: uuid("granted_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.role] }),
    check("user_roles_role_check", sql`${t.role} in ('author','reviewer','editor','reader','clinician','patient','institution_admin','platform_admin')`),
  ],
);

export const sessions = pgTable(
  "sessions",
  {
    /** sha256 of the token held in the cookie: a leaked table does not leak live sessions. */
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const institutions = pgTable(
  "institutions",
  {
    id: id(),
    name: text("name").notNull(),
    country: text("country").notNull(),
    ror: text("ror"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("institutions_name_key").on(t.name)],
);
export type Institution = typeof institutions.$inferSelect;


export const institutionMemberships = pgTable(
  "institution_memberships",
  {
    institutionId: uuid("institution_id")
      .notNull()
      .references(() => institutions.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: text("status").$type<MembershipStatus>().notNull().default("pending"),
    isAdmin: boolean("is_admin").notNull().default(false),
    verifiedBy: uuid("verified_by").references(() => users.id, { onDelete: "set null" }),
    verifiedAt: timestamp("verified_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.userId] }),
    index("institution_memberships_user_idx").on(t.userId),
    check("institution_memberships_status_check", sql`${t.status} in ('pending','verified','rejected')`),
  ],
);

/** Failed sign-in attempts per key (e-mail or address), for rate limiting that survives restarts and spans instances. */
export const signInAttempts = pgTable("sign_in_attempts", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStartedAt: timestamp("window_started_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});
