import * as Y from "yjs";
import { connect, startServer, synced, text, tokenFor, waitFor, type RunningServer } from "./helpers";

describe("co-editing over the y-websocket protocol", () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it("two providers co-edit one document and converge", async () => {
    const a = connect(server.url, "doc-converge", tokenFor("alice", "doc-converge"));
    const b = connect(server.url, "doc-converge", tokenFor("bob", "doc-converge"));
    try {
      await Promise.all([synced(a), synced(b)]);
      a.doc.getText("body").insert(0, "Hello ");
      b.doc.getText("body").insert(0, "World");
      await waitFor(() => text(a.doc) === text(b.doc) && text(a.doc).length === 11, 5000, "convergence");
      const onServer = server.collab.hub.getDocument("doc-converge")!;
      expect(text(onServer)).toBe(text(a.doc));
      expect(["Hello World", "WorldHello "]).toContain(text(a.doc));
    } finally {
      a.destroy();
      b.destroy();
    }
  });

  it("refuses a read-only provider's edits but relays its awareness and keeps it in sync", async () => {
    const writer = connect(server.url, "doc-readonly", tokenFor("alice", "doc-readonly"));
    const reviewer = connect(server.url, "doc-readonly", tokenFor("rita", "doc-readonly", "read-only"));
    try {
      await Promise.all([synced(writer), synced(reviewer)]);
      writer.doc.getText("body").insert(0, "Methods");
      await waitFor(() => text(reviewer.doc) === "Methods", 5000, "reviewer to receive the text");

      reviewer.doc.getText("body").insert(0, "INJECTED ");
      reviewer.awareness.setLocalStateField("user", { name: "Rita" });
      await waitFor(
        () => [...writer.awareness.getStates().values()].some((state) => (state.user as { name?: string } | undefined)?.name === "Rita"),
        5000,
        "reviewer awareness at the writer",
      );
      // The awareness arrived after the refused update on the same socket: the update was handled by then.
      const onServer = server.collab.hub.getDocument("doc-readonly")!;
      expect(text(onServer)).toBe("Methods");
      expect(text(writer.doc)).toBe("Methods");
      const [connection] = server.collab.hub.connections({ documentName: "doc-readonly", userId: "rita" });
      expect(connection!.readOnly).toBe(true);
      expect(connection!.refusedUpdates).toBeGreaterThan(0);

      writer.doc.getText("body").insert(7, " and results");
      await waitFor(() => text(reviewer.doc).endsWith("Methods and results"), 5000, "reviewer to keep receiving");
    } finally {
      writer.destroy();
      reviewer.destroy();
    }
  });

  it("lets a job edit through a direct connection, broadcast to providers", async () => {
    const a = connect(server.url, "doc-direct", tokenFor("alice", "doc-direct"));
    try {
      await synced(a);
      const direct = await server.collab.hub.openDirectConnection("doc-direct", { userId: "importer" });
      direct.transact((doc) => doc.getText("body").insert(0, "Imported abstract"));
      await waitFor(() => text(a.doc) === "Imported abstract", 5000, "direct edit to reach the provider");
      await direct.disconnect();
      expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(server.collab.hub.getDocument("doc-direct")!));
    } finally {
      a.destroy();
    }
  });
});
