import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { CloseCode, CollabError } from "./errors";
import { silentLogger, type Logger } from "./logger";
import { isRemoteOrigin, type ConnectionContext, type ConnectionRequest, type Extension } from "./types";

// The core: rooms, documents, connections, awareness and the hook runner. It knows nothing of HTTP;
// a transport hands it a `ConnectionTransport` per socket, and jobs or tests use direct connections.

/** y-websocket message types. */
export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;
const SyncStep1 = 0;
const SyncStep2 = 1;
const SyncUpdate = 2;

/** How a transport delivers to one peer. */
export interface ConnectionTransport {
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

export interface HubOptions {
  extensions?: Extension[];
  logger?: Logger;
  /** A document without connections is unloaded after this long (after its hooks stored it). Default 30 s. */
  idleUnloadMs?: number;
  /** Messages a connection may send while it is still being authenticated and its document loaded. */
  maxQueuedMessages?: number;
}

/** A socket as the transport sees it: feed it messages and tell it when the peer went away. */
export interface SocketSession {
  receive(message: Uint8Array): void;
  /** Close this connection from the transport side (e.g. a text frame arrived). */
  reject(code: number, reason: string): void;
  transportClosed(): void;
}

interface Room {
  name: string;
  doc: Y.Doc;
  awareness: awarenessProtocol.Awareness | undefined;
  connections: Set<Connection>;
  directConnections: Set<DirectConnection>;
  unloadTimer: NodeJS.Timeout | undefined;
  unloading: Promise<void> | undefined;
}

let nextConnectionId = 1;

/** One authenticated socket in one document. */
export class Connection {
  readonly id = nextConnectionId++;
  /** Awareness client ids this connection controls; removed when it leaves. */
  readonly awarenessClients = new Set<number>();
  closed = false;
  refusedUpdates = 0;

  constructor(
    readonly hub: CollabHub,
    readonly documentName: string,
    private readonly transport: ConnectionTransport,
    readonly context: ConnectionContext,
    readonly readOnly: boolean,
  ) {}

  get userId(): string | undefined {
    return this.context.userId;
  }

  send(message: Uint8Array): void {
    if (!this.closed) this.transport.send(message);
  }

  close(code: number = CloseCode.normal, reason = ""): void {
    if (this.closed) return;
    this.transport.close(code, reason);
    this.hub.removeConnection(this);
  }
}

/** An in-process connection: edit a document without a socket (jobs, tests, imports). */
export class DirectConnection {
  private open = true;

  constructor(
    private readonly hub: CollabHub,
    readonly documentName: string,
    readonly document: Y.Doc,
    readonly context: ConnectionContext,
  ) {}

  /** Runs `change` in one Yjs transaction; the result is broadcast, stored and attributed like any edit. */
  transact(change: (document: Y.Doc) => void): void {
    if (!this.open) throw new Error(`direct connection to ${this.documentName} is closed`);
    this.document.transact(() => change(this.document), this);
  }

  async disconnect(): Promise<void> {
    if (!this.open) return;
    this.open = false;
    this.hub.removeDirectConnection(this);
  }
}

export class CollabHub {
  readonly logger: Logger;
  private readonly extensions: Extension[];
  private readonly idleUnloadMs: number;
  private readonly maxQueuedMessages: number;
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly pendingSessions = new Set<() => void>();
  private destroyed = false;

  constructor(options: HubOptions = {}) {
    this.logger = options.logger ?? silentLogger;
    this.idleUnloadMs = options.idleUnloadMs ?? 30_000;
    this.maxQueuedMessages = options.maxQueuedMessages ?? 256;
    // Stable sort: equal priorities keep their given order.
    this.extensions = [...(options.extensions ?? [])].sort((a, b) => (b.priority ?? 100) - (a.priority ?? 100));
    for (const extension of this.extensions) extension.onConfigure?.(this);
  }

  // ---- queries -------------------------------------------------------------------------------

  /** The loaded document, or undefined when it is not in memory. */
  getDocument(documentName: string): Y.Doc | undefined {
    const room = this.rooms.get(documentName);
    return room && !room.unloading ? room.doc : undefined;
  }

  getAwareness(documentName: string): awarenessProtocol.Awareness | undefined {
    const room = this.rooms.get(documentName);
    return room ? this.awarenessOf(room) : undefined;
  }

  loadedDocumentNames(): string[] {
    return [...this.rooms.keys()];
  }

  connections(filter: { documentName?: string; userId?: string } = {}): Connection[] {
    const found: Connection[] = [];
    for (const room of this.rooms.values()) {
      if (filter.documentName !== undefined && room.name !== filter.documentName) continue;
      for (const connection of room.connections) {
        if (filter.userId !== undefined && connection.userId !== filter.userId) continue;
        found.push(connection);
      }
    }
    return found;
  }

  /** Closes matching connections, e.g. when a co-author is removed (4403) or signs out (4401). */
  closeConnections(filter: { documentName?: string; userId?: string }, code: number, reason: string): number {
    const matching = this.connections(filter);
    for (const connection of matching) connection.close(code, reason);
    return matching.length;
  }

  // ---- socket connections --------------------------------------------------------------------

  /**
   * Starts a connection for a transport: authenticates (before anything is loaded), loads the
   * document, then handles the messages that arrived meanwhile, in order.
   */
  handleConnection(transport: ConnectionTransport, request: ConnectionRequest): SocketSession {
    let connection: Connection | undefined;
    let queue: Uint8Array[] | undefined = [];
    let ended = false;
    const end = (code: number, reason: string) => {
      if (ended) return;
      ended = true;
      queue = undefined;
      this.pendingSessions.delete(abort);
      if (connection) connection.close(code, reason);
      else transport.close(code, reason);
    };
    const abort = () => end(CloseCode.goingAway, "server shutting down");
    this.pendingSessions.add(abort);

    const start = async () => {
      const connectionConfig = { readOnly: false };
      const context: ConnectionContext = {};
      for (const extension of this.extensions) {
        if (!extension.onAuthenticate) continue;
        const result = await extension.onAuthenticate({
          ...request,
          hub: this,
          token: request.params.token,
          connectionConfig,
        });
        if (ended) return;
        if (result) Object.assign(context, result);
      }
      if (ended) return;
      const room = await this.acquireRoom(request.documentName);
      if (ended) {
        this.scheduleUnloadIfIdle(room);
        return;
      }
      this.pendingSessions.delete(abort);
      connection = new Connection(this, request.documentName, transport, context, connectionConfig.readOnly);
      room.connections.add(connection);
      this.greet(room, connection);
      for (const extension of this.extensions) {
        this.runSync("onConnect", () => extension.onConnect?.({ hub: this, documentName: room.name, connection: connection!, context }));
      }
      const queued = queue ?? [];
      queue = undefined;
      for (const message of queued) {
        if (connection.closed) break;
        this.handleMessage(room, connection, message);
      }
    };
    start().catch((error: unknown) => {
      if (error instanceof CollabError) {
        this.logger.info("connection rejected", { documentName: request.documentName, code: error.code, reason: error.reason });
        end(error.code, error.reason);
      } else {
        this.logger.error("connection failed", { documentName: request.documentName, error: describe(error) });
        end(CloseCode.internalError, "server error, try again");
      }
    });

    return {
      receive: (message) => {
        if (ended) return;
        if (connection) {
          const room = this.rooms.get(connection.documentName);
          if (room && !connection.closed) this.handleMessage(room, connection, message);
          return;
        }
        if (!queue) return;
        if (queue.length >= this.maxQueuedMessages) {
          end(CloseCode.rateLimited, "too many messages before the connection was ready");
          return;
        }
        queue.push(message);
      },
      reject: (code, reason) => end(code, reason),
      transportClosed: () => {
        if (connection) {
          connection.closed = true;
          this.removeConnection(connection);
        }
        ended = true;
        queue = undefined;
        this.pendingSessions.delete(abort);
      },
    };
  }

  /** Sends the server's sync step 1 and the current awareness states to a new connection. */
  private greet(room: Room, connection: Connection): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.sync);
    encoding.writeVarUint(encoder, SyncStep1);
    encoding.writeVarUint8Array(encoder, Y.encodeStateVector(room.doc));
    connection.send(encoding.toUint8Array(encoder));
    const awareness = room.awareness;
    if (awareness && awareness.getStates().size > 0) {
      connection.send(encodeAwarenessMessage(awareness, [...awareness.getStates().keys()]));
    }
  }

  private handleMessage(room: Room, connection: Connection, message: Uint8Array): void {
    try {
      for (const extension of this.extensions) {
        extension.beforeHandleMessage?.({ hub: this, documentName: room.name, connection, context: connection.context, message });
      }
      const decoder = decoding.createDecoder(message);
      const type = decoding.readVarUint(decoder);
      switch (type) {
        case MessageType.sync: {
          const step = decoding.readVarUint(decoder);
          const payload = decoding.readVarUint8Array(decoder);
          if (step === SyncStep1) {
            const encoder = encoding.createEncoder();
            encoding.writeVarUint(encoder, MessageType.sync);
            encoding.writeVarUint(encoder, SyncStep2);
            encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(room.doc, payload));
            connection.send(encoding.toUint8Array(encoder));
          } else if (step === SyncStep2 || step === SyncUpdate) {
            if (connection.readOnly) {
              connection.refusedUpdates++;
              break;
            }
            Y.applyUpdate(room.doc, payload, connection);
          } else {
            throw new CollabError(CloseCode.malformedMessage, `unknown sync step ${step}`);
          }
          break;
        }
        case MessageType.awareness:
          awarenessProtocol.applyAwarenessUpdate(this.awarenessOf(room), decoding.readVarUint8Array(decoder), connection);
          break;
        case MessageType.queryAwareness: {
          const awareness = this.awarenessOf(room);
          connection.send(encodeAwarenessMessage(awareness, [...awareness.getStates().keys()]));
          break;
        }
        case MessageType.auth:
          // Clients do not authenticate in-band: the token came with the upgrade request.
          break;
        default:
          throw new CollabError(CloseCode.malformedMessage, `unknown message type ${type}`);
      }
    } catch (error) {
      if (error instanceof CollabError) {
        this.logger.info("connection closed by policy", { documentName: room.name, code: error.code, reason: error.reason, userId: connection.userId });
        connection.close(error.code, error.reason);
      } else {
        this.logger.warn("malformed message", { documentName: room.name, userId: connection.userId, error: describe(error) });
        connection.close(CloseCode.malformedMessage, "malformed message");
      }
    }
  }

  /** Called by a connection when it closes. */
  removeConnection(connection: Connection): void {
    const room = this.rooms.get(connection.documentName);
    const wasOpen = !connection.closed;
    connection.closed = true;
    if (!room || !room.connections.delete(connection)) {
      if (wasOpen) this.logger.debug("connection closed outside its room", { documentName: connection.documentName });
      return;
    }
    if (connection.awarenessClients.size > 0 && room.awareness) {
      awarenessProtocol.removeAwarenessStates(room.awareness, [...connection.awarenessClients], "disconnect");
    }
    for (const extension of this.extensions) {
      if (!extension.onDisconnect) continue;
      Promise.resolve()
        .then(() => extension.onDisconnect!({ hub: this, documentName: room.name, connection, context: connection.context }))
        .catch((error: unknown) => this.logger.error("onDisconnect hook failed", { extension: extension.name, error: describe(error) }));
    }
    this.scheduleUnloadIfIdle(room);
  }

  // ---- direct connections --------------------------------------------------------------------

  /** Loads the document (if needed) and keeps it loaded until `disconnect()`. */
  async openDirectConnection(documentName: string, context: ConnectionContext = {}): Promise<DirectConnection> {
    const room = await this.acquireRoom(documentName);
    const direct = new DirectConnection(this, documentName, room.doc, context);
    room.directConnections.add(direct);
    return direct;
  }

  removeDirectConnection(direct: DirectConnection): void {
    const room = this.rooms.get(direct.documentName);
    if (room && room.directConnections.delete(direct)) this.scheduleUnloadIfIdle(room);
  }

  // ---- documents -----------------------------------------------------------------------------

  private async acquireRoom(name: string): Promise<Room> {
    for (;;) {
      if (this.destroyed) throw new CollabError(CloseCode.goingAway, "server shutting down");
      const room = this.rooms.get(name);
      if (room?.unloading) {
        await room.unloading.catch(() => undefined);
        continue;
      }
      if (room) {
        clearTimeout(room.unloadTimer);
        room.unloadTimer = undefined;
        return room;
      }
      let loading = this.loading.get(name);
      if (!loading) {
        loading = this.loadRoom(name).finally(() => this.loading.delete(name));
        this.loading.set(name, loading);
      }
      return await loading;
    }
  }

  private async loadRoom(name: string): Promise<Room> {
    const doc = new Y.Doc({ gc: true });
    for (const extension of this.extensions) {
      await extension.onLoadDocument?.({ hub: this, documentName: name, document: doc });
    }
    const room: Room = {
      name,
      doc,
      awareness: undefined,
      connections: new Set(),
      directConnections: new Set(),
      unloadTimer: undefined,
      unloading: undefined,
    };
    doc.on("update", (update: Uint8Array, origin: unknown) => this.onDocumentUpdate(room, update, origin));
    this.rooms.set(name, room);
    for (const extension of this.extensions) {
      await extension.afterLoadDocument?.({ hub: this, documentName: name, document: doc });
    }
    this.logger.debug("document loaded", { documentName: name });
    return room;
  }

  private onDocumentUpdate(room: Room, update: Uint8Array, origin: unknown): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.sync);
    encoding.writeVarUint(encoder, SyncUpdate);
    encoding.writeVarUint8Array(encoder, update);
    const message = encoding.toUint8Array(encoder);
    for (const connection of room.connections) {
      if (connection !== origin) connection.send(message);
    }
    const connection = origin instanceof Connection || origin instanceof DirectConnection ? origin : undefined;
    const remote = isRemoteOrigin(origin);
    for (const extension of this.extensions) {
      if (!extension.onChange) continue;
      this.runSync("onChange", () =>
        extension.onChange!({
          hub: this,
          documentName: room.name,
          document: room.doc,
          update,
          origin,
          connection,
          context: connection?.context ?? {},
          remote,
        }),
      );
    }
  }

  /** Awareness is created on first use: a document edited only by jobs does not need one. */
  private awarenessOf(room: Room): awarenessProtocol.Awareness {
    if (room.awareness) return room.awareness;
    const awareness = new awarenessProtocol.Awareness(room.doc);
    awareness.setLocalState(null);
    awareness.on("update", ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (origin instanceof Connection) {
        for (const client of added) origin.awarenessClients.add(client);
        for (const client of updated) origin.awarenessClients.add(client);
        for (const client of removed) origin.awarenessClients.delete(client);
      }
      const changed = added.concat(updated, removed);
      if (changed.length === 0) return;
      // To every connection, the sender included: a y-websocket client that hears nothing for 30 s reconnects.
      if (room.connections.size > 0) {
        const message = encodeAwarenessMessage(awareness, changed);
        for (const connection of room.connections) connection.send(message);
      }
      const remote = isRemoteOrigin(origin);
      for (const extension of this.extensions) {
        if (!extension.onAwarenessUpdate) continue;
        this.runSync("onAwarenessUpdate", () =>
          extension.onAwarenessUpdate!({ hub: this, documentName: room.name, awareness, changedClients: changed, origin, remote }),
        );
      }
    });
    room.awareness = awareness;
    return awareness;
  }

  private scheduleUnloadIfIdle(room: Room): void {
    if (this.destroyed || room.unloading || room.connections.size > 0 || room.directConnections.size > 0) return;
    clearTimeout(room.unloadTimer);
    room.unloadTimer = setTimeout(() => {
      room.unloadTimer = undefined;
      if (room.connections.size > 0 || room.directConnections.size > 0 || room.unloading) return;
      void this.unloadRoom(room);
    }, this.idleUnloadMs);
    room.unloadTimer.unref?.();
  }

  /** Stores then unloads a document. When storing fails the document stays loaded and is retried later. */
  private unloadRoom(room: Room): Promise<void> {
    const unloading = (async () => {
      try {
        for (const extension of this.extensions) {
          await extension.onStoreDocument?.({ hub: this, documentName: room.name, document: room.doc });
        }
      } catch (error) {
        this.logger.error("storing the document failed; it stays loaded", { documentName: room.name, error: describe(error) });
        room.unloading = undefined;
        this.scheduleUnloadIfIdle(room);
        return;
      }
      if (room.connections.size > 0 || room.directConnections.size > 0) {
        // Someone came back while we stored: keep serving.
        room.unloading = undefined;
        return;
      }
      for (const extension of this.extensions) {
        try {
          await extension.onUnloadDocument?.({ hub: this, documentName: room.name, document: room.doc });
        } catch (error) {
          this.logger.error("onUnloadDocument hook failed", { extension: extension.name, documentName: room.name, error: describe(error) });
        }
      }
      this.rooms.delete(room.name);
      room.awareness?.destroy();
      room.doc.destroy();
      this.logger.debug("document unloaded", { documentName: room.name });
    })();
    room.unloading = unloading;
    return unloading;
  }

  /** Closes every connection, stores and unloads every document, then destroys the extensions. */
  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const abort of [...this.pendingSessions]) abort();
    for (const room of this.rooms.values()) {
      clearTimeout(room.unloadTimer);
      for (const connection of [...room.connections]) connection.close(CloseCode.goingAway, "server shutting down");
      room.directConnections.clear();
    }
    await Promise.allSettled([...this.loading.values()]);
    await Promise.all([...this.rooms.values()].map((room) => room.unloading ?? this.unloadRoom(room)));
    for (const extension of this.extensions) {
      try {
        await extension.onDestroy?.();
      } catch (error) {
        this.logger.error("onDestroy hook failed", { extension: extension.name, error: describe(error) });
      }
    }
  }

  private runSync(hook: string, call: () => unknown): void {
    try {
      call();
    } catch (error) {
      this.logger.error(`${hook} hook failed`, { error: describe(error) });
    }
  }
}

export function encodeAwarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
