import type { Db } from "../../../db/client";
import { can } from "../../utils/permissions";
import type { SessionUser } from "./model";
import * as q from "./queries.server";

/** What the dashboard shows about people and institutions for this person. */
export async function identityOverview(deps: { db: Db }, user: SessionUser) {
  const profile = await q.getUserProfile(deps.db, user.id);
  const memberships = profile?.memberships ?? [];
  const adminOf = user.adminInstitutionIds;
  const pendingByInstitution = [];
  for (const institutionId of adminOf) {
    const institution = await q.getInstitution(deps.db, institutionId);
    if (!institution) continue;
    const pending = institution.memberships.filter((m) => m.status === "pending");
    pendingByInstitution.push({ id: institution.id, name: institution.name, pending: pending.map((m) => ({ id: m.user.id, name: m.user.name })) });
  }
  const platform = can(user, "admin:roles:grant")
    ? { people: (await q.listUsersWithRoles(deps.db)).length, institutions: (await q.listInstitutions(deps.db)).length }
    : null;
  return {
    orcid: profile?.orcid ?? null,
    memberships: memberships.map((m) => ({ id: m.institution.id, name: m.institution.name, status: m.status, isAdmin: m.isAdmin })),
    pendingByInstitution,
    platform,
  };
}
