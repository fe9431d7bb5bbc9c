import { llmConfigFromEnv, llmConfigSchema } from "./model";

describe("llmConfigFromEnv", () => {
  it("is null when no LLM variable is set", () => {
    expect(llmConfigFromEnv({ PATH: "/usr/bin" })).toBeNull();
  });

  it("reads the three variables", () => {
    const env = { OPENAI_BASE_URL: "https://api.example.org/v1", OPENAI_API_KEY: "sk-1", OPENAI_MODEL: "gpt-4o-mini" };
    expect(llmConfigFromEnv(env)).toEqual({ baseURL: "https://api.example.org/v1", apiKey: "sk-1", model: "gpt-4o-mini" });
  });

  it("names the missing variables when the LLM is half-configured", () => {
    expect(() => llmConfigFromEnv({ OPENAI_API_KEY: "sk-1" })).toThrow(
      "LLM review is half-configured: set OPENAI_BASE_URL and OPENAI_MODEL as well, or unset OPENAI_API_KEY.",
    );
  });
});

describe("llmConfigSchema", () => {
  it("fills in a 2-minute time-out, no retries, a 12,000-token chunk budget and two requests at a time", () => {
    const config = llmConfigSchema.parse({ baseURL: "http://127.0.0.1:1/v1", apiKey: "k", model: "m" });
    expect(config).toEqual({ baseURL: "http://127.0.0.1:1/v1", apiKey: "k", model: "m", timeoutMs: 120_000, maxRetries: 0, maxChunkTokens: 12_000, concurrency: 2 });
  });
});
