// Standalone collab-server: `npm run collab`. Env: DATABASE_URL (PostgreSQL; without it PGlite in
// COLLAB_PGLITE_DIR, default ./data/pglite), COLLAB_PORT (default 1234), COLLAB_HOST, COLLAB_TOKEN_SECRET
// (required, ≥ 16 chars), REDIS_URL (optional fan-out between instances), COLLAB_LOG_LEVEL.
import { migrateDatabase, openDatabase } from "../../db/client";
import { stillHasAccess } from "../../app/modules/manuscripts/collab.server";
import { createMedNexusCollab } from "./index";
import { createConsoleLogger, type LogLevel } from "./logger";

const logger = createConsoleLogger((process.env.COLLAB_LOG_LEVEL as LogLevel | undefined) ?? "info");
const secret = process.env.COLLAB_TOKEN_SECRET;
if (!secret || secret.length < 16) {
  logger.error("COLLAB_TOKEN_SECRET is missing or shorter than 16 characters: set it to the secret the app signs collab tokens with");
  process.exit(1);
}
const port = Number(process.env.COLLAB_PORT ?? 1234);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  logger.error(`COLLAB_PORT must be a port number, got ${process.env.COLLAB_PORT}`);
  process.exit(1);
}

const database = await openDatabase({ url: process.env.DATABASE_URL, dataDir: process.env.COLLAB_PGLITE_DIR });
await migrateDatabase(database);
// The app's access rules for manuscripts, re-checked at connect and every minute: a removed co-author is disconnected
// here too. Other document names are reachable only with a token the app signed, which the token check enforces.
const collab = createMedNexusCollab({
  db: database.db,
  tokenSecret: secret,
  redisUrl: process.env.REDIS_URL || undefined,
  logger,
  checkAccess: (userId, documentName) => (documentName.startsWith("manuscript:") ? stillHasAccess({ db: database.db }, userId, documentName) : true),
});
const { port: bound } = await collab.listen({ port, host: process.env.COLLAB_HOST });
logger.info("collab-server listening", { port: bound, database: database.location, redis: Boolean(process.env.REDIS_URL) });

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info("collab-server stopping", { signal });
  await collab.close();
  await database.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
