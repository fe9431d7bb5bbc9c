import type * as Y from "yjs";
import type { Awareness } from "y-protocols/awareness";
import type { CollabHub, Connection, DirectConnection } from "./hub";

/** What an authenticated connection carries: whatever `onAuthenticate` hooks returned, merged. */
export type ConnectionContext = Record<string, unknown> & { userId?: string; userName?: string };

/** An origin for changes that came from another instance (e.g. via Redis): not stored again, not re-published. */
export interface RemoteOrigin {
  readonly remote: true;
  readonly source: string;
}

export function isRemoteOrigin(origin: unknown): origin is RemoteOrigin {
  return typeof origin === "object" && origin !== null && (origin as { remote?: unknown }).remote === true;
}

export interface ConnectionRequest {
  documentName: string;
  /** Query parameters of the upgrade URL (the y-websocket client sends `params` there). */
  params: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  remoteAddress?: string;
}

export interface AuthenticateData extends ConnectionRequest {
  hub: CollabHub;
  token: string | undefined;
  /** Hooks may set `readOnly`: the connection then receives sync and relays awareness, but its updates are refused. */
  connectionConfig: { readOnly: boolean };
}

export interface DocumentData {
  hub: CollabHub;
  documentName: string;
  document: Y.Doc;
}

export interface ChangeData extends DocumentData {
  update: Uint8Array;
  origin: unknown;
  /** The connection (socket or direct) that made the change, when there is one. */
  connection?: Connection | DirectConnection;
  context: ConnectionContext;
  /** True when the change came from another instance. */
  remote: boolean;
}

export interface AwarenessChangeData {
  hub: CollabHub;
  documentName: string;
  awareness: Awareness;
  changedClients: number[];
  origin: unknown;
  remote: boolean;
}

export interface ConnectionData {
  hub: CollabHub;
  documentName: string;
  connection: Connection;
  context: ConnectionContext;
}

export interface MessageData extends ConnectionData {
  message: Uint8Array;
}

/**
 * A plain object with optional hooks, run in descending `priority` (default 100).
 * Hooks marked "sync" run on the hot path and must not return a promise; throwing a `CollabError`
 * from `onAuthenticate` or `beforeHandleMessage` closes the connection with its code.
 */
export interface Extension {
  name?: string;
  priority?: number;
  onConfigure?(hub: CollabHub): void;
  /** Returns context for the connection (merged over previous hooks'); throw CollabError to reject. */
  onAuthenticate?(data: AuthenticateData): Promise<ConnectionContext | void> | ConnectionContext | void;
  /** Fill `document` from storage. Changes made here are not reported to `onChange`. */
  onLoadDocument?(data: DocumentData): Promise<void> | void;
  afterLoadDocument?(data: DocumentData): Promise<void> | void;
  onConnect?(data: ConnectionData): void;
  /** Sync. Every change applied to a loaded document, after it was broadcast to local connections. */
  onChange?(data: ChangeData): void;
  /** Sync. Every awareness update applied to a loaded document. */
  onAwarenessUpdate?(data: AwarenessChangeData): void;
  /** Sync. Before a message from a connection is handled. */
  beforeHandleMessage?(data: MessageData): void;
  onDisconnect?(data: ConnectionData): Promise<void> | void;
  /** Before a document is unloaded (and on shutdown): make it durable. Throwing keeps it loaded. */
  onStoreDocument?(data: DocumentData): Promise<void> | void;
  onUnloadDocument?(data: DocumentData): Promise<void> | void;
  onDestroy?(): Promise<void> | void;
}
