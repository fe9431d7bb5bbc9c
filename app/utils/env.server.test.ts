import { EnvError, parseEnv } from "./env.server";

describe("environment", () => {
  it("has working defaults for embedded mode", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.SEED_DEMO_DATA).toBe(true);
  });

  it("names every invalid variable", () => {
    let error: unknown;
    try {
      parseEnv({ PORT: "eighty", DATABASE_URL: "mysql://x", SESSION_SECRET: "short", OPENAI_BASE_URL: "http://127.0.0.1:9/v1" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as EnvError).message;
    expect(message).toMatch(/PORT:/);
    expect(message).toMatch(/DATABASE_URL: must be a URL starting with postgres:\/\//);
    expect(message).toMatch(/SESSION_SECRET: must be at least 32 characters/);
  });

  it("checks variables that go together", () => {
    expect(() => parseEnv({ OPENAI_BASE_URL: "http://127.0.0.1:9/v1" })).toThrow(/OPENAI_MODEL: OPENAI_BASE_URL and OPENAI_MODEL go together/);
    expect(() => parseEnv({ CHAIN_RPC_URL: "http://127.0.0.1:8545" })).toThrow(/CHAIN_PRIVATE_KEY: is required when CHAIN_RPC_URL is set/);
  });

  it("requires secrets in production", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/SESSION_SECRET: is required when NODE_ENV=production/);
  });
});
