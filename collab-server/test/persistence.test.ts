import { eq, sql } from "drizzle-orm";
import pg from "pg";
import * as Y from "yjs";
import { collabClientAuthors, collabSnapshots, collabUpdates } from "../../db/schema/collab";
import { availableDatabaseKinds, createTestDatabase, type TestDatabase } from "../../tests/helpers/db";
import type { MedNexusCollab } from "../src/index";
import { connect, sleep, startServer, synced, text, tokenFor, waitFor, type RunningServer } from "./helpers";

const kinds = await availableDatabaseKinds();

describe.each(kinds)("persistence on %s", (kind) => {
  let database: TestDatabase;
  let server: RunningServer;
  const storage = () => (server.collab as MedNexusCollab).storage;
  const logRows = (documentName: string) => database.db.select().from(collabUpdates).where(eq(collabUpdates.documentName, documentName));
  const snapshotOf = async (documentName: string) =>
    (await database.db.select().from(collabSnapshots).where(eq(collabSnapshots.documentName, documentName)))[0];

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    server = await startServer({ db: database.db, idleUnloadMs: 300, compactAfterUpdates: 20 });
  });
  afterAll(async () => {
    await server.close();
    await database.close();
  });

  it("appends every update to the log within 500 ms and records who wrote with which client id", async () => {
    const provider = connect(server.url, "doc-log", tokenFor("alice", "doc-log"));
    try {
      await synced(provider);
      provider.doc.getText("body").insert(0, "Background");
      await waitFor(() => server.collab.hub.getDocument("doc-log")?.getText("body").toString() === "Background", 2000, "the edit to reach the server");
      const rows = await pollUntil(() => logRows("doc-log"), (found) => found.length > 0, 500);
      const replay = new Y.Doc();
      for (const row of rows) Y.applyUpdate(replay, row.update);
      expect(text(replay)).toBe("Background");
      expect(rows.every((row) => row.userId === "alice")).toBe(true);
      const authors = await database.db.select().from(collabClientAuthors).where(eq(collabClientAuthors.documentName, "doc-log"));
      expect(authors).toEqual([expect.objectContaining({ clientId: provider.doc.clientID, userId: "alice" })]);
    } finally {
      provider.destroy();
    }
  });

  it("compacts the log into a snapshot under the document's advisory lock, and reloads snapshot + tail", async () => {
    const provider = connect(server.url, "doc-compact", tokenFor("bob", "doc-compact"));
    try {
      await synced(provider);
      for (const word of ["Results ", "were ", "significant "]) {
        provider.doc.getText("body").insert(text(provider.doc).length, word);
        await sleep(20);
      }
      await waitFor(() => text(server.collab.hub.getDocument("doc-compact")!) === "Results were significant ", 2000, "edits on the server");
      await storage().flush();
      expect((await logRows("doc-compact")).length).toBeGreaterThan(0);

      if (kind === "pg") {
        // Another instance holds the document's lock: compaction waits for it.
        const holder = new pg.Client({ connectionString: database.url });
        await holder.connect();
        try {
          await holder.query("begin");
          await holder.query("select pg_advisory_xact_lock(hashtext($1))", ["doc-compact"]);
          let done = false;
          const compaction = storage().compact("doc-compact").then(() => (done = true));
          await sleep(300);
          expect(done).toBe(false);
          await holder.query("commit");
          await compaction;
        } finally {
          await holder.end();
        }
      } else {
        await storage().compact("doc-compact");
      }
      expect(await logRows("doc-compact")).toHaveLength(0);
      const snapshot = await snapshotOf("doc-compact");
      const fromSnapshot = new Y.Doc();
      Y.applyUpdate(fromSnapshot, snapshot!.state);
      expect(text(fromSnapshot)).toBe("Results were significant ");

      provider.doc.getText("body").insert(0, "Main ");
      await waitFor(() => text(server.collab.hub.getDocument("doc-compact")!).startsWith("Main "), 2000, "tail edit on the server");
      await storage().flush();
      expect((await logRows("doc-compact")).length).toBeGreaterThan(0);

      // A second instance on the same database loads snapshot + tail.
      const second = await startServer({ db: database.db });
      try {
        const direct = await second.collab.hub.openDirectConnection("doc-compact");
        expect(text(direct.document)).toBe("Main Results were significant ");
        await direct.disconnect();
      } finally {
        await second.close();
      }
    } finally {
      provider.destroy();
    }
  });

  it("compacts once the tail passes the row threshold", async () => {
    const direct = await server.collab.hub.openDirectConnection("doc-threshold", { userId: "job" });
    try {
      // Each flush writes one row (a flush merges a user's updates): 25 rows pass the threshold of 20.
      for (let i = 0; i < 25; i++) {
        direct.transact((doc) => doc.getText("body").insert(0, "x"));
        await storage().flush();
      }
      await pollUntil(() => snapshotOf("doc-threshold"), (found) => found !== undefined, 5000);
      // Read snapshot and tail together under the document's lock, as loading does: a compaction may be running.
      const { snapshot, rows } = await database.db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${"doc-threshold"}))`);
        const [snapshot] = await tx.select().from(collabSnapshots).where(eq(collabSnapshots.documentName, "doc-threshold"));
        const rows = await tx.select().from(collabUpdates).where(eq(collabUpdates.documentName, "doc-threshold"));
        return { snapshot, rows };
      });
      expect(snapshot!.updateCount).toBeGreaterThanOrEqual(20);
      expect(rows.length).toBeLessThan(25);
      const fromStorage = new Y.Doc();
      Y.applyUpdate(fromStorage, snapshot!.state);
      for (const row of rows) Y.applyUpdate(fromStorage, row.update);
      expect(text(fromStorage)).toBe("x".repeat(25));
    } finally {
      await direct.disconnect();
    }
  });

  it("stores and unloads a document left idle, and serves it again from storage", async () => {
    const provider = connect(server.url, "doc-idle", tokenFor("carol", "doc-idle"));
    await synced(provider);
    provider.doc.getText("body").insert(0, "Discussion");
    await waitFor(() => text(server.collab.hub.getDocument("doc-idle")!) === "Discussion", 2000, "edit on the server");
    provider.destroy();
    await waitFor(() => !server.collab.hub.loadedDocumentNames().includes("doc-idle"), 5000, "the idle document to unload");
    expect(await logRows("doc-idle")).toHaveLength(0);
    const snapshot = await snapshotOf("doc-idle");
    expect(snapshot).toBeDefined();

    const again = connect(server.url, "doc-idle", tokenFor("carol", "doc-idle"));
    try {
      await synced(again);
      expect(text(again.doc)).toBe("Discussion");
    } finally {
      again.destroy();
    }
  });
});

async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`not done within ${timeoutMs} ms`);
    await sleep(20);
  }
}
