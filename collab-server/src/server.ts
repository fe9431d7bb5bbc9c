import http from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import { CloseCode } from "./errors";
import { CollabHub, describe, type HubOptions } from "./hub";

// The transport: HTTP upgrade + `ws`, speaking the y-websocket framing so the stock client works.
// URL shape: ws://host<path>/<documentName>?token=… (the y-websocket client appends the room name).

export interface CollabServerOptions extends HubOptions {
  /** Largest accepted WebSocket message; bigger ones close the connection with 1009. Default 1 MiB. */
  maxMessageBytes?: number;
  /** Ping interval to drop dead peers. Default 30 s. */
  heartbeatMs?: number;
}

export interface AttachOptions {
  /** URL prefix handled by the collab-server, e.g. `/collab`. Other upgrades are left to other listeners. */
  path?: string;
}

export interface ListenOptions extends AttachOptions {
  port?: number;
  host?: string;
}

export interface CollabServer {
  readonly hub: CollabHub;
  /** Embedded mode: handle WebSocket upgrades under `path` on an existing HTTP server. */
  attach(server: http.Server, options?: AttachOptions): void;
  /** Standalone mode: an own HTTP server (GET /health answers 200). Resolves with the bound port. */
  listen(options?: ListenOptions): Promise<{ port: number; server: http.Server }>;
  /** Closes every connection, stores and unloads every document, and stops listening. */
  close(): Promise<void>;
}

export function createCollabServer(options: CollabServerOptions = {}): CollabServer {
  const hub = new CollabHub(options);
  const logger = hub.logger;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxMessageBytes ?? 1024 * 1024,
    perMessageDeflate: false,
    clientTracking: true,
  });
  const attached: Array<{ server: http.Server; listener: (...args: any[]) => void }> = [];
  let ownServer: http.Server | undefined;
  const alive = new WeakSet<WebSocket>();
  // Bytes handed to each socket, and how many of them the peer had consumed at the last heartbeat.
  const output = new WeakMap<WebSocket, { queued: number; drainedAtCheck: number }>();

  const heartbeat = setInterval(() => {
    for (const socket of wss.clients) {
      const stats = output.get(socket);
      const drained = stats ? stats.queued - socket.bufferedAmount : 0;
      // A ping waits behind the frames queued before it: a peer still reading a long backlog is alive.
      const progressed = stats !== undefined && drained > stats.drainedAtCheck;
      if (stats) stats.drainedAtCheck = drained;
      if (!alive.has(socket) && !progressed) {
        socket.terminate();
        continue;
      }
      alive.delete(socket);
      socket.ping();
    }
  }, options.heartbeatMs ?? 30_000);
  heartbeat.unref();

  function accept(socket: WebSocket, request: http.IncomingMessage, documentName: string, params: Record<string, string>): void {
    alive.add(socket);
    const stats = { queued: 0, drainedAtCheck: 0 };
    output.set(socket, stats);
    socket.on("pong", () => alive.add(socket));
    const session = hub.handleConnection(
      {
        send: (message) => {
          if (socket.readyState !== socket.OPEN) return;
          stats.queued += message.byteLength + (message.byteLength < 126 ? 2 : 10);
          sendFramed(socket, message);
        },
        close: (code, reason) => {
          if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) socket.close(code, reason);
        },
      },
      { documentName, params, headers: request.headers, remoteAddress: request.socket.remoteAddress },
    );
    socket.on("message", (data: RawData, isBinary: boolean) => {
      // Any message proves the peer alive: a pong can sit behind a long backlog of its messages.
      alive.add(socket);
      if (!isBinary) {
        session.reject(CloseCode.malformedMessage, "binary messages only");
        return;
      }
      session.receive(toUint8Array(data));
    });
    socket.on("close", () => session.transportClosed());
    socket.on("error", (error) => {
      // ws closes the socket itself (1009 for an oversize message, 1002 for a protocol error).
      logger.info("websocket error", { documentName, error: describe(error) });
    });
  }

  function upgradeHandler(basePath: string) {
    const prefix = basePath.replace(/\/+$/, "") + "/";
    return (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(request.url ?? "/", "http://localhost");
      if (!url.pathname.startsWith(prefix)) return;
      let documentName: string;
      try {
        documentName = decodeURIComponent(url.pathname.slice(prefix.length));
      } catch {
        documentName = "";
      }
      if (!documentName) {
        socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
        return;
      }
      const params = Object.fromEntries(url.searchParams);
      socket.on("error", (error) => logger.info("upgrade socket error", { error: describe(error) }));
      wss.handleUpgrade(request, socket, head, (ws) => accept(ws, request, documentName, params));
    };
  }

  return {
    hub,
    attach(server, attachOptions = {}) {
      const listener = upgradeHandler(attachOptions.path ?? "/collab");
      server.on("upgrade", listener);
      attached.push({ server, listener });
    },
    async listen(listenOptions = {}) {
      const server = http.createServer((request, response) => {
        if (request.url === "/health") {
          response.writeHead(200, { "content-type": "application/json" });
          response.end(JSON.stringify({ ok: true, documents: hub.loadedDocumentNames().length }));
          return;
        }
        response.writeHead(426, { "content-type": "text/plain" });
        response.end("collab-server: connect with a WebSocket (y-websocket protocol)\n");
      });
      ownServer = server;
      this.attach(server, { path: listenOptions.path ?? "/" });
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(listenOptions.port ?? 0, listenOptions.host, () => {
          server.off("error", reject);
          resolve();
        });
      });
      const address = server.address();
      return { port: typeof address === "object" && address ? address.port : 0, server };
    },
    async close() {
      clearInterval(heartbeat);
      for (const { server, listener } of attached) server.off("upgrade", listener);
      await hub.destroy();
      for (const socket of wss.clients) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      if (ownServer) {
        const server = ownServer;
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}

/**
 * A broadcast hands the same message object to every connection of a room. Server frames are not
 * masked, so the frame is identical for every recipient: build it once and write it whole to each
 * socket (one write, no per-recipient allocation). Falls back to `ws.send` whenever ws's sender
 * is not idle (it never queues here: compression is off), so frame order is kept.
 */
const frames = new WeakMap<Uint8Array, Buffer>();

interface WsInternals {
  _socket?: { write(chunk: Buffer): boolean } | null;
  _sender?: { _state: number; _queue: unknown[] };
}

function sendFramed(socket: WebSocket, message: Uint8Array): void {
  const internals = socket as unknown as WsInternals;
  const raw = internals._socket;
  const sender = internals._sender;
  if (!raw || !sender || sender._state !== 0 || sender._queue.length !== 0) {
    socket.send(message);
    return;
  }
  let frame = frames.get(message);
  if (!frame) {
    frame = frameBinary(message);
    frames.set(message, frame);
  }
  raw.write(frame);
}

function frameBinary(payload: Uint8Array): Buffer {
  const length = payload.byteLength;
  const headerLength = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = 0x82; // FIN + binary
  if (length < 126) {
    frame[1] = length;
  } else if (length < 65_536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  frame.set(payload, headerLength);
  return frame;
}

function toUint8Array(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}
