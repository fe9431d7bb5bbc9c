import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    globals: true,
    include: [
      "app/**/*.test.ts",
      "db/**/*.test.ts",
      "collab-server/test/**/*.test.ts",
      "contracts/test/**/*.test.ts",
      "tests/integration/**/*.test.ts",
    ],
    setupFiles: ["tests/setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 2,
  },
});
