import { availableDatabaseKinds, createTestDatabase, type TestDatabase } from "../../tests/helpers/db";
import { connect, startServer, synced, text, tokenFor, waitFor, type RunningServer } from "./helpers";

describe("offline editing", () => {
  let database: TestDatabase;

  beforeAll(async () => {
    const kinds = await availableDatabaseKinds();
    database = await createTestDatabase(kinds.includes("pg") ? "pg" : "pglite");
  });
  afterAll(async () => {
    await database.close();
  });

  it("merges edits made while the server was down once the clients reconnect by themselves", async () => {
    let server: RunningServer = await startServer({ db: database.db });
    const port = server.port;
    const a = connect(server.url, "doc-offline", tokenFor("alice", "doc-offline"));
    const b = connect(server.url, "doc-offline", tokenFor("bob", "doc-offline"));
    try {
      await Promise.all([synced(a), synced(b)]);
      a.doc.getText("body").insert(0, "Introduction.");
      await waitFor(() => text(b.doc) === "Introduction.", 5000, "b to receive a's edit");

      await server.close();
      await waitFor(() => !a.wsconnected && !b.wsconnected, 5000, "clients to notice the server is gone");
      a.doc.getText("body").insert(0, "[A offline] ");
      b.doc.getText("body").insert(text(b.doc).length, " [B offline]");
      expect(text(a.doc)).not.toBe(text(b.doc));

      server = await startServer({ db: database.db, port });
      await waitFor(() => text(a.doc) === text(b.doc) && a.synced && b.synced, 10_000, "clients to reconnect and converge");
      expect(text(a.doc)).toBe("[A offline] Introduction. [B offline]");
      expect(text(server.collab.hub.getDocument("doc-offline")!)).toBe(text(a.doc));
    } finally {
      a.destroy();
      b.destroy();
      await server.close();
    }
  });
});
