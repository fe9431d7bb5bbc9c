// Collab-server benchmark: `npm run bench -- collab [--quick]`.
// Same harness, same machine, each server in its own child process: our collab-server (auth on,
// persistence on pg or PGlite), Hocuspocus 3, @y/websocket-server 0.1.1 and a raw WebSocket relay (the floor).
// Measures fan-out latency (one client's edit → every other client), server CPU per outgoing message,
// the same over two instances sharing Redis, memory per loaded document, and a trace replay.
import { fork, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import * as encoding from "lib0/encoding";
import { WebSocket } from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { signCollabToken } from "../collab-server/src/token";
import { isPostgresAvailable, createTestDatabase, type TestDatabase } from "../tests/helpers/db";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const TOKEN_SECRET = "bench-secret-0123456789abcdef";
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const TRACE = path.resolve(root, "../shared/data/traces/automerge-paper.json.gz");

type Protocol = "yws" | "hocuspocus";
type Kind = "ours" | "hocuspocus" | "y-websocket-server" | "relay";
const PEERS: Kind[] = ["ours", "hocuspocus", "y-websocket-server", "relay"];

interface Peer {
  kind: Kind;
  label: string;
  protocol: Protocol;
  ports: number[];
  children: ChildProcess[];
  auth: boolean;
}

interface ScenarioResult {
  windowMs: number;
  p50: number;
  p99: number;
  samples: number;
  outgoing: number;
  cpuMicros: number;
  cpuPerMessage: number;
}

// ---- child processes --------------------------------------------------------------------------

async function spawnPeer(kind: Kind, env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(path.join(root, "collab-server/bench/peer.ts"), [kind], {
    cwd: root,
    // BENCH_CPU_PROFILE=<dir> writes a V8 CPU profile of each server process there.
    execArgv: ["--import", "tsx", "--expose-gc", ...(process.env.BENCH_CPU_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [])],
    env: { ...process.env, ...env, BENCH_TOKEN_SECRET: TOKEN_SECRET },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`${kind} server exited with ${code}`)));
    child.on("message", (message: { type: string; port?: number; message?: string }) => {
      if (message.type === "ready") resolve(message.port!);
      if (message.type === "error") reject(new Error(`${kind} server failed: ${message.message}`));
    });
  });
  return { child, port };
}

function usage(child: ChildProcess): Promise<{ cpu: NodeJS.CpuUsage; memory: NodeJS.MemoryUsage }> {
  return new Promise((resolve) => {
    const onMessage = (message: { type: string; cpu: NodeJS.CpuUsage; memory: NodeJS.MemoryUsage }) => {
      if (message.type !== "usage") return;
      child.off("message", onMessage);
      resolve(message);
    };
    child.on("message", onMessage);
    child.send({ type: "usage" });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.send({ type: "exit" });
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

// ---- protocol helpers -------------------------------------------------------------------------

function frame(protocol: Protocol, documentName: string, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  if (protocol === "hocuspocus") encoding.writeVarString(encoder, documentName);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

const syncStep1 = (protocol: Protocol, documentName: string, doc?: Y.Doc) =>
  frame(protocol, documentName, (e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint8Array(e, doc ? Y.encodeStateVector(doc) : new Uint8Array([0]));
  });

const syncUpdate = (protocol: Protocol, documentName: string, update: Uint8Array) =>
  frame(protocol, documentName, (e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint8Array(e, update);
  });

const awarenessMessage = (protocol: Protocol, documentName: string, update: Uint8Array) =>
  frame(protocol, documentName, (e) => {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, update);
  });

const hocuspocusAuth = (documentName: string) =>
  frame("hocuspocus", documentName, (e) => {
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint(e, 0);
    encoding.writeVarString(e, "bench");
  });

/** Opens a socket that joined the document (sent its handshake and heard back from the server). */
async function openClient(peer: Peer, port: number, documentName: string, userId: string, onMessage: (data: Buffer) => void, doc?: Y.Doc): Promise<WebSocket> {
  let url = `ws://127.0.0.1:${port}/${encodeURIComponent(documentName)}`;
  if (peer.auth) {
    const token = signCollabToken({ userId, userName: userId, documentName, access: "read-write", ttlSeconds: 3600 }, TOKEN_SECRET);
    url += `?token=${token}`;
  }
  const socket = new WebSocket(url, { perMessageDeflate: false });
  let joined: () => void = () => undefined;
  const joinedPromise = new Promise<void>((resolve) => (joined = resolve));
  socket.on("message", (data: Buffer) => {
    joined();
    onMessage(data);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  socket.on("error", () => undefined);
  if (peer.protocol === "hocuspocus") socket.send(hocuspocusAuth(documentName));
  socket.send(syncStep1(peer.protocol, documentName, doc));
  if (peer.kind === "relay") joined();
  await joinedPromise;
  return socket;
}

// ---- fan-out scenario -------------------------------------------------------------------------

const MARK = Buffer.from("~T");
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface ScenarioOptions {
  clients: number;
  busy: boolean;
  durationMs: number;
}

let documentCounter = 0;

async function runFanout(peer: Peer, options: ScenarioOptions): Promise<ScenarioResult> {
  const documentName = `bench-${peer.kind}-${options.clients}-${options.busy ? "busy" : "steady"}-${documentCounter++}`;
  const writerCount = options.busy ? Math.max(1, Math.round(options.clients / 10)) : 1;
  const editsPerSecond = options.busy ? 5 : 20;
  const sendTimes: number[] = [];
  const latencies: number[] = [];
  let measuring = false;
  let received = 0;
  const sockets: WebSocket[] = [];

  const countOnly = () => {
    if (measuring) received++;
  };
  const receive = (data: Buffer) => {
    if (!measuring) return;
    received++;
    const at = data.indexOf(MARK);
    if (at < 0) return;
    const seq = Number(data.toString("latin1", at + 2, at + 12));
    const sentAt = sendTimes[seq];
    if (sentAt !== undefined) latencies.push(performance.now() - sentAt);
  };

  // Receivers: light raw sockets, spread over the peer's instances (two with Redis).
  for (let i = 0; i < options.clients - writerCount; i++) {
    const port = peer.ports[i % peer.ports.length]!;
    sockets.push(await openClient(peer, port, documentName, `reader-${i}`, receive));
  }
  // Writers: real Y.Docs on the first instance; their updates go out as they are made.
  const writers: Array<{ doc: Y.Doc; awareness: awarenessProtocol.Awareness; socket: WebSocket; edits: number }> = [];
  for (let i = 0; i < writerCount; i++) {
    const doc = new Y.Doc();
    const socket = await openClient(peer, peer.ports[0]!, documentName, `writer-${i}`, countOnly, doc);
    const awareness = new awarenessProtocol.Awareness(doc);
    clearInterval((awareness as unknown as { _checkInterval: NodeJS.Timeout })._checkInterval);
    doc.on("update", (update: Uint8Array) => socket.send(syncUpdate(peer.protocol, documentName, update)));
    writers.push({ doc, awareness, socket, edits: 0 });
    sockets.push(socket);
  }
  const edit = (writer: (typeof writers)[number]) => {
    const seq = sendTimes.length;
    sendTimes.push(performance.now());
    const body = writer.doc.getText("body");
    body.insert(body.length, `~T${String(seq).padStart(10, "0")} `);
    writer.edits++;
    if (options.busy) {
      writer.awareness.setLocalState({ user: { name: `writer ${writers.indexOf(writer)}` }, cursor: { anchor: body.length, head: body.length } });
      const update = awarenessProtocol.encodeAwarenessUpdate(writer.awareness, [writer.doc.clientID]);
      writer.socket.send(awarenessMessage(peer.protocol, documentName, update));
    }
  };
  const timers = writers.map((writer, index) => {
    const period = 1000 / editsPerSecond;
    let timer: NodeJS.Timeout | undefined;
    const start = setTimeout(() => {
      edit(writer);
      timer = setInterval(() => edit(writer), period);
    }, (period * index) / writerCount);
    return () => {
      clearTimeout(start);
      clearInterval(timer);
    };
  });

  await sleep(500); // warm-up
  const before = await Promise.all(peer.children.map(usage));
  measuring = true;
  const windowStart = performance.now();
  await sleep(options.durationMs);
  const after = await Promise.all(peer.children.map(usage));
  const windowMs = performance.now() - windowStart;
  for (const stop of timers) stop();
  await sleep(200);
  measuring = false;
  for (const socket of sockets) socket.terminate();
  for (const writer of writers) {
    writer.awareness.destroy();
    writer.doc.destroy();
  }
  await sleep(200);

  const cpuMicros = after.reduce((sum, usage, i) => sum + usage.cpu.user + usage.cpu.system - before[i]!.cpu.user - before[i]!.cpu.system, 0);
  latencies.sort((a, b) => a - b);
  return {
    windowMs,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    samples: latencies.length,
    outgoing: received,
    cpuMicros,
    cpuPerMessage: received > 0 ? cpuMicros / received : NaN,
  };
}

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

// ---- memory -----------------------------------------------------------------------------------

async function measureMemory(documents: number, env: Record<string, string>): Promise<{ bare: number; ours: number }> {
  const run = (mode: string) =>
    new Promise<{ bare: number; ours: number }>((resolve, reject) => {
      const child = fork(path.join(root, "collab-server/bench/memory.ts"), [mode, String(documents)], {
        cwd: root,
        execArgv: ["--import", "tsx", "--expose-gc"],
        env: { ...process.env, ...env },
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      });
      child.on("message", (message: { bare: number; ours: number }) => resolve(message));
      child.once("exit", (code) => (code === 0 ? undefined : reject(new Error(`memory child ${mode} exited with ${code}`))));
    });
  // Both kinds in one process (heap sizes differ between processes), once in each order; averaged.
  const first = await run("bare-first");
  const second = await run("ours-first");
  return { bare: (first.bare + second.bare) / 2, ours: (first.ours + second.ours) / 2 };
}

// ---- trace replay -----------------------------------------------------------------------------

interface Trace {
  startContent: string;
  endContent: string;
  txns: Array<{ patches: Array<[number, number, string]> }>;
}

function replayLocally(trace: Trace, onUpdate?: (update: Uint8Array) => void): { doc: Y.Doc; ms: number } {
  const doc = new Y.Doc();
  if (onUpdate) doc.on("update", onUpdate);
  const text = doc.getText("body");
  const started = performance.now();
  for (const txn of trace.txns) {
    doc.transact(() => {
      for (const [position, deleted, inserted] of txn.patches) {
        if (deleted > 0) text.delete(position, deleted);
        if (inserted) text.insert(position, inserted);
      }
    });
  }
  return { doc, ms: performance.now() - started };
}

async function replayThroughServer(peer: Peer, trace: Trace): Promise<{ ms: number; ok: boolean; messages: number }> {
  const documentName = `bench-replay-${peer.kind}-${documentCounter++}`;
  // The observer is a full Yjs client: done when its text equals the trace's end content.
  const observer = new Y.Doc();
  const observerSocket = await openClient(peer, peer.ports[0]!, documentName, "observer", (data) => applyIncoming(peer.protocol, observer, data));
  const writerDoc = new Y.Doc();
  const writer = await openClient(peer, peer.ports[0]!, documentName, "replayer", () => undefined, writerDoc);
  let observerCloseCode = 0;
  let writerCloseCode = 0;
  observerSocket.on("close", (code) => (observerCloseCode = code));
  writer.on("close", (code) => (writerCloseCode = code));
  let messages = 0;
  const started = performance.now();
  const text = writerDoc.getText("body");
  writerDoc.on("update", (update: Uint8Array) => {
    messages++;
    writer.send(syncUpdate(peer.protocol, documentName, update));
  });
  for (const txn of trace.txns) {
    writerDoc.transact(() => {
      for (const [position, deleted, inserted] of txn.patches) {
        if (deleted > 0) text.delete(position, deleted);
        if (inserted) text.insert(position, inserted);
      }
    });
    // Let the socket drain now and then, like a user who types rather than a firehose.
    if (messages % 2000 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  const deadline = Date.now() + (Number(process.env.BENCH_REPLAY_TIMEOUT_S ?? 120) * 1000);
  while (observer.getText("body").toString() !== trace.endContent && Date.now() < deadline) await sleep(5);
  const ms = performance.now() - started;
  const ok = observer.getText("body").toString() === trace.endContent;
  if (!ok) {
    console.log(`  replay on ${peer.label} unfinished: observer has ${observer.getText("body").length}/${trace.endContent.length} characters, ` +
      `observer socket ${observerSocket.readyState === WebSocket.OPEN ? "open" : `closed (${observerCloseCode})`}, writer socket ${writer.readyState === WebSocket.OPEN ? "open" : `closed (${writerCloseCode})`}`);
  }
  observerSocket.terminate();
  writer.terminate();
  return { ms, ok, messages };
}

function applyIncoming(protocol: Protocol, doc: Y.Doc, data: Buffer): void {
  let offset = 0;
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  // y-websocket: [type][step][update]; Hocuspocus prefixes the document name.
  const readVarUint = () => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = bytes[offset++]!;
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if (byte < 0x80) return value;
    }
  };
  if (protocol === "hocuspocus") offset += readVarUint();
  if (readVarUint() !== 0) return;
  const step = readVarUint();
  if (step !== 1 && step !== 2) return;
  const length = readVarUint();
  Y.applyUpdate(doc, bytes.subarray(offset, offset + length));
}

// ---- main -------------------------------------------------------------------------------------

export default async function collabBenchmark(args: string[]): Promise<void> {
  const quick = args.includes("--quick");
  const option = (name: string) => args.find((arg) => arg.startsWith(`--${name}=`))?.split("=")[1];
  const durationMs = Number(option("seconds") ?? (quick ? 2 : 8)) * 1000;
  const sizes = (option("sizes") ?? "10,50,200").split(",").map(Number).filter((n) => n > 0);
  const patterns = (option("patterns") ?? "steady,busy").split(",").map((p) => p === "busy");
  const only = option("peers")?.split(",");
  const skipReplay = args.includes("--no-replay");
  const skipMemory = args.includes("--no-memory");
  const loads: number[][] = [];
  const loadTimer = setInterval(() => loads.push(os.loadavg()), 1000);
  const started = Date.now();

  let database: TestDatabase | undefined;
  const ourEnv: Record<string, string> = {};
  if (await isPostgresAvailable()) {
    database = await createTestDatabase("pg");
    ourEnv.BENCH_DATABASE_URL = database.url!;
  }
  const storageLabel = database ? "pg" : "PGlite (memory)";
  console.log(`collab benchmark${quick ? " (quick)" : ""}: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, node ${process.version}, our storage ${storageLabel}`);

  const fanout = new Map<string, ScenarioResult>();
  const peers: Peer[] = [];
  try {
    for (const kind of PEERS.filter((k) => !only || only.includes(k))) {
      const { child, port } = await spawnPeer(kind, kind === "ours" ? ourEnv : {});
      peers.push({ kind, label: kind, protocol: kind === "hocuspocus" ? "hocuspocus" : "yws", ports: [port], children: [child], auth: kind === "ours" });
    }
    if (!only || only.includes("redis")) {
      const a = await spawnPeer("ours", { ...ourEnv, BENCH_REDIS_URL: REDIS_URL });
      const b = await spawnPeer("ours", { ...ourEnv, BENCH_REDIS_URL: REDIS_URL });
      peers.push({ kind: "ours", label: "ours ×2 + Redis", protocol: "yws", ports: [a.port, b.port], children: [a.child, b.child], auth: true });
    }

    for (const busy of patterns) {
      for (const clients of sizes) {
        for (const peer of peers) {
          const result = await runFanout(peer, { clients, busy, durationMs });
          fanout.set(`${peer.label}|${clients}|${busy}`, result);
          process.stdout.write(
            `  ${peer.label.padEnd(20)} N=${String(clients).padEnd(4)} ${busy ? "busy  " : "steady"} p50 ${fmt(result.p50)} ms  p99 ${fmt(result.p99)} ms  ` +
              `${fmt(result.cpuPerMessage)} µs CPU/msg  (${result.outgoing} msgs in ${fmt(result.windowMs / 1000)} s, ${result.samples} samples)\n`,
          );
        }
      }
    }

    const trace = JSON.parse(gunzipSync(readFileSync(TRACE)).toString("utf8")) as Trace;
    const local = replayLocally(trace);
    const localOk = local.doc.getText("body").toString() === trace.endContent;
    local.doc.destroy();
    const replays = new Map<string, { ms: number; ok: boolean; messages: number }>();
    if (!skipReplay) {
      for (const peer of peers.filter((p) => p.ports.length === 1 && p.kind !== "relay")) {
        replays.set(peer.label, await replayThroughServer(peer, trace));
      }
    }

    const memoryDocs = quick ? 200 : 1000;
    const memory = skipMemory ? { bare: NaN, ours: NaN } : await measureMemory(memoryDocs, ourEnv);

    clearInterval(loadTimer);
    printTable(fanout, peers, sizes, patterns, { local: local.ms, localOk, replays, txns: trace.txns.length }, memory, memoryDocs, loads, Date.now() - started);
  } finally {
    clearInterval(loadTimer);
    await Promise.all(peers.flatMap((peer) => peer.children.map(stopChild)));
    await database?.close();
  }
}

function fmt(value: number, digits = 2): string {
  if (!Number.isFinite(value)) return "n/a";
  return value >= 100 ? value.toFixed(0) : value.toFixed(digits);
}

function printTable(
  fanout: Map<string, ScenarioResult>,
  peers: Peer[],
  sizes: number[],
  patterns: boolean[],
  replay: { local: number; localOk: boolean; replays: Map<string, { ms: number; ok: boolean; messages: number }>; txns: number },
  memory: { bare: number; ours: number },
  memoryDocs: number,
  loads: number[][],
  elapsedMs: number,
): void {
  const rows: string[][] = [["scenario", "metric", ...peers.map((p) => p.label), ...peers.slice(1).map((p) => `ours/${p.label}`)]];
  const ratio = (ours: number, other: number) => (Number.isFinite(ours) && Number.isFinite(other) && other > 0 ? `${(ours / other).toFixed(2)}×` : "n/a");
  for (const busy of patterns) {
    for (const clients of sizes) {
      const scenario = `N=${clients} ${busy ? "busy" : "20 edits/s"}`;
      for (const [metric, pick] of [
        ["p50 ms", (r: ScenarioResult) => r.p50],
        ["p99 ms", (r: ScenarioResult) => r.p99],
        ["CPU µs/msg", (r: ScenarioResult) => r.cpuPerMessage],
      ] as const) {
        const values = peers.map((peer) => pick(fanout.get(`${peer.label}|${clients}|${busy}`)!));
        rows.push([scenario, metric, ...values.map((v) => fmt(v)), ...values.slice(1).map((v) => ratio(values[0]!, v))]);
      }
    }
  }
  const oursReplay = replay.replays.get("ours");
  const replayRow = ["trace replay", "ms (ok?)", ...peers.map((peer) => {
    const r = replay.replays.get(peer.label);
    return r ? (r.ok ? fmt(r.ms) : `> ${fmt(r.ms)} (unfinished)`) : "-";
  })];
  replayRow.push(...peers.slice(1).map((peer) => {
    const r = replay.replays.get(peer.label);
    return oursReplay && r ? ratio(oursReplay.ms, r.ms) : "-";
  }));
  rows.push(replayRow);
  rows.push(["trace replay", "in-process Yjs ms", `${fmt(replay.local)} (${replay.localOk ? "ok" : "WRONG"})`, "", "", "", "", oursReplay ? `ours/in-process ${ratio(oursReplay.ms, replay.local)}` : "", "", "", ""]);
  rows.push([
    `memory, ${memoryDocs} docs of 20 KB`,
    "heap MB",
    (memory.ours / 1e6).toFixed(1),
    "",
    "",
    "",
    "",
    `ours/bare Y.Docs ${(memory.ours / memory.bare).toFixed(3)}× (bare ${(memory.bare / 1e6).toFixed(1)} MB)`,
    "",
    "",
    "",
  ]);
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length)));
  console.log("");
  for (const [index, row] of rows.entries()) {
    console.log(row.map((cell, column) => (cell ?? "").padEnd(widths[column]!)).join(" | "));
    if (index === 0) console.log(widths.map((w) => "-".repeat(w)).join("-|-"));
  }
  const avg = (i: number) => (loads.reduce((sum, l) => sum + l[i]!, 0) / Math.max(1, loads.length)).toFixed(2);
  const max = Math.max(...loads.map((l) => l[0]!));
  console.log(`\nmachine load (os.loadavg 1 min) during the run: mean ${avg(0)}, max ${max.toFixed(2)} on ${os.cpus().length} cores; run took ${(elapsedMs / 1000).toFixed(0)} s`);
  console.log(`replay: ${replay.txns} trace transactions sent as one update each; our server's rate limit raised for the bench`);
}
