import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Provider, Signer } from "ethers";
import type { ArticleChain } from "../adapters/chain/index.server";
import type { ContentStore } from "../adapters/storage/index.server";

/** The outside-world adapters the server opened at start-up (chain, content store, key material), for routes. */
export interface Platform {
  chain: {
    mode: string;
    chainId: number;
    rpcUrl: string;
    addresses: { articleToken: string; licenseManager: string };
    articleChain: ArticleChain;
    /** The chain's provider (server/chain.ts ChainConnection has it). */
    provider?: Provider;
    /** Local chain only: the funded account that pays for provisioned local wallets. */
    faucet?: Signer | null;
  };
  contentStore: ContentStore;
  contentKek: Uint8Array;
  /** LOCAL_WALLET_SEED (server/chain.ts loadChainSecrets): derives users' local wallets on the development chain. */
  localWalletSeed?: Uint8Array | null;
}

const KEY = Symbol.for("mednexus.platform");
type GlobalWithPlatform = typeof globalThis & { [KEY]?: Platform };

export function setPlatform(platform: Platform | undefined) {
  (globalThis as GlobalWithPlatform)[KEY] = platform;
}

export function getPlatform(): Platform | undefined {
  return (globalThis as GlobalWithPlatform)[KEY];
}

/**
 * The local-wallet dependencies (seed, provider, faucet) on the development chain; null on a remote chain. Until the
 * server passes `localWalletSeed`, the seed is read where loadChainSecrets keeps it (LOCAL_WALLET_SEED, or
 * `<DATA_DIR>/secrets-chain.json`, which it writes only outside production).
 */
export function localWalletsOf(platform: Platform): { seed: Uint8Array; provider: Provider; funder: Signer } | null {
  const { provider, faucet, mode } = platform.chain;
  if (mode !== "local" || !provider || !faucet) return null;
  const seed = platform.localWalletSeed ?? developmentSeed();
  return seed ? { seed, provider, funder: faucet } : null;
}

function developmentSeed(): Uint8Array | null {
  let value = process.env.LOCAL_WALLET_SEED?.trim();
  // loadChainSecrets writes this file only outside production, so its presence is the development case.
  if (!value) {
    const file = path.join(path.resolve(process.env.DATA_DIR?.trim() || "./data"), "secrets-chain.json");
    if (existsSync(file)) value = (JSON.parse(readFileSync(file, "utf8")) as { LOCAL_WALLET_SEED?: string }).LOCAL_WALLET_SEED;
  }
  if (!value) return null;
  const hex = value.startsWith("0x") ? value.slice(2) : value;
  const bytes = /^[0-9a-fA-F]+$/.test(hex) && hex.length % 2 === 0 ? Buffer.from(hex, "hex") : Buffer.from(value, "base64");
  return bytes.byteLength >= 16 ? new Uint8Array(bytes) : null;
}
