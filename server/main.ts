// `npm start`: validates the environment, opens and migrates the database, seeds demo data once, serves MedNexus.
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { migrateDatabase, openDatabase } from "../db/client";
import { DEMO_ACCOUNTS, demoPassword, seedDemoData } from "../db/seed";
import { EnvError, initEnv } from "../app/utils/env.server";
import { createAppServer } from "./app";
import { attachCollab } from "./collab";
import { connectChain, loadChainSecrets } from "./chain";
import { createContentStore } from "../app/adapters/storage/index.server";
import { setPlatform } from "../app/utils/platform.server";
import { createLogMailer } from "../app/adapters/mail/index.server";
import { deliverNotifications, sendDueReminders } from "../app/modules/review/index.server";
import { withDevelopmentSecrets } from "./secrets";

async function main() {
  let env;
  try {
    env = initEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const dataDir = path.resolve(env.DATA_DIR);
  env = withDevelopmentSecrets(env, dataDir);
  initEnv({ ...process.env, SESSION_SECRET: env.SESSION_SECRET, COLLAB_TOKEN_SECRET: env.COLLAB_TOKEN_SECRET });

  const buildPath = path.join(process.cwd(), "build", "index.js");
  if (!existsSync(buildPath)) {
    console.error("The app is not built: run `npm run build` (npm start does it for you).");
    process.exit(1);
  }

  const database = await openDatabase({ url: env.DATABASE_URL, dataDir: path.resolve(env.PGLITE_DATA_DIR ?? path.join(dataDir, "pglite")) });
  console.log(`[db] ${database.kind === "pg" ? "PostgreSQL" : "embedded PGlite"} at ${database.location}`);
  await migrateDatabase(database);
  if (env.SEED_DEMO_DATA) {
    const seeded = await seedDemoData(database.db, { password: demoPassword(env), withCases: true });
    if (seeded) console.log("[seed] demo data created");
  }

  const chainSecrets = loadChainSecrets(process.env, { dataDir });
  const chain = await connectChain(process.env, { dataDir });
  console.log(
    `[chain] ${chain.mode} chain ${chain.chainId} at ${chain.rpcUrl}; ArticleToken ${chain.addresses.articleToken}, LicenseManager ${chain.addresses.licenseManager}${chain.deployed ? " (deployed now)" : ""}`,
  );
  const contentStore = createContentStore({ ...env, CONTENT_STORE_DIR: env.CONTENT_STORE_DIR ?? path.join(dataDir, "content") });
  setPlatform({ chain, contentStore, contentKek: chainSecrets.contentKek, localWalletSeed: chainSecrets.localWalletSeed });

  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
  const server = createAppServer({ env, database, build });
  const collab = attachCollab({ env, database, httpServer: server.httpServer });
  const url = await server.listen(env.PORT, env.HOST);

  // Review reminders and e-mail copies of notifications (logged in development), once a minute.
  const mailer = createLogMailer();
  const postman = setInterval(() => {
    void (async () => {
      await sendDueReminders({ db: database.db });
      await deliverNotifications({ db: database.db, mailer, baseUrl: env.PUBLIC_URL ?? url });
    })().catch((error: unknown) => console.warn(`[mail] delivery failed, will retry: ${String(error)}`));
  }, 60_000);
  postman.unref();

  console.log(`\nMedNexus is running on ${url}`);
  if (env.SEED_DEMO_DATA) {
    console.log(`\nDemo accounts (password: ${demoPassword(env)}):`);
    for (const account of DEMO_ACCOUNTS) console.log(`  ${account.label.padEnd(20)} ${account.email}`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n[server] ${signal}: shutting down`);
    clearInterval(postman);
    await collab.close();
    await server.close();
    await chain.stop();
    await database.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
