import { randomBytes } from "node:crypto";
import { availableDatabaseKinds, createTestDatabase, type TestDatabase } from "../../tests/helpers/db";
import { connect, startServer, synced, text, tokenFor, waitFor, type RunningServer } from "./helpers";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

describe("two instances sharing Redis", () => {
  let database: TestDatabase;
  let first: RunningServer;
  let second: RunningServer;
  const suffix = randomBytes(4).toString("hex");

  beforeAll(async () => {
    const kinds = await availableDatabaseKinds();
    database = await createTestDatabase(kinds.includes("pg") ? "pg" : "pglite");
    // The first instance writes to storage only on shutdown: what the second learns, it learns from its peer.
    first = await startServer({ db: database.db, redisUrl: REDIS_URL, flushIntervalMs: 60_000 });
    second = await startServer({ db: database.db, redisUrl: REDIS_URL });
  });
  afterAll(async () => {
    await first.close();
    await second.close();
    await database.close();
  });

  it("clients on different instances converge, awareness included", async () => {
    const name = `doc-redis-${suffix}`;
    const a = connect(first.url, name, tokenFor("alice", name));
    const b = connect(second.url, name, tokenFor("bob", name));
    try {
      await Promise.all([synced(a), synced(b)]);
      a.doc.getText("body").insert(0, "From the first instance. ");
      b.doc.getText("body").insert(0, "From the second instance. ");
      await waitFor(() => text(a.doc) === text(b.doc) && text(a.doc).length === 51, 10_000, "convergence across instances");
      expect(text(first.collab.hub.getDocument(name)!)).toBe(text(a.doc));
      expect(text(second.collab.hub.getDocument(name)!)).toBe(text(a.doc));

      a.awareness.setLocalStateField("user", { name: "Alice" });
      await waitFor(
        () => [...b.awareness.getStates().values()].some((state) => (state.user as { name?: string } | undefined)?.name === "Alice"),
        10_000,
        "alice's awareness on the other instance",
      );
    } finally {
      a.destroy();
      b.destroy();
    }
  });

  it("an instance that loads the document later catches up from its peers, before storage has it", async () => {
    const name = `doc-redis-late-${suffix}`;
    const a = connect(first.url, name, tokenFor("alice", name));
    try {
      await synced(a);
      a.doc.getText("body").insert(0, "Early text.");
      await waitFor(() => text(first.collab.hub.getDocument(name)!) === "Early text.", 10_000, "the first instance");
      const b = connect(second.url, name, tokenFor("bob", name));
      try {
        await synced(b);
        await waitFor(() => text(b.doc) === "Early text.", 10_000, "the late instance to catch up");
        b.doc.getText("body").insert(text(b.doc).length, " Late text.");
        await waitFor(() => text(a.doc) === "Early text. Late text.", 10_000, "the first instance to get the late edit");
      } finally {
        b.destroy();
      }
    } finally {
      a.destroy();
    }
  });
});
