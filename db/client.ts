import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePg, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import * as relations from "./relations";
import * as tables from "./schema";

export const schema = { ...tables, ...relations };
/** One type for both drivers: their query builders are the same; PGlite's is typed through the pg one. */
export type Db = NodePgDatabase<typeof schema>;

export type DatabaseKind = "pg" | "pglite";

export interface DatabaseHandle {
  db: Db;
  kind: DatabaseKind;
  /** Where the data lives: the connection string (password hidden) or the PGlite folder. */
  location: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** A PostgreSQL connection string. Without one, PGlite is used. */
  url?: string;
  /** PGlite data folder; `memory://` keeps it in memory (tests). Default `./data/pglite`. */
  dataDir?: string;
  /** pg pool size. */
  maxConnections?: number;
}

export const MIGRATIONS_FOLDER = path.resolve(process.env.MEDNEXUS_MIGRATIONS_DIR ?? path.join(process.cwd(), "db", "migrations"));

export async function openDatabase(options: OpenOptions = {}): Promise<DatabaseHandle> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.maxConnections ?? 10 });
    // An idle client that loses its server must not take the process down.
    pool.on("error", (error) => console.warn(`[db] idle PostgreSQL client error: ${error.message}`));
    const db = drizzlePg(pool, { schema, casing: "snake_case" });
    return { db, kind: "pg", location: redact(options.url), close: () => pool.end() };
  }
  const dataDir = options.dataDir ?? path.join(process.cwd(), "data", "pglite");
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir);
  const db = drizzlePglite(client, { schema, casing: "snake_case" }) as unknown as Db;
  return { db, kind: "pglite", location: dataDir, close: () => client.close() };
}

/** Applies every committed migration. On PostgreSQL an advisory lock lets several processes start at once. */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.kind === "pglite") {
    await migratePglite(handle.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    return;
  }
  const lockKey = 7_412_019;
  await handle.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${lockKey})`);
    await migratePg(tx as unknown as Db, { migrationsFolder: MIGRATIONS_FOLDER });
  });
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}
