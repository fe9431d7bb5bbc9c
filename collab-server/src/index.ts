import type { Db } from "../../db/client";
import { authenticate, type AuthenticateExtension } from "./extensions/authenticate";
import { persistence, type PersistenceExtension } from "./extensions/persistence";
import { redisFanout, type RedisFanoutExtension } from "./extensions/redis";
import { throttle } from "./extensions/throttle";
import type { Logger } from "./logger";
import { createCollabServer, type CollabServer } from "./server";
import type { Extension } from "./types";

export { createCollabServer, type CollabServer, type CollabServerOptions, type AttachOptions, type ListenOptions } from "./server";
export { CollabHub, Connection, DirectConnection, MessageType, type ConnectionTransport, type HubOptions } from "./hub";
export { CloseCode, CollabError } from "./errors";
export { signCollabToken, verifyCollabToken, type CollabAccess, type CollabTokenClaims, type CollabTokenInput } from "./token";
export { computeContribution, type Contribution } from "./contribution";
export { createConsoleLogger, createMemoryLogger, silentLogger, type Logger } from "./logger";
export { authenticate, persistence, redisFanout, throttle };
export type * from "./types";

export interface MedNexusCollabOptions {
  db: Db;
  /** Same secret the app signs collab tokens with (COLLAB_TOKEN_SECRET). */
  tokenSecret: string;
  /** Re-checked at connect and periodically: false disconnects the user (4403). */
  checkAccess?: (userId: string, documentName: string) => Promise<boolean> | boolean;
  recheckIntervalMs?: number;
  /** Enables fan-out between instances. */
  redisUrl?: string;
  logger?: Logger;
  idleUnloadMs?: number;
  maxMessageBytes?: number;
  messagesPerSecond?: number;
  flushIntervalMs?: number;
  compactAfterUpdates?: number;
  compactAfterBytes?: number;
  /** More extensions, run after ours at equal priority. */
  extensions?: Extension[];
}

export interface MedNexusCollab extends CollabServer {
  auth: AuthenticateExtension;
  storage: PersistenceExtension;
  redis?: RedisFanoutExtension;
}

/** The collab-server as MedNexus runs it: token auth, limits, Postgres persistence, optional Redis. */
export function createMedNexusCollab(options: MedNexusCollabOptions): MedNexusCollab {
  const maxMessageBytes = options.maxMessageBytes ?? 1024 * 1024;
  const auth = authenticate({ tokenSecret: options.tokenSecret, checkAccess: options.checkAccess, recheckIntervalMs: options.recheckIntervalMs });
  const storage = persistence({
    db: options.db,
    flushIntervalMs: options.flushIntervalMs,
    compactAfterUpdates: options.compactAfterUpdates,
    compactAfterBytes: options.compactAfterBytes,
  });
  const redis = options.redisUrl ? redisFanout({ url: options.redisUrl }) : undefined;
  const extensions: Extension[] = [auth, throttle({ maxMessageBytes, messagesPerSecond: options.messagesPerSecond }), storage];
  if (redis) extensions.push(redis);
  extensions.push(...(options.extensions ?? []));
  const server = createCollabServer({ extensions, logger: options.logger, idleUnloadMs: options.idleUnloadMs, maxMessageBytes });
  return Object.assign(server, { auth, storage, redis });
}
