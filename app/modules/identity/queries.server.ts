import { and, asc, eq, gt, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import {
  institutionMemberships,
  institutions,
  sessions,
  signInAttempts,
  userRoles,
  users,
  type MembershipStatus,
  type Role,
} from "../../../db/schema";
import type { SessionUser } from "./model";

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
type Executor = Db | Tx;

export function findUserByEmail(db: Executor, email: string) {
  return db.query.users.findFirst({ where: eq(users.email, email) });
}

export async function insertUser(
  db: Executor,
  input: { email: string; name: string; passwordHash: string; orcid: string | null; roles: Role[]; grantedBy?: string },
) {
  const [user] = await db
    .insert(users)
    .values({ email: input.email, name: input.name, passwordHash: input.passwordHash, orcid: input.orcid })
    .onConflictDoNothing({ target: users.email })
    .returning();
  if (!user) return null;
  if (input.roles.length > 0) {
    await db.insert(userRoles).values(input.roles.map((role) => ({ userId: user.id, role, grantedBy: input.grantedBy ?? null })));
  }
  return user;
}

export async function loadSessionUser(db: Executor, userId: string): Promise<SessionUser | null> {
  const user = await db.query.users.findFirst({
    where: eq(users.id, userId),
    with: { roles: true, memberships: true },
  });
  if (!user) return null;
  const roles = user.roles.map((r) => r.role);
  const adminInstitutionIds = user.memberships.filter((m) => m.isAdmin && m.status === "verified").map((m) => m.institutionId);
  if (adminInstitutionIds.length > 0 && !roles.includes("institution_admin")) roles.push("institution_admin");
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    orcid: user.orcid,
    roles,
    verifiedInstitutionIds: user.memberships.filter((m) => m.status === "verified").map((m) => m.institutionId),
    adminInstitutionIds,
  };
}

export async function insertSession(db: Executor, tokenHash: string, userId: string, expiresAt: Date) {
  await db.insert(sessions).values({ tokenHash, userId, expiresAt });
}

export async function findLiveSession(db: Executor, tokenHash: string, now: Date) {
  return db.query.sessions.findFirst({ where: and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)) });
}

export async function deleteSession(db: Executor, tokenHash: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteExpiredSessions(db: Executor, now: Date) {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}

export async function updateProfile(db: Executor, userId: string, input: { name: string; orcid: string | null; bio: string }) {
  await db.update(users).set(input).where(eq(users.id, userId));
}

export async function replaceRoles(db: Executor, userId: string, keep: Role[], selfService: readonly Role[], wanted: Role[]) {
  // Only the self-service roles are replaced; roles an admin granted stay.
  await db.delete(userRoles).where(and(eq(userRoles.userId, userId), inArray(userRoles.role, [...selfService])));
  const next = wanted.filter((r) => !keep.includes(r));
  if (next.length > 0) await db.insert(userRoles).values(next.map((role) => ({ userId, role })));
}

export async function grantRole(db: Executor, userId: string, role: Role, grantedBy: string) {
  await db.insert(userRoles).values({ userId, role, grantedBy }).onConflictDoNothing();
}

export async function revokeRole(db: Executor, userId: string, role: Role) {
  await db.delete(userRoles).where(and(eq(userRoles.userId, userId), eq(userRoles.role, role)));
}

export function getUserProfile(db: Executor, userId: string) {
  return db.query.users.findFirst({
    where: eq(users.id, userId),
    columns: { passwordHash: false },
    with: { roles: true, memberships: { with: { institution: true } } },
  });
}

export function listUsersWithRoles(db: Executor) {
  return db.query.users.findMany({
    columns: { passwordHash: false },
    with: { roles: true },
    orderBy: [asc(users.name)],
  });
}

export function userExists(db: Executor, userId: string) {
  return db.query.users.findFirst({ where: eq(users.id, userId), columns: { id: true } });
}

// --- institutions ---

export function listInstitutions(db: Executor) {
  return db.query.institutions.findMany({ orderBy: [asc(institutions.name)] });
}

export function getInstitution(db: Executor, institutionId: string) {
  return db.query.institutions.findFirst({
    where: eq(institutions.id, institutionId),
    with: { memberships: { with: { user: { columns: { id: true, name: true, email: true, orcid: true } } } } },
  });
}

export async function insertInstitution(db: Executor, input: { name: string; country: string; ror: string | null }) {
  const [row] = await db.insert(institutions).values(input).onConflictDoNothing({ target: institutions.name }).returning();
  return row ?? null;
}

export function findMembership(db: Executor, institutionId: string, userId: string) {
  return db.query.institutionMemberships.findFirst({
    where: and(eq(institutionMemberships.institutionId, institutionId), eq(institutionMemberships.userId, userId)),
  });
}

export async function upsertMembership(
  db: Executor,
  input: { institutionId: string; userId: string; status: MembershipStatus; isAdmin?: boolean; verifiedBy?: string | null },
) {
  const verifiedAt = input.status === "verified" ? new Date() : null;
  await db
    .insert(institutionMemberships)
    .values({ ...input, isAdmin: input.isAdmin ?? false, verifiedBy: input.verifiedBy ?? null, verifiedAt })
    .onConflictDoUpdate({
      target: [institutionMemberships.institutionId, institutionMemberships.userId],
      set: {
        status: input.status,
        verifiedBy: input.verifiedBy ?? null,
        verifiedAt,
        ...(input.isAdmin === undefined ? {} : { isAdmin: input.isAdmin }),
      },
    });
}

// --- sign-in rate limiting ---

/** Records one failure for the key and returns the failures counted in the current window. */
export async function recordFailure(db: Executor, key: string, windowMs: number, now: Date): Promise<number> {
  const windowStart = new Date(now.getTime() - windowMs);
  const [row] = await db
    .insert(signInAttempts)
    .values({ key, failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: signInAttempts.key,
      set: {
        failures: sql`case when ${signInAttempts.windowStartedAt} < ${windowStart} then 1 else ${signInAttempts.failures} + 1 end`,
        windowStartedAt: sql`case when ${signInAttempts.windowStartedAt} < ${windowStart} then ${now} else ${signInAttempts.windowStartedAt} end`,
      },
    })
    .returning();
  return row.failures;
}

export async function failuresInWindow(db: Executor, key: string, windowMs: number, now: Date) {
  const row = await db.query.signInAttempts.findFirst({ where: eq(signInAttempts.key, key) });
  if (!row || row.windowStartedAt.getTime() < now.getTime() - windowMs) return { failures: 0, retryAt: now };
  return { failures: row.failures, retryAt: new Date(row.windowStartedAt.getTime() + windowMs) };
}

export async function clearFailures(db: Executor, key: string) {
  await db.delete(signInAttempts).where(eq(signInAttempts.key, key));
}
