import { createHash } from "node:crypto";
import { yXmlFragmentToProsemirrorJSON } from "@tiptap/y-tiptap";
import { diffWordsWithSpace } from "diff";
import * as Y from "yjs";
import type { Db } from "../../../db/client";
import { computeContribution } from "../../../collab-server/src/contribution";
import { DomainError } from "../../utils/errors";
import { recordAudit } from "../audit/index.server";
import { fieldErrorsOf, type SessionUser } from "../identity/model";
import { documentNameOf } from "./collab.server";
import { plainTextOf, versionNameSchema } from "./model";
import * as q from "./queries.server";

export interface VersionDeps {
  db: Db;
}

/** The draft as the collab-server stored it: snapshot + the log rows not yet folded into it. */
export async function loadDraft(db: Db, manuscriptId: string): Promise<Y.Doc> {
  const { snapshot, updates } = await q.readDraftState(db, documentNameOf(manuscriptId));
  const doc = new Y.Doc();
  doc.transact(() => {
    if (snapshot) Y.applyUpdate(doc, snapshot);
    for (const update of updates) Y.applyUpdate(doc, update);
  });
  return doc;
}

export function contentHashOf(content: unknown): string {
  return `sha256:${createHash("sha256").update(JSON.stringify(content)).digest("hex")}`;
}

async function requireAuthorOf(db: Db, actor: SessionUser, manuscriptId: string) {
  const manuscript = /^[0-9a-f-]{36}$/i.test(manuscriptId) ? await q.getManuscript(db, manuscriptId) : undefined;
  const isAuthor = manuscript?.authors.some((a) => a.userId === actor.id && a.status === "accepted");
  if (!manuscript || !isAuthor) throw new DomainError("NOT_FOUND", "No such manuscript.");
  return manuscript;
}

/** Freezes the current draft as a named version (full Yjs state, ProseMirror JSON, content hash). */
export async function createVersion(deps: VersionDeps, actor: SessionUser, manuscriptId: string, raw: unknown) {
  const manuscript = await requireAuthorOf(deps.db, actor, manuscriptId);
  const parsed = versionNameSchema.safeParse(raw);
  if (!parsed.success) throw new DomainError("VALIDATION", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  const doc = await loadDraft(deps.db, manuscript.id);
  try {
    const content = yXmlFragmentToProsemirrorJSON(doc.getXmlFragment("default")) as Record<string, unknown>;
    const state = Y.encodeStateAsUpdate(doc);
    return await deps.db.transaction(async (tx) => {
      const version = await q.insertVersion(tx, {
        manuscriptId: manuscript.id,
        name: parsed.data.name,
        state,
        content,
        contentHash: contentHashOf(content),
        createdBy: actor.id,
      });
      await recordAudit(tx, { actorId: actor.id, action: "manuscript.version.created", subjectType: "manuscript", subjectId: manuscript.id, data: { version: version.number, contentHash: version.contentHash } });
      return version;
    });
  } finally {
    doc.destroy();
  }
}

export async function listVersions(deps: VersionDeps, manuscriptId: string) {
  return q.listVersions(deps.db, manuscriptId);
}

export async function getVersion(deps: VersionDeps, manuscriptId: string, number: number) {
  const version = Number.isInteger(number) ? await q.getVersion(deps.db, manuscriptId, number) : undefined;
  if (!version) throw new DomainError("NOT_FOUND", "No such version.");
  return version;
}

export interface DiffPart {
  kind: "same" | "added" | "removed";
  text: string;
}

/** Word-level differences between two versions' text (insertions and deletions). */
export async function diffVersions(deps: VersionDeps, manuscriptId: string, from: number, to: number) {
  const [a, b] = await Promise.all([getVersion(deps, manuscriptId, from), getVersion(deps, manuscriptId, to)]);
  const parts: DiffPart[] = diffWordsWithSpace(plainTextOf(a.content), plainTextOf(b.content)).map((part) => ({
    kind: part.added ? "added" : part.removed ? "removed" : "same",
    text: part.value,
  }));
  return {
    from: { number: a.number, name: a.name },
    to: { number: b.number, name: b.name },
    parts,
    added: parts.filter((p) => p.kind === "added").reduce((n, p) => n + p.text.length, 0),
    removed: parts.filter((p) => p.kind === "removed").reduce((n, p) => n + p.text.length, 0),
  };
}

/** Who wrote what: visible characters of the current draft per author, from the CRDT's client ids. */
export async function contributionOf(deps: VersionDeps, manuscriptId: string) {
  const [doc, clientAuthors, manuscript] = await Promise.all([
    loadDraft(deps.db, manuscriptId),
    q.clientAuthors(deps.db, documentNameOf(manuscriptId)),
    q.getManuscript(deps.db, manuscriptId),
  ]);
  try {
    const result = computeContribution(doc, new Map(clientAuthors.map((c) => [c.clientId, c.userId])));
    const names = new Map((manuscript?.authors ?? []).map((a) => [a.userId, a.user.name]));
    const people = Object.entries(result.byUser)
      .map(([userId, characters]) => ({ userId, name: names.get(userId) ?? "Former collaborator", characters, share: result.total ? characters / result.total : 0 }))
      .sort((x, y) => y.characters - x.characters);
    return { total: result.total, unattributed: result.unattributed, people };
  } finally {
    doc.destroy();
  }
}
