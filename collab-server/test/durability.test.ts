import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import * as Y from "yjs";
import { availableDatabaseKinds, createTestDatabase, type TestDatabase } from "../../tests/helpers/db";
import { connect, SECRET, sleep, synced, text, tokenFor, waitFor } from "./helpers";

const root = path.resolve(import.meta.dirname, "../..");

describe("durability of the standalone server", () => {
  let database: TestDatabase | undefined;
  let pgliteDir: string | undefined;
  const env: Record<string, string> = {};
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    const kinds = await availableDatabaseKinds();
    if (kinds.includes("pg")) {
      database = await createTestDatabase("pg");
      env.DATABASE_URL = database.url!;
    } else {
      pgliteDir = mkdtempSync(path.join(os.tmpdir(), "collab-durability-"));
      env.COLLAB_PGLITE_DIR = pgliteDir;
    }
  });
  afterAll(async () => {
    child?.kill("SIGKILL");
    await database?.close();
    if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
  });

  it("loses nothing when the server is killed with SIGKILL, including a departed client's edit", async () => {
    const port = await freePort();
    const url = `ws://127.0.0.1:${port}`;
    child = await startStandalone(port, env);
    const a = connect(url, "doc-durable", tokenFor("alice", "doc-durable"));
    const b = connect(url, "doc-durable", tokenFor("bob", "doc-durable"));
    let c: ReturnType<typeof connect> | undefined;
    try {
      await Promise.all([synced(a, 10_000), synced(b, 10_000)]);
      a.doc.getText("body").insert(0, "Alice wrote the abstract. ");
      await waitFor(() => text(b.doc).includes("Alice"), 5000, "b to see a's edit");
      await sleep(600);
      a.destroy();
      for (const word of ["Bob ", "wrote ", "methods."]) {
        b.doc.getText("body").insert(text(b.doc).length, word);
        await sleep(30);
      }
      await sleep(600);
      b.doc.getText("body").insert(text(b.doc).length, " Last moment.");
      child.kill("SIGKILL");
      await new Promise((resolve) => child!.once("exit", resolve));
      // b stays away until the restarted server has proven what it stored on its own.
      b.disconnect();
      b.doc.getText("body").insert(text(b.doc).length, " Edited while down.");

      child = await startStandalone(port, env);
      c = connect(url, "doc-durable", tokenFor("carol", "doc-durable"), new Y.Doc());
      await synced(c, 10_000);
      expect(text(c.doc)).toMatch(/^Alice wrote the abstract\. Bob wrote methods\.( Last moment\.)?$/);

      b.connect();
      await waitFor(() => b.synced && text(c!.doc) === text(b.doc), 10_000, "b to reconnect and everyone to converge");
      expect(text(c.doc)).toBe("Alice wrote the abstract. Bob wrote methods. Last moment. Edited while down.");
    } finally {
      a.destroy();
      b.destroy();
      c?.destroy();
      child?.kill("SIGKILL");
    }
  });
});

async function startStandalone(port: number, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "collab-server/src/main.ts"], {
    cwd: root,
    env: { ...process.env, ...env, COLLAB_PORT: String(port), COLLAB_HOST: "127.0.0.1", COLLAB_TOKEN_SECRET: SECRET, COLLAB_LOG_LEVEL: "warn", REDIS_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const started = Date.now();
  while (!(await isListening(port))) {
    if (child.exitCode !== null) throw new Error(`collab-server exited (${child.exitCode}):\n${output}`);
    if (Date.now() - started > 30_000) throw new Error(`collab-server did not listen within 30 s:\n${output}`);
    await sleep(100);
  }
  return child;
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
