import * as Y from "yjs";
import { computeContribution } from "../src/contribution";

function paragraph(text: string): Y.XmlElement {
  const element = new Y.XmlElement("paragraph");
  element.insert(0, [new Y.XmlText(text)]);
  return element;
}

describe("per-author contribution", () => {
  it("counts each user's visible characters in the TipTap fragment, after deletions and merges", () => {
    const alice = new Y.Doc();
    const bob = new Y.Doc();
    alice.getXmlFragment("default").insert(0, [paragraph("Hello world")]);
    Y.applyUpdate(bob, Y.encodeStateAsUpdate(alice));
    const bobText = (bob.getXmlFragment("default").get(0) as Y.XmlElement).get(0) as Y.XmlText;
    bobText.insert(5, ", dear");
    bobText.delete(12, 5); // "Hello, dear world" → "Hello, dear ": alice loses "world"
    bob.getXmlFragment("default").insert(1, [paragraph("Bob's paragraph")]);
    const heading = new Y.XmlElement("heading");
    heading.insert(0, [new Y.XmlText("Title")]);
    alice.getXmlFragment("default").insert(0, [heading]);
    Y.applyUpdate(alice, Y.encodeStateAsUpdate(bob));
    Y.applyUpdate(bob, Y.encodeStateAsUpdate(alice));

    const authors = new Map([
      [alice.clientID, "user-alice"],
      [bob.clientID, "user-bob"],
    ]);
    const result = computeContribution(bob, authors);
    // alice: "Hello " (6) + "Title" (5); bob: ", dear" (6) + "Bob's paragraph" (15)
    expect(result.byUser).toEqual({ "user-alice": 11, "user-bob": 21 });
    expect(result.total).toBe(32);
    expect(result.unattributed).toBe(0);
    expect(computeContribution(Y.encodeStateAsUpdate(alice), { [alice.clientID]: "user-alice" })).toEqual({
      byUser: { "user-alice": 11 },
      unattributed: 21,
      total: 32,
    });
  });
});

describe("client ids of an update", () => {
  it("reads a single writer's client id from the header and decodes mixed updates", async () => {
    const { structClientIds } = await import("../src/extensions/persistence");
    const alice = new Y.Doc();
    const bob = new Y.Doc();
    alice.getText("body").insert(0, "alice");
    bob.getText("body").insert(0, "bob");
    expect([...structClientIds(Y.encodeStateAsUpdate(alice))]).toEqual([alice.clientID]);
    const both = Y.mergeUpdates([Y.encodeStateAsUpdate(alice), Y.encodeStateAsUpdate(bob)]);
    expect(new Set(structClientIds(both))).toEqual(new Set([alice.clientID, bob.clientID]));
    const deletionOnly = new Y.Doc();
    Y.applyUpdate(deletionOnly, Y.encodeStateAsUpdate(alice));
    const before = Y.encodeStateVector(deletionOnly);
    deletionOnly.getText("body").delete(0, 2);
    expect([...structClientIds(Y.encodeStateAsUpdate(deletionOnly, before))]).toEqual([]);
  });
});
