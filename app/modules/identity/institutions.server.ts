import type { Db } from "../../../db/client";
import { DomainError } from "../../utils/errors";
import { recordAudit } from "../audit/index.server";
import { fieldErrorsOf, institutionSchema, type SessionUser } from "./model";
import * as q from "./queries.server";

export interface InstitutionDeps {
  db: Db;
}

export function listInstitutions(deps: InstitutionDeps) {
  return q.listInstitutions(deps.db);
}

export async function getInstitution(deps: InstitutionDeps, institutionId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(institutionId)) throw new DomainError("NOT_FOUND", "No such institution.");
  const institution = await q.getInstitution(deps.db, institutionId);
  if (!institution) throw new DomainError("NOT_FOUND", "No such institution.");
  return institution;
}

/** A platform admin registers an institution and names its first admin. */
export async function createInstitution(deps: InstitutionDeps, actor: SessionUser, raw: unknown, firstAdminId?: string) {
  const parsed = institutionSchema.safeParse(raw);
  if (!parsed.success) throw new DomainError("VALIDATION", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  return deps.db.transaction(async (tx) => {
    const institution = await q.insertInstitution(tx, parsed.data);
    if (!institution) throw new DomainError("CONFLICT", "Check the highlighted fields.", { name: "An institution with this name exists already." });
    if (firstAdminId) {
      await q.upsertMembership(tx, { institutionId: institution.id, userId: firstAdminId, status: "verified", isAdmin: true, verifiedBy: actor.id });
    }
    await recordAudit(tx, { actorId: actor.id, action: "institution.created", subjectType: "institution", subjectId: institution.id });
    return institution;
  });
}

/** Anyone signed in may ask to be recognised as a member; an admin of the institution verifies. */
export async function requestMembership(deps: InstitutionDeps, actor: SessionUser, institutionId: string) {
  await getInstitution(deps, institutionId);
  const existing = await q.findMembership(deps.db, institutionId, actor.id);
  if (existing) {
    throw new DomainError("CONFLICT", existing.status === "rejected" ? "Your request was declined by the institution." : "You have already asked to join.");
  }
  await deps.db.transaction(async (tx) => {
    await q.upsertMembership(tx, { institutionId, userId: actor.id, status: "pending" });
    await recordAudit(tx, { actorId: actor.id, action: "membership.requested", subjectType: "institution", subjectId: institutionId });
  });
}

export function isInstitutionAdmin(actor: SessionUser, institutionId: string) {
  return actor.adminInstitutionIds.includes(institutionId) || actor.roles.includes("platform_admin");
}

/** An institution admin verifies or declines a member, or makes a verified member an admin. */
export async function decideMembership(
  deps: InstitutionDeps,
  actor: SessionUser,
  input: { institutionId: string; userId: string; decision: string },
) {
  if (!isInstitutionAdmin(actor, input.institutionId)) throw new DomainError("FORBIDDEN", "Only this institution's admins can verify its members.");
  const membership = await q.findMembership(deps.db, input.institutionId, input.userId);
  if (!membership) throw new DomainError("NOT_FOUND", "This person has not asked to join.");
  const decision = input.decision;
  if (decision !== "verify" && decision !== "reject" && decision !== "make-admin") {
    throw new DomainError("VALIDATION", "Choose verify, reject or make-admin.");
  }
  if (decision === "make-admin" && membership.status !== "verified") {
    throw new DomainError("INVALID_TRANSITION", "Verify the membership before making this person an admin.");
  }
  if (decision === "reject" && input.userId === actor.id) throw new DomainError("INVALID_TRANSITION", "You cannot decline your own membership.");
  await deps.db.transaction(async (tx) => {
    if (decision === "make-admin") {
      await q.upsertMembership(tx, { ...input, status: "verified", isAdmin: true, verifiedBy: membership.verifiedBy ?? actor.id });
    } else {
      await q.upsertMembership(tx, { ...input, status: decision === "verify" ? "verified" : "rejected", isAdmin: false, verifiedBy: actor.id });
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: `membership.${decision}`,
      subjectType: "institution",
      subjectId: input.institutionId,
      data: { userId: input.userId },
    });
  });
}
