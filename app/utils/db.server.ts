import type { DatabaseHandle, Db } from "../../db/client";

const DB_KEY = Symbol.for("mednexus.database");
type GlobalWithDb = typeof globalThis & { [DB_KEY]?: DatabaseHandle };

/**
 * The server process opens the database once (server/app.ts) and hands it over here: PGlite allows a single
 * owner per data folder, and the Remix build is a separate module graph that must share the same handle.
 */
export function setDatabase(handle: DatabaseHandle | undefined) {
  (globalThis as GlobalWithDb)[DB_KEY] = handle;
}

export function getDatabase(): DatabaseHandle {
  const handle = (globalThis as GlobalWithDb)[DB_KEY];
  if (!handle) throw new Error("The database is not open: start MedNexus through server/main.ts (npm start).");
  return handle;
}

export function db(): Db {
  return getDatabase().db;
}
