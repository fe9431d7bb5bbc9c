import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3107);
export const BASE_URL = `http://localhost:${PORT}`;
const SECOND_NODE_PORT = Number(process.env.E2E_SECOND_NODE_PORT ?? PORT + 1);
/** 127.0.0.1 rather than localhost, so that the two nodes' session cookies never mix in one browser. */
export const SECOND_NODE_URL = `http://127.0.0.1:${SECOND_NODE_PORT}`;
export const FAKE_LLM_PORT = Number(process.env.E2E_FAKE_LLM_PORT ?? 3199);

// Debian's chromium, never a downloaded browser. The flags keep it off the (closed) network.
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["json", { outputFile: "test-results/playwright.json" }]] : [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS },
      },
    },
  ],
  webServer: [
    {
      command: "rm -rf data/e2e && tsx server/main.ts",
      url: `${BASE_URL}/healthz`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        PORT: String(PORT),
        HOST: "127.0.0.1",
        DATA_DIR: "data/e2e",
        SEED_DEMO_DATA: "true",
        // The review-assist spec starts an OpenAI-compatible fake on this port; nothing else calls the LLM.
        OPENAI_BASE_URL: `http://127.0.0.1:${FAKE_LLM_PORT}/v1`,
        OPENAI_API_KEY: "sk-fake-test-key",
        OPENAI_MODEL: "fake-reviewer",
      },
    },
    {
      // a second MedNexus node with its own data folder, for Matchmaker Exchange federation (tests/e2e/cases*.spec.ts)
      command: "rm -rf data/e2e-node2 && tsx server/main.ts",
      url: `${SECOND_NODE_URL}/healthz`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      env: { PORT: String(SECOND_NODE_PORT), HOST: "127.0.0.1", DATA_DIR: "data/e2e-node2", SEED_DEMO_DATA: "true" },
    },
  ],
});
