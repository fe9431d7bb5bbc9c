// Reads the MME consortium's benchmark patients from the shared reference data.
import { readFileSync } from "node:fs";
import path from "node:path";
import { sharedDataDir } from "../phenotypes/load.server";

/** The raw JSON array of mme/benchmark_patients.json (MME v1 patient objects, not yet validated). */
export function loadBenchmarkPatients(file = path.join(sharedDataDir(), "mme", "benchmark_patients.json")): unknown[] {
  const json: unknown = JSON.parse(readFileSync(file, "utf8"));
  if (!Array.isArray(json)) throw new Error(`${file}: expected a JSON array of patients`);
  return json;
}
