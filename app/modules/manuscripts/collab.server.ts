import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { manuscripts, reviewAssignments, submissions } from "../../../db/schema";
import { signCollabToken, type CollabAccess } from "../../../collab-server/src/token";
import { DomainError } from "../../utils/errors";
import { can } from "../../utils/permissions";
import type { SessionUser } from "../identity/model";
import * as identity from "../identity/queries.server";
import { getManuscript } from "./queries.server";

export const COLLAB_TOKEN_TTL_SECONDS = 10 * 60;
const DOCUMENT_PREFIX = "manuscript:";

export function documentNameOf(manuscriptId: string) {
  return `${DOCUMENT_PREFIX}${manuscriptId}`;
}

export function manuscriptIdOf(documentName: string): string | null {
  const id = documentName.startsWith(DOCUMENT_PREFIX) ? documentName.slice(DOCUMENT_PREFIX.length) : "";
  return /^[0-9a-f-]{36}$/i.test(id) ? id : null;
}

type ManuscriptWithAuthors = NonNullable<Awaited<ReturnType<typeof getManuscript>>>;

/** Co-authors who accepted write; editors and assigned reviewers read submitted manuscripts. Nobody else connects. */
export function accessTo(user: Pick<SessionUser, "id" | "roles">, manuscript: ManuscriptWithAuthors, isAssignedReviewer = false): CollabAccess | null {
  const isAuthor = manuscript.authors.some((a) => a.userId === user.id && a.status === "accepted");
  if (isAuthor && manuscript.status !== "withdrawn") return "read-write";
  if (can(user, "manuscript:read:any") && manuscript.status !== "draft") return "read-only";
  if (isAssignedReviewer && manuscript.status !== "draft") return "read-only";
  return null;
}

/** Whether this person has accepted (or completed) a review of any submission of the manuscript. */
export async function isAssignedReviewer(db: Db, userId: string, manuscriptId: string): Promise<boolean> {
  const ids = (await db.select({ id: submissions.id }).from(submissions).where(eq(submissions.manuscriptId, manuscriptId))).map((r) => r.id);
  if (ids.length === 0) return false;
  const row = await db.query.reviewAssignments.findFirst({
    where: and(inArray(reviewAssignments.submissionId, ids), eq(reviewAssignments.reviewerId, userId), inArray(reviewAssignments.status, ["accepted", "submitted"])),
    columns: { id: true },
  });
  return Boolean(row);
}

export interface CollabGrant {
  token: string;
  documentName: string;
  access: CollabAccess;
  expiresInSeconds: number;
}

/** A short-lived token the collab-server verifies at the WebSocket upgrade. */
export async function issueCollabToken(deps: { db: Db; secret: string }, user: SessionUser, manuscriptId: string): Promise<CollabGrant> {
  const manuscript = /^[0-9a-f-]{36}$/i.test(manuscriptId) ? await getManuscript(deps.db, manuscriptId) : undefined;
  if (!manuscript) throw new DomainError("NOT_FOUND", "No such manuscript.");
  const access = accessTo(user, manuscript, await isAssignedReviewer(deps.db, user.id, manuscript.id));
  if (!access) throw new DomainError("NOT_FOUND", "No such manuscript.");
  const documentName = documentNameOf(manuscript.id);
  const token = signCollabToken({ userId: user.id, userName: user.name, documentName, access, ttlSeconds: COLLAB_TOKEN_TTL_SECONDS }, deps.secret);
  return { token, documentName, access, expiresInSeconds: COLLAB_TOKEN_TTL_SECONDS };
}

/**
 * The collab-server's re-check at connect and periodically: false disconnects (a removed co-author loses the socket).
 * A token's access level is fixed for its 10-minute life; a downgrade takes effect on the next token.
 */
export async function stillHasAccess(deps: { db: Db }, userId: string, documentName: string): Promise<boolean> {
  const manuscriptId = manuscriptIdOf(documentName);
  if (!manuscriptId) return false;
  const [user, manuscript] = await Promise.all([identity.loadSessionUser(deps.db, userId), getManuscript(deps.db, manuscriptId)]);
  if (!user || !manuscript) return false;
  return accessTo(user, manuscript, await isAssignedReviewer(deps.db, userId, manuscript.id)) !== null;
}

export async function manuscriptExists(db: Db, id: string) {
  return Boolean(await db.query.manuscripts.findFirst({ where: eq(manuscripts.id, id), columns: { id: true } }));
}
