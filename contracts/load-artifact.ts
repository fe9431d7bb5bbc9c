// Reads compiled artifacts without loading the compiler, so the app can import it cheaply.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const defaultArtifactsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "artifacts");

export interface ContractArtifact {
  contractName: string;
  sourceName: string;
  abi: unknown[];
  bytecode: string;
  deployedBytecode: string;
  compilerVersion: string;
  cacheKey: string;
}

/** Reads one compiled artifact; compile first with `npx tsx contracts/compile.ts` (or `compileContracts()`). */
export function loadArtifact(contractName: string, artifactsDir = defaultArtifactsDir): ContractArtifact {
  const file = path.join(artifactsDir, `${contractName}.json`);
  if (!existsSync(file)) {
    throw new Error(`No artifact for ${contractName} at ${file}: run \`npx tsx contracts/compile.ts\` first`);
  }
  return JSON.parse(readFileSync(file, "utf8")) as ContractArtifact;
}
