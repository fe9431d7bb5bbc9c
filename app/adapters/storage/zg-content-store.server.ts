// Content kept on 0G Storage through its indexer. Upload and download need the network; the SDK throws network
// failures instead of returning its error pair, so both are turned into an UNAVAILABLE DomainError here.
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Indexer, MemData } from "@0glabs/0g-ts-sdk";
import type { Signer } from "ethers";
import { DomainError } from "../../utils/errors";
import { computeContentRoot, parseContentRoot } from "./content-root.server";
import type { ContentStore } from "./content-store.server";

export interface ZgContentStoreOptions {
  indexerUrl: string;
  /** The 0G Chain RPC the uploader submits the storage transaction to. */
  rpcUrl: string;
  /** Pays for uploads. */
  signer: Signer;
  /** Attempts per indexer request (the SDK's default is 3, about a second apart). */
  indexerAttempts?: number;
  /** Milliseconds per indexer request (the SDK's default is 30,000). */
  indexerTimeoutMs?: number;
}

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "ETIMEDOUT", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "UND_ERR_CONNECT_TIMEOUT"]);

export function createZgContentStore(options: ZgContentStoreOptions): ContentStore {
  const indexer = new Indexer(options.indexerUrl);
  if (options.indexerAttempts !== undefined) indexer.retry = options.indexerAttempts;
  if (options.indexerTimeoutMs !== undefined) indexer.timeout = options.indexerTimeoutMs;

  return {
    kind: "0g",

    async put(bytes) {
      const root = await computeContentRoot(bytes);
      const [result, error] = await callIndexer(options.indexerUrl, "upload", () =>
        // The SDK's typings name ethers' CommonJS build; the object is the same ethers 6.13.1 Signer.
        indexer.upload(new MemData(bytes), options.rpcUrl, options.signer as unknown as Parameters<Indexer["upload"]>[2]),
      );
      if (error) throw unavailable(options.indexerUrl, "upload", error);
      if (result.rootHash.toLowerCase() !== root) {
        throw new Error(`0G Storage stored the upload under ${result.rootHash}, not its Merkle root ${root}`);
      }
      return { root, size: bytes.byteLength };
    },

    async get(rawRoot) {
      const root = parseContentRoot(rawRoot);
      // The SDK downloads to a file path that must not exist yet.
      const dir = await mkdtemp(path.join(tmpdir(), "mednexus-0g-"));
      const file = path.join(dir, randomBytes(6).toString("hex"));
      try {
        const error = await callIndexer(options.indexerUrl, "download", () => indexer.download(root, file, true));
        if (error) throw unavailable(options.indexerUrl, "download", error);
        const bytes = new Uint8Array(await readFile(file));
        const actual = await computeContentRoot(bytes);
        if (actual !== root) {
          throw new DomainError("CONFLICT", `0G Storage returned content whose Merkle root is ${actual}, not ${root}; refusing it.`);
        }
        return bytes;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

async function callIndexer<T>(indexerUrl: string, operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isNetworkError(error)) throw unavailable(indexerUrl, operation, error as Error);
    throw error;
  }
}

function unavailable(indexerUrl: string, operation: string, cause: Error): DomainError {
  return new DomainError(
    "UNAVAILABLE",
    `0G Storage is unreachable (${operation} through the indexer at ${indexerUrl} failed: ${cause.message}). ` +
      "Check ZG_INDEXER_URL and the network, or unset ZG_INDEXER_URL to use the local content store.",
  );
}

export function isNetworkError(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && NETWORK_CODES.has(code)) return true;
    const message = (current as { message?: unknown }).message;
    if (typeof message === "string" && /fetch failed|ECONNREFUSED|socket hang up|getaddrinfo/i.test(message)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
