import type { Db } from "../../../db/client";
import { DomainError } from "../../utils/errors";
import { can } from "../../utils/permissions";
import { recordAudit } from "../audit/index.server";
import { fieldErrorsOf, type SessionUser } from "../identity/model";
import { newManuscriptSchema } from "./model";
import * as q from "./queries.server";

export interface ManuscriptDeps {
  db: Db;
}

export async function createManuscript(deps: ManuscriptDeps, actor: SessionUser, raw: unknown) {
  if (!can(actor, "manuscript:create")) throw new DomainError("FORBIDDEN", "Only authors can start manuscripts.");
  const parsed = newManuscriptSchema.safeParse(raw);
  if (!parsed.success) throw new DomainError("VALIDATION", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  return deps.db.transaction(async (tx) => {
    const manuscript = await q.insertManuscript(tx, parsed.data, actor.id);
    await recordAudit(tx, { actorId: actor.id, action: "manuscript.created", subjectType: "manuscript", subjectId: manuscript.id });
    return manuscript;
  });
}

export function listMyManuscripts(deps: ManuscriptDeps, actor: SessionUser) {
  return q.listForAuthor(deps.db, actor.id);
}

/** Editors see every manuscript that has left the draft stage. */
export function listEditorialQueue(deps: ManuscriptDeps, actor: SessionUser) {
  if (!can(actor, "manuscript:read:any")) throw new DomainError("FORBIDDEN", "Only editors see the editorial queue.");
  return q.listNotDraft(deps.db);
}

/** Authors (and invitees) see their own manuscripts; editors see those submitted. Anyone else gets a 404, not a hint. */
export async function getManuscriptFor(deps: ManuscriptDeps, actor: SessionUser, id: string) {
  const manuscript = /^[0-9a-f-]{36}$/i.test(id) ? await q.getManuscript(deps.db, id) : undefined;
  if (!manuscript) throw new DomainError("NOT_FOUND", "No such manuscript.");
  const mine = manuscript.authors.find((a) => a.userId === actor.id && a.status !== "declined");
  const isEditor = can(actor, "manuscript:read:any") && manuscript.status !== "draft";
  if (!mine && !isEditor) throw new DomainError("NOT_FOUND", "No such manuscript.");
  return { manuscript, isAuthor: mine?.status === "accepted", isInvited: mine?.status === "invited", isEditor };
}

export * from "./model";
export { accessTo, documentNameOf, issueCollabToken, manuscriptIdOf, stillHasAccess, type CollabGrant } from "./collab.server";
export { contentHashOf, contributionOf, createVersion, diffVersions, getVersion, listVersions, loadDraft, type DiffPart } from "./versions.server";
export { answerInvitation, inviteCoAuthor, moveAuthor, myInvitations, removeCoAuthor, setCreditRoles } from "./authors.server";
