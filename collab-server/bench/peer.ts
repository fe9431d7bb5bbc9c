// A collab server for bench/collab.ts (collab-server/bench/peer.ts), in its own process so its CPU can be measured alone.
// argv[2]: ours | hocuspocus | y-websocket-server | relay. Talks to the harness over IPC.
import http from "node:http";
import { WebSocketServer, type WebSocket } from "ws";

const kind = process.argv[2];
const send = (message: unknown) => process.send!(message);
let close: () => Promise<void> = async () => undefined;

async function start(): Promise<number> {
  if (kind === "ours") {
    const { openDatabase, migrateDatabase } = await import("../../db/client");
    const { createMedNexusCollab, silentLogger } = await import("../src/index");
    const database = await openDatabase(process.env.BENCH_DATABASE_URL ? { url: process.env.BENCH_DATABASE_URL } : { dataDir: "memory://" });
    await migrateDatabase(database);
    const collab = createMedNexusCollab({
      db: database.db,
      tokenSecret: process.env.BENCH_TOKEN_SECRET!,
      redisUrl: process.env.BENCH_REDIS_URL || undefined,
      logger: silentLogger,
      // The replay sends one message per trace transaction as fast as it can.
      messagesPerSecond: 1_000_000,
      maxMessageBytes: 16 * 1024 * 1024,
    });
    const { port } = await collab.listen({ port: 0, host: "127.0.0.1", path: "/" });
    close = async () => {
      await collab.close();
      await database.close();
    };
    return port;
  }
  if (kind === "hocuspocus") {
    const { Server } = await import("@hocuspocus/server");
    const server = new Server({ port: 0, address: "127.0.0.1", quiet: true, stopOnSignals: false }, { maxPayload: 16 * 1024 * 1024 });
    await server.listen();
    close = () => server.destroy();
    return (server.httpServer.address() as { port: number }).port;
  }
  if (kind === "y-websocket-server") {
    const { setupWSConnection } = (await import("@y/websocket-server/utils")) as {
      setupWSConnection: (socket: WebSocket, request: http.IncomingMessage) => void;
    };
    return listenWith((wss) => wss.on("connection", setupWSConnection));
  }
  if (kind === "relay") {
    // The floor: forwards every message to the other sockets of the same path, nothing else.
    const rooms = new Map<string, Set<WebSocket>>();
    return listenWith((wss) =>
      wss.on("connection", (socket: WebSocket, request: http.IncomingMessage) => {
        const room = (request.url ?? "/").split("?")[0]!;
        let peers = rooms.get(room);
        if (!peers) rooms.set(room, (peers = new Set()));
        peers.add(socket);
        socket.on("message", (data: Buffer) => {
          for (const peer of peers!) if (peer !== socket) peer.send(data);
        });
        socket.on("close", () => peers!.delete(socket));
      }),
    );
  }
  throw new Error(`unknown server kind ${kind}`);
}

async function listenWith(setup: (wss: WebSocketServer) => void): Promise<number> {
  const server = http.createServer((_request, response) => response.end("ok"));
  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024, perMessageDeflate: false });
  setup(wss);
  server.on("upgrade", (request, socket, head) => wss.handleUpgrade(request, socket, head, (ws) => wss.emit("connection", ws, request)));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  close = async () => {
    for (const client of wss.clients) client.terminate();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return (server.address() as { port: number }).port;
}

process.on("message", (message: { type: string }) => {
  if (message.type === "usage") {
    global.gc?.();
    send({ type: "usage", cpu: process.cpuUsage(), memory: process.memoryUsage() });
  } else if (message.type === "exit") {
    void close().finally(() => process.exit(0));
  }
});

start().then(
  (port) => send({ type: "ready", port }),
  (error: unknown) => {
    send({ type: "error", message: error instanceof Error ? error.stack : String(error) });
    process.exit(1);
  },
);
