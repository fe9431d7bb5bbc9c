import { WebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { authenticate, createCollabServer, createMedNexusCollab, throttle, type CollabServer, type MedNexusCollabOptions } from "../src/index";
import type { AuthenticateExtension } from "../src/extensions/authenticate";
import { createMemoryLogger } from "../src/logger";
import { signCollabToken, type CollabAccess } from "../src/token";

export const SECRET = "test-secret-0123456789abcdef";

export function tokenFor(userId: string, documentName: string, access: CollabAccess = "read-write", ttlSeconds = 600): string {
  return signCollabToken({ userId, userName: `User ${userId}`, documentName, access, ttlSeconds }, SECRET);
}

export interface RunningServer {
  collab: CollabServer;
  auth: AuthenticateExtension;
  url: string;
  port: number;
  logger: ReturnType<typeof createMemoryLogger>;
  close(): Promise<void>;
}

/**
 * A real server on a random loopback port. With `db`: the full MedNexus stack (auth, limits, persistence,
 * Redis when `redisUrl` is given); without: auth and limits only.
 */
export async function startServer(
  options: Partial<MedNexusCollabOptions> & { port?: number; messagesPerSecond?: number; heartbeatMs?: number } = {},
): Promise<RunningServer> {
  const logger = createMemoryLogger();
  const { db } = options;
  const auth = authenticate({ tokenSecret: SECRET, checkAccess: options.checkAccess, recheckIntervalMs: options.recheckIntervalMs });
  const full = db ? createMedNexusCollab({ tokenSecret: SECRET, logger, ...options, db }) : undefined;
  const collab = full
    ? full
    : createCollabServer({
        logger,
        maxMessageBytes: options.maxMessageBytes,
        idleUnloadMs: options.idleUnloadMs,
        heartbeatMs: options.heartbeatMs,
        extensions: [
          auth,
          throttle({ maxMessageBytes: options.maxMessageBytes, messagesPerSecond: options.messagesPerSecond }),
          ...(options.extensions ?? []),
        ],
      });
  const { port } = await collab.listen({ port: options.port ?? 0, host: "127.0.0.1", path: "/collab" });
  return { collab, auth: full ? full.auth : auth, port, url: `ws://127.0.0.1:${port}/collab`, logger, close: () => collab.close() };
}

export function connect(url: string, documentName: string, token: string, doc = new Y.Doc()): WebsocketProvider {
  return new WebsocketProvider(url, documentName, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 300,
  });
}

export async function waitFor(condition: () => boolean, timeoutMs = 5000, what = "condition"): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function synced(provider: WebsocketProvider, timeoutMs = 5000): Promise<void> {
  return waitFor(() => provider.synced, timeoutMs, `${provider.roomname} to sync`);
}

/** The close code the server sent to a provider's socket. */
export function nextCloseCode(provider: WebsocketProvider, timeoutMs = 5000): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no close within timeout")), timeoutMs);
    const onClose = (event: CloseEvent | null) => {
      if (!event) return;
      clearTimeout(timer);
      provider.off("connection-close", onClose);
      resolve(event.code);
    };
    provider.on("connection-close", onClose);
  });
}

/** A raw socket, to send frames the stock client never would. */
export async function rawSocket(url: string): Promise<{ socket: WebSocket; messages: Uint8Array[]; closed: Promise<number> }> {
  const socket = new WebSocket(url);
  const messages: Uint8Array[] = [];
  socket.on("message", (data: Buffer) => messages.push(new Uint8Array(data)));
  const closed = new Promise<number>((resolve) => socket.on("close", (code) => resolve(code)));
  socket.on("error", () => undefined);
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  return { socket, messages, closed };
}

export function text(doc: Y.Doc, name = "body"): string {
  return doc.getText(name).toString();
}
