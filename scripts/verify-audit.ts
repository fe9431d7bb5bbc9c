// Verifies the hash chain of the case access log: every entry's prev_hash links to the previous entry's hash, and
// every hash recomputes from the entry's canonical JSON. Exits 0 when intact, 1 on any tampering, 2 on error.
//
//   npx tsx scripts/verify-audit.ts                        # DATABASE_URL, else PGLITE_DATA_DIR (default ./data/pglite)
//   npx tsx scripts/verify-audit.ts --pglite data/e2e/pglite
//   npx tsx scripts/verify-audit.ts --url postgres://…
//
// A PGlite folder is copied first and the copy is read, so a running node's folder is never opened twice.
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase } from "../db/client";
import { verifyAccessLog } from "../app/modules/consent/index.server";

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  const url = argument("--url") ?? (argument("--pglite") ? undefined : process.env.DATABASE_URL || undefined);
  let copy: string | undefined;
  let dataDir: string | undefined;
  if (!url) {
    const source = path.resolve(argument("--pglite") ?? process.env.PGLITE_DATA_DIR ?? path.join("data", "pglite"));
    if (!existsSync(source)) {
      console.error(`No PGlite database at ${source}. Pass --pglite <folder> or --url <postgres url>.`);
      return 2;
    }
    copy = mkdtempSync(path.join(tmpdir(), "mednexus-verify-"));
    dataDir = path.join(copy, "pglite");
    cpSync(source, dataDir, { recursive: true });
    for (const lock of ["postmaster.pid"]) rmSync(path.join(dataDir, lock), { force: true });
  }
  const handle = await openDatabase(url ? { url, maxConnections: 1 } : { dataDir });
  try {
    const { entries, problems } = await verifyAccessLog(handle.db);
    if (problems.length === 0) {
      console.log(`Case access log intact: ${entries} entries, hash chain verified.`);
      return 0;
    }
    console.log(`Case access log TAMPERED: ${problems.length} problem(s) in ${entries} entries.`);
    for (const p of problems.slice(0, 50)) console.log(`  entry ${p.seq}: ${p.problem}`);
    return 1;
  } finally {
    await handle.close();
    if (copy) rmSync(copy, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
