// Compiles contracts/src with the npm solc package (no compiler download) and caches the artifacts: solc-js takes
// 4-12 s per compile, so the output is reused while the sources, compiler and settings are unchanged.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import solc from "solc";
import { defaultArtifactsDir, loadArtifact, type ContractArtifact } from "./load-artifact.js";

export { loadArtifact, type ContractArtifact };

const contractsDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.dirname(contractsDir);
const defaultSourceDir = path.join(contractsDir, "src");
const openZeppelinDir = path.join(repoRoot, "node_modules", "@openzeppelin", "contracts");
const CACHE_FILE = "cache.json";
/** A compile lock older than this is taken to belong to a crashed process. */
const LOCK_WAIT_MS = 120_000;

export const SOLC_SETTINGS = {
  evmVersion: "cancun",
  optimizer: { enabled: true, runs: 200 },
  outputSelection: { "*": { "*": ["abi", "evm.bytecode.object", "evm.deployedBytecode.object"] } },
} as const;

export interface CompileResult {
  artifacts: Record<string, ContractArtifact>;
  cacheKey: string;
  fromCache: boolean;
  /** Compiler warnings of this compile (empty when served from the cache). */
  warnings: string[];
}

export interface CompileOptions {
  sourceDir?: string;
  artifactsDir?: string;
  /** Compile even when the cache is fresh. */
  force?: boolean;
}

interface SolcError {
  severity: "error" | "warning" | "info";
  formattedMessage: string;
}

interface SolcOutput {
  errors?: SolcError[];
  contracts?: Record<string, Record<string, {
    abi: unknown[];
    evm: { bytecode: { object: string }; deployedBytecode: { object: string } };
  }>>;
}

interface CacheManifest {
  cacheKey: string;
  contracts: string[];
}

/** Compiles every `.sol` file under `sourceDir`, or returns the cached artifacts when nothing changed. */
export function compileContracts(options: CompileOptions = {}): CompileResult {
  const sourceDir = options.sourceDir ?? defaultSourceDir;
  const artifactsDir = options.artifactsDir ?? defaultArtifactsDir;
  const sources = readSources(sourceDir);
  const compilerVersion: string = solc.version();
  const cacheKey = computeCacheKey(sources, compilerVersion);

  if (!options.force) {
    const cached = readCache(artifactsDir, cacheKey);
    if (cached) return { artifacts: cached, cacheKey, fromCache: true, warnings: [] };
  }
  return withCompileLock(artifactsDir, () => {
    if (!options.force) {
      // Another process may have compiled the same sources while we waited for the lock.
      const cached = readCache(artifactsDir, cacheKey);
      if (cached) return { artifacts: cached, cacheKey, fromCache: true, warnings: [] };
    }
    return compileSources(sources, compilerVersion, cacheKey, artifactsDir);
  });
}

function compileSources(
  sources: Record<string, string>,
  compilerVersion: string,
  cacheKey: string,
  artifactsDir: string,
): CompileResult {
  const input = {
    language: "Solidity",
    sources: Object.fromEntries(Object.entries(sources).map(([name, content]) => [name, { content }])),
    settings: SOLC_SETTINGS,
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImport })) as SolcOutput;
  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0) {
    throw new Error(`Solidity compilation failed:\n${errors.map((e) => e.formattedMessage).join("\n")}`);
  }

  const artifacts: Record<string, ContractArtifact> = {};
  for (const [sourceName, contracts] of Object.entries(output.contracts ?? {})) {
    if (!(sourceName in sources)) continue;
    for (const [contractName, compiled] of Object.entries(contracts)) {
      if (artifacts[contractName]) {
        throw new Error(`Two contracts are named ${contractName}; artifact names must be unique`);
      }
      artifacts[contractName] = {
        contractName,
        sourceName,
        abi: compiled.abi,
        bytecode: `0x${compiled.evm.bytecode.object}`,
        deployedBytecode: `0x${compiled.evm.deployedBytecode.object}`,
        compilerVersion,
        cacheKey,
      };
    }
  }
  writeArtifacts(artifactsDir, artifacts, cacheKey);
  const warnings = (output.errors ?? []).filter((e) => e.severity === "warning").map((e) => e.formattedMessage);
  return { artifacts, cacheKey, fromCache: false, warnings };
}

// Parallel test workers would each spend 4-12 s compiling the same sources: the first takes a lock directory and
// the others wait for it (synchronously, as solc-js is synchronous anyway), then read the fresh cache.
function withCompileLock<T>(artifactsDir: string, action: () => T): T {
  mkdirSync(artifactsDir, { recursive: true });
  const lockDir = path.join(artifactsDir, ".compile.lock");
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    if (isStale(lockDir) || Date.now() > deadline) {
      rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
  }
  try {
    return action();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

function isStale(lockDir: string): boolean {
  try {
    return Date.now() - statSync(lockDir).mtimeMs > LOCK_WAIT_MS;
  } catch {
    return false;
  }
}

function readSources(sourceDir: string): Record<string, string> {
  const sources: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".sol")) {
        sources[sourceUnitName(sourceDir, full)] = readFileSync(full, "utf8");
      }
    }
  };
  walk(sourceDir);
  if (Object.keys(sources).length === 0) throw new Error(`No Solidity sources found in ${sourceDir}`);
  return sources;
}

// Inside the repository a source is named from the root (contracts/src/ArticleToken.sol); elsewhere from the source
// folder's parent, so names never climb out with "..".
function sourceUnitName(sourceDir: string, file: string): string {
  const fromRoot = path.relative(repoRoot, file);
  const base = fromRoot.startsWith("..") ? path.relative(path.dirname(sourceDir), file) : fromRoot;
  return base.split(path.sep).join("/");
}

function computeCacheKey(sources: Record<string, string>, compilerVersion: string): string {
  const openZeppelinVersion = (JSON.parse(readFileSync(path.join(openZeppelinDir, "package.json"), "utf8")) as {
    version: string;
  }).version;
  const hash = createHash("sha256");
  hash.update(JSON.stringify({ compilerVersion, openZeppelinVersion, settings: SOLC_SETTINGS }));
  for (const name of Object.keys(sources).sort()) {
    hash.update(`\0${name}\0${sources[name]}`);
  }
  return hash.digest("hex");
}

function findImport(importPath: string): { contents: string } | { error: string } {
  const prefix = "@openzeppelin/contracts/";
  const file = importPath.startsWith(prefix)
    ? path.join(openZeppelinDir, importPath.slice(prefix.length))
    : path.join(repoRoot, importPath);
  try {
    return { contents: readFileSync(file, "utf8") };
  } catch {
    return { error: `Import not found: ${importPath} (looked at ${file})` };
  }
}

function readCache(artifactsDir: string, cacheKey: string): Record<string, ContractArtifact> | undefined {
  const manifestFile = path.join(artifactsDir, CACHE_FILE);
  if (!existsSync(manifestFile)) return undefined;
  try {
    const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as CacheManifest;
    if (manifest.cacheKey !== cacheKey) return undefined;
    const artifacts: Record<string, ContractArtifact> = {};
    for (const name of manifest.contracts) {
      const artifact = loadArtifact(name, artifactsDir);
      if (artifact.cacheKey !== cacheKey) return undefined;
      artifacts[name] = artifact;
    }
    return artifacts;
  } catch {
    // A half-written or hand-edited cache is not an error: compiling again rebuilds it.
    return undefined;
  }
}

// Each file is written to a temporary name and renamed, so parallel test workers never read half a file; the
// manifest goes last, so a reader that sees the new key also sees the new artifacts.
function writeArtifacts(artifactsDir: string, artifacts: Record<string, ContractArtifact>, cacheKey: string): void {
  mkdirSync(artifactsDir, { recursive: true });
  const writeAtomic = (file: string, value: unknown) => {
    const target = path.join(artifactsDir, file);
    const temporary = `${target}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`);
    renameSync(temporary, target);
  };
  for (const artifact of Object.values(artifacts)) writeAtomic(`${artifact.contractName}.json`, artifact);
  const manifest: CacheManifest = { cacheKey, contracts: Object.keys(artifacts).sort() };
  writeAtomic(CACHE_FILE, manifest);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const result = compileContracts({ force: process.argv.includes("--force") });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  for (const warning of result.warnings) console.warn(warning);
  const names = Object.keys(result.artifacts).sort().join(", ");
  console.log(`${result.fromCache ? "Up to date" : "Compiled"} in ${seconds} s: ${names} -> ${defaultArtifactsDir}`);
}
