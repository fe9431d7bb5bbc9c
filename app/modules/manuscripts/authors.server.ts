import { and, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { manuscriptAuthors, users } from "../../../db/schema";
import { DomainError } from "../../utils/errors";
import { recordAudit } from "../audit/index.server";
import { fieldErrorsOf, type SessionUser } from "../identity/model";
import { creditRolesSchema, inviteSchema } from "./model";
import * as q from "./queries.server";

export interface AuthorDeps {
  db: Db;
  /** Called when someone loses access, so open editor connections close now rather than at the next re-check. */
  onAccessRevoked?: (manuscriptId: string, userId: string) => void | Promise<void>;
}

async function manuscriptForAuthor(db: Db, actor: SessionUser, manuscriptId: string) {
  const manuscript = /^[0-9a-f-]{36}$/i.test(manuscriptId) ? await q.getManuscript(db, manuscriptId) : undefined;
  const me = manuscript?.authors.find((a) => a.userId === actor.id && a.status === "accepted");
  if (!manuscript || !me) throw new DomainError("NOT_FOUND", "No such manuscript.");
  return { manuscript, me };
}

/** An accepted co-author invites another MedNexus user by e-mail; they appear last in the author order. */
export async function inviteCoAuthor(deps: AuthorDeps, actor: SessionUser, manuscriptId: string, raw: unknown) {
  const { manuscript } = await manuscriptForAuthor(deps.db, actor, manuscriptId);
  const parsed = inviteSchema.safeParse(raw);
  if (!parsed.success) throw new DomainError("VALIDATION", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  const invitee = await deps.db.query.users.findFirst({ where: eq(users.email, parsed.data.email), columns: { id: true, name: true } });
  if (!invitee) {
    throw new DomainError("VALIDATION", "Check the highlighted fields.", { email: "No MedNexus account uses this e-mail. Ask your co-author to sign up first." });
  }
  const existing = manuscript.authors.find((a) => a.userId === invitee.id);
  if (existing && existing.status !== "declined") {
    throw new DomainError("CONFLICT", "Check the highlighted fields.", { email: `${invitee.name} is already ${existing.status === "invited" ? "invited" : "an author"}.` });
  }
  const position = Math.max(0, ...manuscript.authors.map((a) => a.position)) + 1;
  await deps.db.transaction(async (tx) => {
    if (existing) await tx.update(manuscriptAuthors).set({ status: "invited", position }).where(and(eq(manuscriptAuthors.manuscriptId, manuscript.id), eq(manuscriptAuthors.userId, invitee.id)));
    else await tx.insert(manuscriptAuthors).values({ manuscriptId: manuscript.id, userId: invitee.id, position, status: "invited" });
    await recordAudit(tx, { actorId: actor.id, action: "manuscript.author.invited", subjectType: "manuscript", subjectId: manuscript.id, data: { userId: invitee.id } });
  });
  return invitee;
}

/** The invitee accepts or declines. */
export async function answerInvitation(deps: AuthorDeps, actor: SessionUser, manuscriptId: string, accept: boolean) {
  const row = /^[0-9a-f-]{36}$/i.test(manuscriptId)
    ? await deps.db.query.manuscriptAuthors.findFirst({ where: and(eq(manuscriptAuthors.manuscriptId, manuscriptId), eq(manuscriptAuthors.userId, actor.id)) })
    : undefined;
  if (!row || row.status !== "invited") throw new DomainError("NOT_FOUND", "There is no open invitation to this manuscript.");
  await deps.db.transaction(async (tx) => {
    await tx.update(manuscriptAuthors).set({ status: accept ? "accepted" : "declined" }).where(and(eq(manuscriptAuthors.manuscriptId, manuscriptId), eq(manuscriptAuthors.userId, actor.id)));
    await recordAudit(tx, { actorId: actor.id, action: accept ? "manuscript.author.accepted" : "manuscript.author.declined", subjectType: "manuscript", subjectId: manuscriptId });
  });
}

/** Removes a co-author (or withdraws an invitation). The last accepted author cannot be removed. */
export async function removeCoAuthor(deps: AuthorDeps, actor: SessionUser, manuscriptId: string, userId: string) {
  const { manuscript } = await manuscriptForAuthor(deps.db, actor, manuscriptId);
  const target = manuscript.authors.find((a) => a.userId === userId && a.status !== "declined");
  if (!target) throw new DomainError("NOT_FOUND", "This person is not an author of the manuscript.");
  const accepted = manuscript.authors.filter((a) => a.status === "accepted");
  if (target.status === "accepted" && accepted.length === 1) throw new DomainError("INVALID_TRANSITION", "A manuscript needs at least one author.");
  await deps.db.transaction(async (tx) => {
    await tx.delete(manuscriptAuthors).where(and(eq(manuscriptAuthors.manuscriptId, manuscript.id), eq(manuscriptAuthors.userId, userId)));
    await recordAudit(tx, { actorId: actor.id, action: "manuscript.author.removed", subjectType: "manuscript", subjectId: manuscript.id, data: { userId } });
  });
  await deps.onAccessRevoked?.(manuscript.id, userId);
}

/** Moves an author one place up or down in the byline. */
export async function moveAuthor(deps: AuthorDeps, actor: SessionUser, manuscriptId: string, userId: string, direction: "up" | "down") {
  const { manuscript } = await manuscriptForAuthor(deps.db, actor, manuscriptId);
  const order = manuscript.authors.filter((a) => a.status !== "declined").sort((a, b) => a.position - b.position);
  const index = order.findIndex((a) => a.userId === userId);
  if (index < 0) throw new DomainError("NOT_FOUND", "This person is not an author of the manuscript.");
  const swapWith = direction === "up" ? index - 1 : index + 1;
  if (swapWith < 0 || swapWith >= order.length) throw new DomainError("INVALID_TRANSITION", `This author is already ${direction === "up" ? "first" : "last"}.`);
  [order[index], order[swapWith]] = [order[swapWith], order[index]];
  await deps.db.transaction(async (tx) => {
    for (const [i, author] of order.entries()) {
      await tx.update(manuscriptAuthors).set({ position: i + 1 }).where(and(eq(manuscriptAuthors.manuscriptId, manuscript.id), eq(manuscriptAuthors.userId, author.userId)));
    }
    await recordAudit(tx, { actorId: actor.id, action: "manuscript.author.reordered", subjectType: "manuscript", subjectId: manuscript.id, data: { order: order.map((a) => a.userId) } });
  });
}

/** Sets an author's CRediT roles. */
export async function setCreditRoles(deps: AuthorDeps, actor: SessionUser, manuscriptId: string, userId: string, raw: unknown) {
  const { manuscript } = await manuscriptForAuthor(deps.db, actor, manuscriptId);
  if (!manuscript.authors.some((a) => a.userId === userId && a.status !== "declined")) throw new DomainError("NOT_FOUND", "This person is not an author of the manuscript.");
  const parsed = creditRolesSchema.safeParse(raw);
  if (!parsed.success) throw new DomainError("VALIDATION", parsed.error.issues[0]?.message ?? "Choose roles from the CRediT list.");
  await deps.db.transaction(async (tx) => {
    await tx.update(manuscriptAuthors).set({ creditRoles: parsed.data }).where(and(eq(manuscriptAuthors.manuscriptId, manuscript.id), eq(manuscriptAuthors.userId, userId)));
    await recordAudit(tx, { actorId: actor.id, action: "manuscript.author.credit", subjectType: "manuscript", subjectId: manuscript.id, data: { userId, roles: parsed.data } });
  });
}

/** Open invitations for this person (dashboard). */
export async function myInvitations(deps: { db: Db }, actor: SessionUser) {
  const rows = await deps.db.query.manuscriptAuthors.findMany({
    where: and(eq(manuscriptAuthors.userId, actor.id), eq(manuscriptAuthors.status, "invited")),
    with: { manuscript: { columns: { id: true, title: true } } },
  });
  return rows.map((r) => ({ manuscriptId: r.manuscript.id, title: r.manuscript.title }));
}
