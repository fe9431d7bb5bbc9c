import { eq, sql } from "drizzle-orm";
import * as decoding from "lib0/decoding";
import * as Y from "yjs";
import type { Db } from "../../../db/client";
import { collabClientAuthors, collabSnapshots, collabUpdates } from "../../../db/schema/collab";
import { describe, type CollabHub } from "../hub";
import type { Extension } from "../types";

// The Yjs update log in PostgreSQL (or PGlite). Every update received is appended by group commit
// (one INSERT per flush, every `flushIntervalMs`), off the broadcast path. The log is folded into one
// snapshot per document under a per-document advisory lock. Loading = snapshot + remaining log rows.

export interface PersistenceOptions {
  db: Db;
  /** Group-commit period. Default 100 ms (an update is durable within ~flushIntervalMs + one INSERT). */
  flushIntervalMs?: number;
  /**
   * Compact a document once its log tail has this many rows… Default 2000: compaction re-encodes the whole
   * document on the event loop, so it must stay rare (20 writers flushing every 100 ms add 200 rows/s).
   */
  compactAfterUpdates?: number;
  /** …or this many bytes. Default 4 MiB. */
  compactAfterBytes?: number;
  /** Compact every document with a tail this often. Default 5 min; 0 turns it off. */
  compactEveryMs?: number;
  /** Delay before retrying a failed flush. Default 1 s. */
  retryDelayMs?: number;
}

export interface PersistenceExtension extends Extension {
  /** Writes every pending update now. */
  flush(): Promise<void>;
  /** Folds the document's log into its snapshot now. */
  compact(documentName: string): Promise<void>;
  /** Pending (not yet written) updates. */
  pendingCount(): number;
}

interface PendingUpdate {
  documentName: string;
  update: Uint8Array;
  userId: string | null;
}

interface PendingAuthor {
  documentName: string;
  clientId: number;
  userId: string;
}

interface Tail {
  count: number;
  bytes: number;
}

export function persistence(options: PersistenceOptions): PersistenceExtension {
  const { db } = options;
  const flushIntervalMs = options.flushIntervalMs ?? 100;
  const compactAfterUpdates = options.compactAfterUpdates ?? 2000;
  const compactAfterBytes = options.compactAfterBytes ?? 4 * 1024 * 1024;
  const retryDelayMs = options.retryDelayMs ?? 1000;
  let hub: CollabHub | undefined;
  let pending: PendingUpdate[] = [];
  let pendingAuthors: PendingAuthor[] = [];
  let flushTimer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> | undefined;
  let compactTimer: NodeJS.Timeout | undefined;
  /** Yjs client ids already attributed, per loaded document. */
  const knownClients = new Map<string, Set<number>>();
  const tails = new Map<string, Tail>();
  const compacting = new Map<string, Promise<void>>();

  function scheduleFlush(delay = flushIntervalMs): void {
    if (flushTimer) return;
    flushTimer = setTimeout(() => {
      flushTimer = undefined;
      void extension.flush().catch(() => undefined);
    }, delay);
  }

  async function writeBatch(): Promise<void> {
    const batch = pending;
    const authors = pendingAuthors;
    pending = [];
    pendingAuthors = [];
    if (batch.length === 0 && authors.length === 0) return;
    const rows = mergeConsecutive(batch);
    try {
      if (authors.length === 0 && rows.length <= INSERT_CHUNK) {
        // The common case: one statement, one round trip.
        await db.insert(collabUpdates).values(rows);
      } else {
        await db.transaction(async (tx) => {
          for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
            await tx.insert(collabUpdates).values(rows.slice(start, start + INSERT_CHUNK));
          }
          for (let start = 0; start < authors.length; start += INSERT_CHUNK) {
            await tx.insert(collabClientAuthors).values(authors.slice(start, start + INSERT_CHUNK)).onConflictDoNothing();
          }
        });
      }
    } catch (error) {
      // Keep them, in order, for the next attempt: an update the server broadcast must reach the log.
      pending = batch.concat(pending);
      pendingAuthors = authors.concat(pendingAuthors);
      hub?.logger.warn("writing collab updates failed; retrying", { updates: batch.length, error: describe(error) });
      scheduleFlush(retryDelayMs);
      throw error;
    }
    for (const row of rows) {
      const tail = tails.get(row.documentName);
      if (!tail) continue;
      tail.count++;
      tail.bytes += row.update.byteLength;
      if (tail.count >= compactAfterUpdates || tail.bytes >= compactAfterBytes) void compactInBackground(row.documentName);
    }
  }

  function compactInBackground(documentName: string): Promise<void> {
    return extension.compact(documentName).catch((error: unknown) => {
      hub?.logger.warn("compaction failed", { documentName, error: describe(error) });
    });
  }

  async function compactNow(documentName: string): Promise<void> {
    const folded = await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${documentName}))`);
      const [snapshot] = await tx.select().from(collabSnapshots).where(eq(collabSnapshots.documentName, documentName));
      // DELETE … RETURNING folds exactly the rows it removes, even if another instance commits more meanwhile.
      const rows = await tx
        .delete(collabUpdates)
        .where(eq(collabUpdates.documentName, documentName))
        .returning({ id: collabUpdates.id, update: collabUpdates.update });
      if (rows.length === 0) return 0;
      const doc = new Y.Doc({ gc: true });
      try {
        doc.transact(() => {
          if (snapshot) Y.applyUpdate(doc, snapshot.state);
          for (const row of rows) Y.applyUpdate(doc, row.update);
        });
        const state = toBuffer(Y.encodeStateAsUpdate(doc));
        const lastUpdateId = rows.reduce((max, row) => Math.max(max, row.id), snapshot?.lastUpdateId ?? 0);
        const updateCount = (snapshot?.updateCount ?? 0) + rows.length;
        await tx
          .insert(collabSnapshots)
          .values({ documentName, state, lastUpdateId, updateCount, updatedAt: new Date() })
          .onConflictDoUpdate({ target: collabSnapshots.documentName, set: { state, lastUpdateId, updateCount, updatedAt: new Date() } });
      } finally {
        doc.destroy();
      }
      return rows.length;
    });
    const tail = tails.get(documentName);
    if (tail) {
      tail.count = Math.max(0, tail.count - folded);
      tail.bytes = tail.count === 0 ? 0 : tail.bytes;
    }
    hub?.logger.debug("compacted", { documentName, folded });
  }

  const extension: PersistenceExtension = {
    name: "persistence",
    priority: 500,
    onConfigure(configured) {
      hub = configured;
      const every = options.compactEveryMs ?? 5 * 60_000;
      if (every > 0) {
        compactTimer = setInterval(() => {
          for (const [documentName, tail] of tails) if (tail.count > 0) void compactInBackground(documentName);
        }, every);
        compactTimer.unref();
      }
    },

    async onLoadDocument({ documentName, document }) {
      const { snapshot, rows, clients } = await db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${documentName}))`);
        const [snapshot] = await tx.select().from(collabSnapshots).where(eq(collabSnapshots.documentName, documentName));
        const rows = await tx
          .select({ update: collabUpdates.update })
          .from(collabUpdates)
          .where(eq(collabUpdates.documentName, documentName))
          .orderBy(collabUpdates.id);
        const clients = await tx
          .select({ clientId: collabClientAuthors.clientId })
          .from(collabClientAuthors)
          .where(eq(collabClientAuthors.documentName, documentName));
        return { snapshot, rows, clients };
      });
      document.transact(() => {
        if (snapshot) Y.applyUpdate(document, snapshot.state);
        for (const row of rows) Y.applyUpdate(document, row.update);
      });
      // Updates written by this process but not yet committed belong to the document too.
      for (const entry of pending) if (entry.documentName === documentName) Y.applyUpdate(document, entry.update);
      knownClients.set(documentName, new Set(clients.map((c) => c.clientId)));
      tails.set(documentName, { count: rows.length, bytes: rows.reduce((sum, row) => sum + row.update.byteLength, 0) });
    },

    onChange({ documentName, update, remote, context }) {
      if (remote) return;
      const userId = typeof context.userId === "string" ? context.userId : null;
      pending.push({ documentName, update, userId });
      if (userId) {
        let known = knownClients.get(documentName);
        if (!known) {
          known = new Set();
          knownClients.set(documentName, known);
        }
        for (const clientId of structClientIds(update)) {
          if (known.has(clientId)) continue;
          known.add(clientId);
          pendingAuthors.push({ documentName, clientId, userId });
        }
      }
      scheduleFlush();
    },

    async onStoreDocument({ documentName }) {
      await extension.flush();
      await extension.compact(documentName);
    },

    onUnloadDocument({ documentName }) {
      knownClients.delete(documentName);
      tails.delete(documentName);
    },

    async onDestroy() {
      clearInterval(compactTimer);
      clearTimeout(flushTimer);
      flushTimer = undefined;
      await extension.flush().catch(() => undefined);
      await Promise.allSettled([...compacting.values()]);
    },

    async flush() {
      while (flushing) await flushing.catch(() => undefined);
      if (pending.length === 0 && pendingAuthors.length === 0) return;
      clearTimeout(flushTimer);
      flushTimer = undefined;
      flushing = writeBatch().finally(() => {
        flushing = undefined;
      });
      await flushing;
    },

    async compact(documentName) {
      const running = compacting.get(documentName);
      if (running) await running.catch(() => undefined);
      const next = compactNow(documentName).finally(() => {
        if (compacting.get(documentName) === next) compacting.delete(documentName);
      });
      compacting.set(documentName, next);
      await next;
    },

    pendingCount: () => pending.length,
  };
  return extension;
}

/**
 * The Yjs client ids whose structs an update carries. A typing user's update holds one client's structs,
 * whose id sits right in the header: read it without decoding the structs; otherwise decode.
 */
export function structClientIds(update: Uint8Array): Iterable<number> {
  const decoder = decoding.createDecoder(update);
  const clients = decoding.readVarUint(decoder);
  if (clients === 0) return [];
  if (clients === 1) {
    decoding.readVarUint(decoder); // number of structs
    return [decoding.readVarUint(decoder)];
  }
  return Y.parseUpdateMeta(update).from.keys();
}

/** Y.mergeUpdates grows faster than linearly: 100 updates merge in ~2.5 µs each, 10,000 in ~200 µs each. */
const MERGE_CHUNK = 100;
/** Rows per INSERT, well under PostgreSQL's 65,535 parameters. */
const INSERT_CHUNK = 1000;

/** Merges the updates of the same document and user, by chunks, into fewer rows (same content). */
function mergeConsecutive(batch: PendingUpdate[]): Array<{ documentName: string; update: Buffer; userId: string | null }> {
  const groups = new Map<string, PendingUpdate[]>();
  for (const entry of batch) {
    const key = `${entry.userId ?? ""}\u0000${entry.documentName}`;
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }
  const rows: Array<{ documentName: string; update: Buffer; userId: string | null }> = [];
  for (const group of groups.values()) {
    const first = group[0]!;
    for (let start = 0; start < group.length; start += MERGE_CHUNK) {
      const chunk = group.slice(start, start + MERGE_CHUNK);
      const update = chunk.length === 1 ? chunk[0]!.update : Y.mergeUpdates(chunk.map((entry) => entry.update));
      rows.push({ documentName: first.documentName, update: toBuffer(update), userId: first.userId });
    }
  }
  return rows;
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
