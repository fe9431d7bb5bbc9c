// Memory of N loaded ~20 KB documents, for bench/collab.ts: `bare` Y.Docs vs `ours` (documents loaded in
// our hub through direct connections, persistence on). Prints the JS heap growth (after GC) over IPC.
import * as Y from "yjs";

const [mode, countArg] = process.argv.slice(2);
const count = Number(countArg ?? 1000);

function sampleState(): Uint8Array {
  const doc = new Y.Doc();
  const text = doc.getText("body");
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const chunk = "Patients with the variant showed a longer survival. ";
  while (text.length < 20_000) {
    text.insert(Math.floor(random() * text.length), chunk.slice(0, 20 + Math.floor(random() * 30)));
    if (random() < 0.1 && text.length > 100) text.delete(Math.floor(random() * (text.length - 10)), 5);
  }
  return Y.encodeStateAsUpdate(doc);
}

function heap(): number {
  global.gc!();
  global.gc!();
  return process.memoryUsage().heapUsed;
}

const state = sampleState();
const keep: unknown[] = [];

function loadBare(): void {
  for (let i = 0; i < count; i++) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    keep.push(doc);
  }
}

const { openDatabase, migrateDatabase } = await import("../../db/client");
const { CollabHub, persistence, silentLogger } = await import("../src/index");
const database = await openDatabase(process.env.BENCH_DATABASE_URL ? { url: process.env.BENCH_DATABASE_URL } : { dataDir: "memory://" });
await migrateDatabase(database);
const storage = persistence({ db: database.db });
const hub = new CollabHub({ extensions: [storage], logger: silentLogger });

async function loadOurs(): Promise<void> {
  for (let i = 0; i < count; i++) {
    const direct = await hub.openDirectConnection(`memory-bench-${process.pid}-${i}`, { userId: "bench" });
    direct.transact((doc) => Y.applyUpdate(doc, state));
    keep.push(direct);
  }
  await storage.flush();
}

// Both in one process, in the order given: V8's heap after GC differs between processes by up to ~10 %.
const grown: Record<string, number> = {};
let mark = heap();
for (const step of mode === "ours-first" ? ["ours", "bare"] : ["bare", "ours"]) {
  if (step === "ours") await loadOurs();
  else loadBare();
  const now = heap();
  grown[step] = now - mark;
  mark = now;
}
process.send!(grown);
// Exit without unloading: storing the documents on the way out is not what is measured.
process.exit(0);
