// Who is asking, in the terms a consent decision needs: a signed-in clinician, or another node.
import type { Db } from "../../../db/client";
import type { MmePeerRow } from "../../../db/schema";
import type { Requester } from "../consent/index.server";
import type { SessionUser } from "../identity/index.server";
import * as q from "./queries.server";

export interface Attestations {
  notForProfit: boolean;
  commercial: boolean;
  irbApproved: boolean;
  agreesToPublish: boolean;
  agreesToCollaborate: boolean;
}

export async function institutionsOf(db: Db, user: SessionUser) {
  return q.institutionsByIds(db, user.verifiedInstitutionIds);
}

export async function actorLabel(db: Db, user: SessionUser): Promise<string> {
  const insts = await institutionsOf(db, user);
  return insts.length ? `${user.name} (${insts.map((i) => i.name).join(", ")})` : user.name;
}

export async function userRequester(db: Db, user: SessionUser, attestations: Attestations): Promise<Requester> {
  const insts = await institutionsOf(db, user);
  return {
    id: `user:${user.id}`,
    label: insts.length ? `${user.name} (${insts.map((i) => i.name).join(", ")})` : user.name,
    institutionIds: insts.map((i) => i.id),
    country: insts[0]?.country ?? null,
    ...attestations,
    viaFederation: false,
  };
}

export function peerRequester(peer: MmePeerRow): Requester {
  return {
    id: `node:${peer.id}`,
    label: `${peer.name} (Matchmaker Exchange node)`,
    institutionIds: [],
    country: peer.country,
    notForProfit: peer.notForProfit,
    commercial: false,
    irbApproved: false,
    agreesToPublish: false,
    agreesToCollaborate: false,
    viaFederation: true,
  };
}
