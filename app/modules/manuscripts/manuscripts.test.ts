import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import { getSchema } from "@tiptap/core";
import { StarterKit } from "@tiptap/starter-kit";
import * as Y from "yjs";
import { collabClientAuthors, collabUpdates } from "../../../db/schema";
import { availableDatabaseKinds, createTestDatabase, type TestDatabase } from "../../../tests/helpers/db";
import { DomainError } from "../../utils/errors";
import { signUp } from "../identity/accounts.server";
import type { SessionUser } from "../identity/model";
import {
  answerInvitation,
  contributionOf,
  createManuscript,
  createVersion,
  diffVersions,
  documentNameOf,
  getManuscriptFor,
  inviteCoAuthor,
  moveAuthor,
  removeCoAuthor,
  setCreditRoles,
  stillHasAccess,
} from "./index.server";
import { plainTextOf } from "./model";

const kinds = await availableDatabaseKinds();
const schema = getSchema([StarterKit]);

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

/** Writes what the collab-server would have stored: an update by this user's Yjs client. */
async function writeAs(database: TestDatabase, manuscriptId: string, userId: string, doc: Y.Doc, edit: (doc: Y.Doc) => void) {
  const before = Y.encodeStateVector(doc);
  edit(doc);
  const update = Y.encodeStateAsUpdate(doc, before);
  const documentName = documentNameOf(manuscriptId);
  await database.db.insert(collabUpdates).values({ documentName, update, userId });
  await database.db.insert(collabClientAuthors).values({ documentName, clientId: doc.clientID, userId }).onConflictDoNothing();
}

function setParagraphs(doc: Y.Doc, paragraphs: string[]) {
  const fragment = doc.getXmlFragment("default");
  doc.transact(() => {
    fragment.delete(0, fragment.length);
    prosemirrorJSONToYXmlFragment(schema, { type: "doc", content: paragraphs.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })) }, fragment);
  });
}

describe.each(kinds)("manuscripts on %s", (kind) => {
  let database: TestDatabase;
  let asha: SessionUser;
  let jon: SessionUser;
  let eve: SessionUser;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const deps = { db: database.db };
    asha = (await signUp(deps, { name: "Asha", email: "asha@example.org", password: "asha long password", roles: ["author"] })).user;
    jon = (await signUp(deps, { name: "Jon", email: "jon@example.org", password: "jon long password", roles: ["author"] })).user;
    eve = (await signUp(deps, { name: "Eve", email: "eve@example.org", password: "eve long password", roles: ["reader"] })).user;
  });
  afterAll(async () => {
    await database.close();
  });

  it("invites, accepts, orders, credits and removes co-authors, cutting off a removed author's access", async () => {
    const deps = { db: database.db, onAccessRevoked: vi.fn() };
    const manuscript = await createManuscript(deps, asha, { title: "A study of co-authoring", articleType: "case-report", keywords: "a, b" });
    expect((await rejection(inviteCoAuthor(deps, asha, manuscript.id, { email: "nobody@example.org" }))).fieldErrors.email).toMatch(/No MedNexus account/);
    await inviteCoAuthor(deps, asha, manuscript.id, { email: "jon@example.org" });
    expect((await rejection(inviteCoAuthor(deps, asha, manuscript.id, { email: "jon@example.org" }))).code).toBe("CONFLICT");
    expect(await stillHasAccess(deps, jon.id, documentNameOf(manuscript.id))).toBe(false);
    expect((await rejection(inviteCoAuthor(deps, jon, manuscript.id, { email: "eve@example.org" }))).code).toBe("NOT_FOUND");

    await answerInvitation(deps, jon, manuscript.id, true);
    expect(await stillHasAccess(deps, jon.id, documentNameOf(manuscript.id))).toBe(true);
    await moveAuthor(deps, jon, manuscript.id, jon.id, "up");
    let view = await getManuscriptFor(deps, asha, manuscript.id);
    expect([...view.manuscript.authors].sort((a, b) => a.position - b.position).map((a) => a.user.name)).toEqual(["Jon", "Asha"]);
    expect((await rejection(moveAuthor(deps, jon, manuscript.id, jon.id, "up"))).code).toBe("INVALID_TRANSITION");

    await setCreditRoles(deps, asha, manuscript.id, jon.id, ["Formal analysis", "Writing – original draft"]);
    expect((await rejection(setCreditRoles(deps, asha, manuscript.id, jon.id, ["Dancing"]))).code).toBe("VALIDATION");
    view = await getManuscriptFor(deps, asha, manuscript.id);
    expect(view.manuscript.authors.find((a) => a.userId === jon.id)?.creditRoles).toEqual(["Formal analysis", "Writing – original draft"]);

    await removeCoAuthor(deps, asha, manuscript.id, jon.id);
    expect(deps.onAccessRevoked).toHaveBeenCalledWith(manuscript.id, jon.id);
    expect(await stillHasAccess(deps, jon.id, documentNameOf(manuscript.id))).toBe(false);
    expect((await rejection(removeCoAuthor(deps, asha, manuscript.id, asha.id))).code).toBe("INVALID_TRANSITION");
    expect((await rejection(getManuscriptFor(deps, eve, manuscript.id))).code).toBe("NOT_FOUND");
  });

  it("freezes named versions of the stored draft, diffs them and measures who wrote what", async () => {
    const deps = { db: database.db };
    const manuscript = await createManuscript(deps, asha, { title: "Versions and contribution", articleType: "original-research" });
    await inviteCoAuthor(deps, asha, manuscript.id, { email: "jon@example.org" });
    await answerInvitation(deps, jon, manuscript.id, true);

    const ashaDoc = new Y.Doc();
    await writeAs(database, manuscript.id, asha.id, ashaDoc, (d) => setParagraphs(d, ["The patient improved after treatment."]));
    const first = await createVersion(deps, asha, manuscript.id, { name: "First draft" });
    expect(first.number).toBe(1);
    expect(plainTextOf(first.content)).toBe("The patient improved after treatment.");
    expect(first.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);

    const jonDoc = new Y.Doc();
    Y.applyUpdate(jonDoc, Y.encodeStateAsUpdate(ashaDoc));
    await writeAs(database, manuscript.id, jon.id, jonDoc, (d) => {
      const paragraph = d.getXmlFragment("default").get(0) as Y.XmlElement;
      (paragraph.get(0) as Y.XmlText).insert(0, "Jon: ");
    });
    const second = await createVersion(deps, jon, manuscript.id, { name: "With Jon" });
    expect(second.number).toBe(2);
    expect(plainTextOf(second.content)).toBe("Jon: The patient improved after treatment.");
    expect(second.contentHash).not.toBe(first.contentHash);

    const diff = await diffVersions(deps, manuscript.id, 1, 2);
    expect(diff.parts.filter((p) => p.kind === "added").map((p) => p.text).join("")).toContain("Jon");
    expect(diff.removed).toBe(0);
    expect((await rejection(diffVersions(deps, manuscript.id, 1, 7))).code).toBe("NOT_FOUND");

    const contribution = await contributionOf(deps, manuscript.id);
    expect(contribution.total).toBe("Jon: The patient improved after treatment.".length);
    expect(contribution.people.map((p) => [p.name, p.characters])).toEqual([
      ["Asha", "The patient improved after treatment.".length],
      ["Jon", "Jon: ".length],
    ]);
    expect((await rejection(createVersion(deps, eve, manuscript.id, { name: "Intruder" }))).code).toBe("NOT_FOUND");
    expect((await rejection(createVersion(deps, asha, manuscript.id, { name: " " }))).fieldErrors.name).toBe("Name this version");
  });
});
