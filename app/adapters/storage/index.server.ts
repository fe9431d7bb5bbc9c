import { Wallet, JsonRpcProvider } from "ethers";
import { createLocalContentStore } from "./local-content-store.server";
import { createZgContentStore } from "./zg-content-store.server";
import type { ContentStore } from "./content-store.server";

export { computeContentRoot, parseContentRoot } from "./content-root.server";
export type { ContentStore, StoredContent } from "./content-store.server";
export { createLocalContentStore, DEFAULT_CONTENT_DIR } from "./local-content-store.server";
export { createZgContentStore, isNetworkError, type ZgContentStoreOptions } from "./zg-content-store.server";

export interface ContentStoreEnv {
  ZG_INDEXER_URL?: string;
  CHAIN_RPC_URL?: string;
  CHAIN_PRIVATE_KEY?: string;
  CHAIN_ID?: number | string;
  /** Folder of the local store (default ./data/content). */
  CONTENT_STORE_DIR?: string;
}

/** 0G Storage when ZG_INDEXER_URL is set (it then needs CHAIN_RPC_URL and CHAIN_PRIVATE_KEY), else the local folder. */
export function createContentStore(env: ContentStoreEnv): ContentStore {
  if (!env.ZG_INDEXER_URL) return createLocalContentStore({ dir: env.CONTENT_STORE_DIR });
  if (!env.CHAIN_RPC_URL || !env.CHAIN_PRIVATE_KEY) {
    throw new Error("ZG_INDEXER_URL needs CHAIN_RPC_URL and CHAIN_PRIVATE_KEY: 0G Storage uploads are paid on 0G Chain.");
  }
  // With a known chain id the provider skips network detection (which retries forever on an unreachable node).
  const chainId = env.CHAIN_ID === undefined || env.CHAIN_ID === "" ? undefined : Number(env.CHAIN_ID);
  const provider = new JsonRpcProvider(env.CHAIN_RPC_URL, chainId, { staticNetwork: chainId !== undefined, cacheTimeout: -1 });
  return createZgContentStore({
    indexerUrl: env.ZG_INDEXER_URL,
    rpcUrl: env.CHAIN_RPC_URL,
    signer: new Wallet(env.CHAIN_PRIVATE_KEY, provider),
  });
}
