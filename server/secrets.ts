import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Env } from "../app/utils/env.server";

const GENERATED = ["SESSION_SECRET", "COLLAB_TOKEN_SECRET"] as const;

/**
 * Outside production a missing secret is generated once and kept in ./data/secrets.json (mode 0600), so a
 * newcomer's `npm start` works and sessions survive restarts. Production requires them in the environment.
 */
export function withDevelopmentSecrets(env: Env, dataDir = path.join(process.cwd(), "data")): Env {
  const missing = GENERATED.filter((key) => !env[key]);
  if (missing.length === 0) return env;
  const file = path.join(dataDir, "secrets.json");
  let stored: Partial<Record<(typeof GENERATED)[number], string>> = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, "utf8")) as typeof stored;
  let changed = false;
  for (const key of missing) {
    if (!stored[key]) {
      stored[key] = randomBytes(32).toString("base64url");
      changed = true;
    }
  }
  if (changed) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return { ...env, ...Object.fromEntries(missing.map((key) => [key, stored[key]])) };
}
