import { randomBytes } from "node:crypto";
import pg from "pg";
import { migrateDatabase, openDatabase, type DatabaseHandle, type DatabaseKind } from "../../db/client";

/** The PostgreSQL that integration tests use when it answers (CI has one on 127.0.0.1:5432, trust auth). */
export const TEST_POSTGRES_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

let postgresAvailable: Promise<boolean> | undefined;

export function isPostgresAvailable(): Promise<boolean> {
  postgresAvailable ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query("select 1");
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return postgresAvailable;
}

/**
 * The database kinds this machine can test: PGlite always, PostgreSQL when it answers.
 * CI sets MEDNEXUS_REQUIRE_POSTGRES=1 so that a missing server fails instead of silently testing less.
 */
export async function availableDatabaseKinds(): Promise<DatabaseKind[]> {
  const kinds: DatabaseKind[] = ["pglite"];
  if (await isPostgresAvailable()) kinds.push("pg");
  else if (process.env.MEDNEXUS_REQUIRE_POSTGRES === "1") throw new Error(`PostgreSQL is required but ${TEST_POSTGRES_URL} does not answer`);
  return kinds;
}

export interface TestDatabase extends DatabaseHandle {
  /** For pg: the connection string of the fresh database (other processes, e.g. a collab-server, can use it). */
  url?: string;
}

/** A fresh, migrated database of the given kind; dropped again by `close()`. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === "pglite") {
    const handle = await openDatabase({ dataDir: "memory://" });
    await migrateDatabase(handle);
    return handle;
  }
  const name = `mednexus_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = withDatabase(TEST_POSTGRES_URL, name);
  const handle = await openDatabase({ url, maxConnections: 5 });
  await migrateDatabase(handle);
  return {
    ...handle,
    url,
    async close() {
      await handle.close();
      const dropper = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
