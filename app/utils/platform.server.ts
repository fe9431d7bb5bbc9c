import type { ArticleChain } from "../adapters/chain/index.server";
import type { ContentStore } from "../adapters/storage/index.server";

/** The outside-world adapters the server opened at start-up (chain, content store, key material), for routes. */
export interface Platform {
  chain: { mode: string; chainId: number; rpcUrl: string; addresses: { articleToken: string; licenseManager: string }; articleChain: ArticleChain };
  contentStore: ContentStore;
  contentKek: Uint8Array;
}

const KEY = Symbol.for("mednexus.platform");
type GlobalWithPlatform = typeof globalThis & { [KEY]?: Platform };

export function setPlatform(platform: Platform | undefined) {
  (globalThis as GlobalWithPlatform)[KEY] = platform;
}

export function getPlatform(): Platform | undefined {
  return (globalThis as GlobalWithPlatform)[KEY];
}
