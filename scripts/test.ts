// `npm test`: builds the app once, then runs every runner — Vitest (unit, integration, contracts) and Playwright
// (browser) — and ends with one line `N passed, N failed` summed over all of them.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";

interface RunnerResult {
  name: string;
  passed: number;
  failed: number;
  skipped: number;
  exitCode: number;
}

const extraArgs = process.argv.slice(2);
const only = new Set(extraArgs.filter((a) => ["unit", "e2e"].includes(a)));
const wants = (name: string) => only.size === 0 || only.has(name);

function run(command: string, args: string[], env: Record<string, string> = {}) {
  console.log(`\n$ ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return result.status ?? 1;
}

mkdirSync("test-results", { recursive: true });
const results: RunnerResult[] = [];

const buildExit = run("npx", ["remix", "build"]);
if (buildExit !== 0) {
  console.log("\n0 passed, 1 failed");
  process.exit(1);
}

if (wants("unit")) {
  const report = "test-results/vitest.json";
  rmSync(report, { force: true });
  const exitCode = run("npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`]);
  const json = existsSync(report)
    ? (JSON.parse(readFileSync(report, "utf8")) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number; testResults: Array<{ status: string; assertionResults: unknown[] }> })
    : null;
  const brokenFiles = json ? json.testResults.filter((f) => f.status === "failed" && f.assertionResults.length === 0).length : 0;
  results.push({
    name: "vitest",
    passed: json?.numPassedTests ?? 0,
    failed: (json?.numFailedTests ?? 0) + brokenFiles + (json ? 0 : 1),
    skipped: (json?.numPendingTests ?? 0) + (json?.numTodoTests ?? 0),
    exitCode,
  });
}

if (wants("e2e")) {
  const report = "test-results/playwright.json";
  rmSync(report, { force: true });
  const exitCode = run("npx", ["playwright", "test"], { PLAYWRIGHT_JSON_OUTPUT_NAME: report });
  const json = existsSync(report)
    ? (JSON.parse(readFileSync(report, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } })
    : null;
  results.push({
    name: "playwright",
    passed: json?.stats.expected ?? 0,
    failed: (json?.stats.unexpected ?? 0) + (json?.stats.flaky ?? 0) + (json ? 0 : 1),
    skipped: json?.stats.skipped ?? 0,
    exitCode,
  });
}

const total = results.reduce((sum, r) => ({ passed: sum.passed + r.passed, failed: sum.failed + r.failed, skipped: sum.skipped + r.skipped }), { passed: 0, failed: 0, skipped: 0 });
// A runner that exited non-zero without reporting a failed test still fails the run (e.g. a crash after the tests).
const crashed = results.filter((r) => r.exitCode !== 0 && r.failed === 0).length;
total.failed += crashed;
writeFileSync("test-results/summary.json", JSON.stringify({ ...total, runners: results }, null, 2));

console.log("\nTest runners:");
for (const r of results) console.log(`  ${r.name.padEnd(11)} ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ""} (exit ${r.exitCode})`);
console.log(`\n${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`);
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
