import { z } from "zod";

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => (value === "" ? undefined : value))
    .refine((value) => value === undefined || protocols.some((p) => value.startsWith(`${p}://`)), {
      message: `must be a URL starting with ${protocols.map((p) => `${p}://`).join(" or ")}`,
    });

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value === "" ? undefined : value));

const booleanFlag = (fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0", ""])
    .optional()
    .transform((value) => (value === undefined || value === "" ? fallback : value === "true" || value === "1"));

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    HOST: z.string().trim().default("0.0.0.0"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    PUBLIC_URL: optionalUrl(["http", "https"]),
    DATABASE_URL: optionalUrl(["postgres", "postgresql"]),
    DATA_DIR: z.string().trim().default("./data"),
    PGLITE_DATA_DIR: optionalText,
    SESSION_SECRET: optionalText.refine((v) => v === undefined || v.length >= 32, { message: "must be at least 32 characters" }),
    COLLAB_TOKEN_SECRET: optionalText.refine((v) => v === undefined || v.length >= 32, { message: "must be at least 32 characters" }),
    COOKIE_SECURE: booleanFlag(true),
    REDIS_URL: optionalUrl(["redis", "rediss"]),
    SEED_DEMO_DATA: booleanFlag(true),
    DEMO_PASSWORD: optionalText.refine((v) => v === undefined || v.length >= 12, { message: "must be at least 12 characters" }),
    CHAIN_RPC_URL: optionalUrl(["http", "https", "ws", "wss"]),
    CHAIN_PRIVATE_KEY: optionalText.refine((v) => v === undefined || /^0x[0-9a-fA-F]{64}$/.test(v), {
      message: "must be a 0x-prefixed 32-byte hex private key",
    }),
    CHAIN_ID: z.coerce.number().int().positive().optional(),
    CHAIN_ORACLE_PRIVATE_KEY: optionalText.refine((v) => v === undefined || /^0x[0-9a-fA-F]{64}$/.test(v), {
      message: "must be a 0x-prefixed 32-byte hex private key",
    }),
    ARTICLE_TOKEN_ADDRESS: optionalText.refine((v) => v === undefined || /^0x[0-9a-fA-F]{40}$/.test(v), { message: "must be a 0x-prefixed address" }),
    LICENSE_MANAGER_ADDRESS: optionalText.refine((v) => v === undefined || /^0x[0-9a-fA-F]{40}$/.test(v), { message: "must be a 0x-prefixed address" }),
    CONTENT_KEK: optionalText.refine((v) => v === undefined || /^[0-9a-fA-F]{64}$/.test(v) || Buffer.from(v, "base64").length === 32, {
      message: "must be 32 bytes as 64 hex digits or base64",
    }),
    LOCAL_WALLET_SEED: optionalText,
    CONTENT_STORE_DIR: optionalText,
    ZG_INDEXER_URL: optionalUrl(["http", "https"]),
    OPENAI_BASE_URL: optionalUrl(["http", "https"]),
    OPENAI_API_KEY: optionalText,
    OPENAI_MODEL: optionalText,
    JATS_DTD_PATH: optionalText,
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production") {
      for (const key of ["SESSION_SECRET", "COLLAB_TOKEN_SECRET", "CONTENT_KEK"] as const) {
        if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "is required when NODE_ENV=production" });
      }
    }
    if (env.CHAIN_RPC_URL && !env.CHAIN_PRIVATE_KEY) {
      ctx.addIssue({ code: "custom", path: ["CHAIN_PRIVATE_KEY"], message: "is required when CHAIN_RPC_URL is set" });
    }
    if (Boolean(env.ARTICLE_TOKEN_ADDRESS) !== Boolean(env.LICENSE_MANAGER_ADDRESS)) {
      ctx.addIssue({ code: "custom", path: [env.ARTICLE_TOKEN_ADDRESS ? "LICENSE_MANAGER_ADDRESS" : "ARTICLE_TOKEN_ADDRESS"], message: "ARTICLE_TOKEN_ADDRESS and LICENSE_MANAGER_ADDRESS go together" });
    }
    if (env.ZG_INDEXER_URL && !env.CHAIN_RPC_URL) {
      ctx.addIssue({ code: "custom", path: ["CHAIN_RPC_URL"], message: "is required when ZG_INDEXER_URL is set (0G Storage uploads are paid on 0G Chain)" });
    }
    const llm = [env.OPENAI_BASE_URL, env.OPENAI_MODEL].filter(Boolean).length;
    if (llm === 1) {
      ctx.addIssue({
        code: "custom",
        path: [env.OPENAI_BASE_URL ? "OPENAI_MODEL" : "OPENAI_BASE_URL"],
        message: "OPENAI_BASE_URL and OPENAI_MODEL go together: set both to enable the LLM, or neither",
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}\nSee .env.example for every variable.`);
    this.name = "EnvError";
  }
}

/** Parses the environment; throws an EnvError naming each bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((issue) => `${issue.path.join(".") || "(environment)"}: ${issue.message}`));
  }
  return result.data;
}

const ENV_KEY = Symbol.for("mednexus.env");
type GlobalWithEnv = typeof globalThis & { [ENV_KEY]?: Env };

/** Validates once at start-up and keeps the result for the whole process (the Remix build included). */
export function initEnv(source: Record<string, string | undefined> = process.env): Env {
  const env = parseEnv(source);
  (globalThis as GlobalWithEnv)[ENV_KEY] = env;
  return env;
}

export function getServerEnv(): Env {
  return (globalThis as GlobalWithEnv)[ENV_KEY] ?? initEnv();
}

/** The only part of the configuration the browser sees. */
export function getPublicEnv() {
  const env = getServerEnv();
  return {
    MODE: env.NODE_ENV,
    LLM_ENABLED: Boolean(env.OPENAI_BASE_URL && env.OPENAI_MODEL),
  };
}
export type PublicEnv = ReturnType<typeof getPublicEnv>;
