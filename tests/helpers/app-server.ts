import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import type { DatabaseKind } from "../../db/client";
import { DEFAULT_DEMO_PASSWORD, seedDemoData } from "../../db/seed";
import { initEnv } from "../../app/utils/env.server";
import { createAppServer, type AppServer } from "../../server/app";
import { attachCollab } from "../../server/collab";
import { createTestDatabase, type TestDatabase } from "./db";

export interface RunningApp {
  url: string;
  database: TestDatabase;
  server: AppServer;
  close(): Promise<void>;
}

/** The real Express + Remix server on a random port, over a fresh seeded database of the given kind. */
export async function startTestApp(kind: DatabaseKind, envOverrides: Record<string, string> = {}): Promise<RunningApp> {
  const buildPath = path.join(process.cwd(), "build", "index.js");
  if (!existsSync(buildPath)) throw new Error("build/index.js is missing: run `npx remix build` first (npm test does).");
  const env = initEnv({
    NODE_ENV: "test",
    SESSION_SECRET: "test-session-secret-that-is-long-enough-0123456789",
    COLLAB_TOKEN_SECRET: "test-collab-secret-that-is-long-enough-0123456789",
    ...envOverrides,
  });
  const database = await createTestDatabase(kind);
  await seedDemoData(database.db, { password: DEFAULT_DEMO_PASSWORD });
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
  const server = createAppServer({ env, database, build });
  const collab = attachCollab({ env, database, httpServer: server.httpServer, quiet: true });
  const url = await server.listen(0, "127.0.0.1");
  return {
    url,
    database,
    server,
    async close() {
      await collab.close();
      await server.close();
      await database.close();
    },
  };
}

/** Signs in through the real form endpoint and returns the session cookie. */
export async function signInCookie(app: RunningApp, email: string, password = DEFAULT_DEMO_PASSWORD): Promise<string> {
  const response = await fetch(`${app.url}/signin`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app.url },
    body: new URLSearchParams({ email, password }),
  });
  const cookie = response.headers.get("set-cookie");
  if (response.status !== 302 || !cookie) throw new Error(`sign-in as ${email} failed with ${response.status}`);
  return cookie.split(";")[0];
}
