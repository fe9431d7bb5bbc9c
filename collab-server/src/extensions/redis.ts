import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { describe, type CollabHub } from "../hub";
import type { Extension, RemoteOrigin } from "../types";

// Fan-out between collab-server instances: one Redis pub/sub channel per document. Each message starts
// with the publishing instance's id, so an instance drops its own echoes. When an instance loads a
// document it publishes its state vector; the others answer with what it lacks, and with their awareness.

export interface RedisFanoutOptions {
  url: string;
  /** Channel prefix. Default `collab:`. */
  prefix?: string;
  /** Identifies this instance in messages. Default random. */
  instanceId?: string;
}

export interface RedisFanoutExtension extends Extension {
  readonly instanceId: string;
}

const Kind = { update: 0, awareness: 1, syncRequest: 2, awarenessQuery: 3 } as const;
const INSTANCE_ID_BYTES = 16;

export function redisFanout(options: RedisFanoutOptions): RedisFanoutExtension {
  const instanceId = options.instanceId ?? randomBytes(INSTANCE_ID_BYTES / 2).toString("hex");
  const instanceTag = Buffer.alloc(INSTANCE_ID_BYTES);
  instanceTag.write(instanceId.slice(0, INSTANCE_ID_BYTES), "utf8");
  const prefix = options.prefix ?? "collab:";
  const origin: RemoteOrigin = { remote: true, source: "redis" };
  let hub: CollabHub | undefined;
  let publisher: Redis | undefined;
  let subscriber: Redis | undefined;

  const channelOf = (documentName: string) => `${prefix}${documentName}`;

  function publish(documentName: string, kind: number, payload: Uint8Array): void {
    if (!publisher) return;
    const message = Buffer.allocUnsafe(INSTANCE_ID_BYTES + 1 + payload.byteLength);
    instanceTag.copy(message, 0);
    message[INSTANCE_ID_BYTES] = kind;
    message.set(payload, INSTANCE_ID_BYTES + 1);
    publisher.publish(channelOf(documentName), message).catch((error: unknown) => {
      hub?.logger.warn("redis publish failed", { documentName, error: describe(error) });
    });
  }

  function publishAwareness(documentName: string, awareness: awarenessProtocol.Awareness, clients: number[]): void {
    if (clients.length > 0) publish(documentName, Kind.awareness, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  }

  function onMessage(channel: Buffer, message: Buffer): void {
    if (!hub || message.length <= INSTANCE_ID_BYTES) return;
    if (message.compare(instanceTag, 0, INSTANCE_ID_BYTES, 0, INSTANCE_ID_BYTES) === 0) return;
    const documentName = channel.toString("utf8").slice(prefix.length);
    const document = hub.getDocument(documentName);
    if (!document) return;
    const payload = message.subarray(INSTANCE_ID_BYTES + 1);
    try {
      switch (message[INSTANCE_ID_BYTES]) {
        case Kind.update:
          Y.applyUpdate(document, payload, origin);
          break;
        case Kind.awareness: {
          const awareness = hub.getAwareness(documentName);
          if (awareness) awarenessProtocol.applyAwarenessUpdate(awareness, payload, origin);
          break;
        }
        case Kind.syncRequest: {
          const stateVector = decoding.readVarUint8Array(decoding.createDecoder(payload));
          publish(documentName, Kind.update, Y.encodeStateAsUpdate(document, stateVector));
          break;
        }
        case Kind.awarenessQuery: {
          const awareness = hub.getAwareness(documentName);
          const local = hub.connections({ documentName }).flatMap((connection) => [...connection.awarenessClients]);
          if (awareness) publishAwareness(documentName, awareness, local);
          break;
        }
        default:
          hub.logger.warn("unknown redis message kind", { documentName });
      }
    } catch (error) {
      hub.logger.warn("bad redis message", { documentName, error: describe(error) });
    }
  }

  return {
    name: "redis",
    priority: 400,
    instanceId,
    onConfigure(configured) {
      hub = configured;
      publisher = new Redis(options.url, { maxRetriesPerRequest: 3, lazyConnect: false });
      subscriber = new Redis(options.url, { lazyConnect: false });
      for (const client of [publisher, subscriber]) {
        client.on("error", (error: Error) => hub?.logger.warn("redis connection error", { error: error.message }));
      }
      subscriber.on("messageBuffer", onMessage);
    },
    async afterLoadDocument({ documentName, document }) {
      await subscriber!.subscribe(channelOf(documentName));
      const encoder = encoding.createEncoder();
      encoding.writeVarUint8Array(encoder, Y.encodeStateVector(document));
      publish(documentName, Kind.syncRequest, encoding.toUint8Array(encoder));
      publish(documentName, Kind.awarenessQuery, new Uint8Array(0));
    },
    onChange({ documentName, update, remote }) {
      if (!remote) publish(documentName, Kind.update, update);
    },
    onAwarenessUpdate({ documentName, awareness, changedClients, remote }) {
      if (!remote) publishAwareness(documentName, awareness, changedClients);
    },
    async onUnloadDocument({ documentName }) {
      await subscriber?.unsubscribe(channelOf(documentName));
    },
    async onDestroy() {
      await Promise.allSettled([publisher?.quit(), subscriber?.quit()]);
    },
  };
}
