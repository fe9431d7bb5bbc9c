import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../../../db/client";
import { DomainError } from "../../utils/errors";
import { recordAudit } from "../audit/index.server";
import {
  fieldErrorsOf,
  profileSchema,
  SELF_SERVICE_ROLES,
  signInSchema,
  signUpSchema,
  type Role,
  type SessionUser,
} from "./model";
import * as q from "./queries.server";
import { decoyHash, hashPassword, verifyPassword } from "./password.server";

export interface IdentityDeps {
  db: Db;
  now?: () => Date;
}

export const SESSION_TTL_MS = 1000 * 60 * 60 * 24 * 14;
/** Failures allowed per e-mail address and per client address within the window, before sign-in is refused. */
export const SIGN_IN_LIMITS = { perEmail: 5, perAddress: 30, windowMs: 15 * 60 * 1000 } as const;

const clock = (deps: IdentityDeps) => (deps.now ?? (() => new Date()))();

export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Creates a session and returns the token for the cookie (only its hash is stored). */
export async function startSession(deps: IdentityDeps, userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(clock(deps).getTime() + SESSION_TTL_MS);
  await q.insertSession(deps.db, hashSessionToken(token), userId, expiresAt);
  return { token, expiresAt };
}

export async function resolveSession(deps: IdentityDeps, token: string): Promise<SessionUser | null> {
  const session = await q.findLiveSession(deps.db, hashSessionToken(token), clock(deps));
  if (!session) return null;
  return q.loadSessionUser(deps.db, session.userId);
}

export async function endSession(deps: IdentityDeps, token: string) {
  await q.deleteSession(deps.db, hashSessionToken(token));
}

export async function signUp(deps: IdentityDeps, raw: unknown): Promise<{ user: SessionUser; token: string; expiresAt: Date }> {
  const parsed = signUpSchema.safeParse(raw);
  if (!parsed.success) throw new DomainError("VALIDATION", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  const input = parsed.data;
  const passwordHash = await hashPassword(input.password);
  const created = await deps.db.transaction(async (tx) => {
    const user = await q.insertUser(tx, { email: input.email, name: input.name, passwordHash, orcid: input.orcid, roles: input.roles });
    if (!user) return null;
    await recordAudit(tx, { actorId: user.id, action: "account.created", subjectType: "user", subjectId: user.id, data: { roles: input.roles } });
    return user;
  });
  if (!created) {
    // Telling the person the address is taken is the honest answer on sign-up; sign-in never reveals it.
    throw new DomainError("CONFLICT", "Check the highlighted fields.", { email: "An account with this e-mail already exists. Sign in instead." });
  }
  const session = await startSession(deps, created.id);
  const user = await q.loadSessionUser(deps.db, created.id);
  return { user: user!, ...session };
}

const INVALID_CREDENTIALS = "That e-mail and password do not match an account.";

export async function signIn(
  deps: IdentityDeps,
  raw: unknown,
  clientAddress: string,
): Promise<{ user: SessionUser; token: string; expiresAt: Date }> {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) throw new DomainError("VALIDATION", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  const { email, password } = parsed.data;
  const now = clock(deps);
  const emailKey = `email:${email}`;
  const addressKey = `address:${clientAddress}`;
  const [byEmail, byAddress] = await Promise.all([
    q.failuresInWindow(deps.db, emailKey, SIGN_IN_LIMITS.windowMs, now),
    q.failuresInWindow(deps.db, addressKey, SIGN_IN_LIMITS.windowMs, now),
  ]);
  if (byEmail.failures >= SIGN_IN_LIMITS.perEmail || byAddress.failures >= SIGN_IN_LIMITS.perAddress) {
    const retryAt = byEmail.failures >= SIGN_IN_LIMITS.perEmail ? byEmail.retryAt : byAddress.retryAt;
    const minutes = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 60_000));
    throw new DomainError("RATE_LIMITED", `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
  }
  const user = await q.findUserByEmail(deps.db, email);
  const valid = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
  if (!user || !valid) {
    await q.recordFailure(deps.db, emailKey, SIGN_IN_LIMITS.windowMs, now);
    await q.recordFailure(deps.db, addressKey, SIGN_IN_LIMITS.windowMs, now);
    throw new DomainError("UNAUTHENTICATED", INVALID_CREDENTIALS);
  }
  await q.clearFailures(deps.db, emailKey);
  const session = await startSession(deps, user.id);
  const sessionUser = await q.loadSessionUser(deps.db, user.id);
  return { user: sessionUser!, ...session };
}

export async function updateOwnProfile(deps: IdentityDeps, user: SessionUser, raw: unknown) {
  const parsed = profileSchema.safeParse(raw);
  if (!parsed.success) throw new DomainError("VALIDATION", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  const input = parsed.data;
  await deps.db.transaction(async (tx) => {
    await q.updateProfile(tx, user.id, { name: input.name, orcid: input.orcid, bio: input.bio });
    const adminGranted = user.roles.filter((r) => !(SELF_SERVICE_ROLES as readonly Role[]).includes(r));
    await q.replaceRoles(tx, user.id, adminGranted, SELF_SERVICE_ROLES, input.roles);
    await recordAudit(tx, { actorId: user.id, action: "profile.updated", subjectType: "user", subjectId: user.id, data: { roles: input.roles } });
  });
}

export function getProfile(deps: IdentityDeps, userId: string) {
  return q.getUserProfile(deps.db, userId);
}

export function listUsers(deps: IdentityDeps) {
  return q.listUsersWithRoles(deps.db);
}

const ADMIN_GRANTED: Role[] = ["editor", "platform_admin"];

/** Platform admins grant and revoke the roles people cannot take on by themselves. */
export async function setAdminRole(deps: IdentityDeps, actor: SessionUser, input: { userId: string; role: string; grant: boolean }) {
  const role = ADMIN_GRANTED.find((r) => r === input.role);
  if (!role) throw new DomainError("VALIDATION", `Only these roles are granted by an admin: ${ADMIN_GRANTED.join(", ")}.`);
  if (!(await q.userExists(deps.db, input.userId))) throw new DomainError("NOT_FOUND", "No such user.");
  if (!input.grant && role === "platform_admin" && input.userId === actor.id) {
    throw new DomainError("INVALID_TRANSITION", "You cannot remove your own platform admin role.");
  }
  await deps.db.transaction(async (tx) => {
    if (input.grant) await q.grantRole(tx, input.userId, role, actor.id);
    else await q.revokeRole(tx, input.userId, role);
    await recordAudit(tx, {
      actorId: actor.id,
      action: input.grant ? "role.granted" : "role.revoked",
      subjectType: "user",
      subjectId: input.userId,
      data: { role },
    });
  });
}
