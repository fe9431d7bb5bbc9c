// The chain side of `npm start`: a local anvil chain that survives restarts with the contracts deployed once, or a
// remote EVM chain (0G Chain) from the environment; plus the secrets of the content keys and local wallets.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { JsonRpcProvider, Wallet, getAddress, id, type Provider, type Signer } from "ethers";
import { z } from "zod";
import { anvilWallets, localProvider, startAnvil } from "../contracts/anvil";
import { createArticleChain, type ArticleChain } from "../app/adapters/chain/index.server";
import { parseContentKek } from "../app/modules/licensing/index.server";

export interface ContractAddresses {
  articleToken: string;
  licenseManager: string;
}

export interface ChainConnection {
  mode: "local" | "remote";
  rpcUrl: string;
  chainId: number;
  provider: Provider;
  addresses: ContractAddresses;
  /** True when this start deployed the contracts (first start, or the chain lost them). */
  deployed: boolean;
  /** Mints, registers terms; admin of both contracts when we deployed them. */
  platform: Signer;
  /** Signs transfer proofs as the re-encryption oracle. */
  oracle: Signer;
  /** Local chain only: the funded account that pays for provisioned local wallets. */
  faucet: Signer | null;
  articleChain: ArticleChain;
  stop(): Promise<void>;
}

interface DeploymentRecord extends ContractAddresses {
  chainId: number;
  deployedAt: string;
}

const LOCAL_ACCOUNTS = { platform: 0, oracle: 1, faucet: 2 } as const;
const TERMS_REGISTRAR_ROLE = id("TERMS_REGISTRAR_ROLE");

/**
 * Starts anvil with its state in `<dataDir>/chain/state.json` (loaded at start, written at stop), deploys the
 * contracts the first time and records them in `<dataDir>/chain/deployment.json`; re-deploys only when the chain
 * no longer has code at the recorded addresses.
 */
export async function startLocalChain(options: { dataDir: string }): Promise<ChainConnection> {
  const chainDir = path.join(path.resolve(options.dataDir), "chain");
  mkdirSync(chainDir, { recursive: true });
  const anvil = await startAnvil({ statePath: path.join(chainDir, "state.json") });
  const provider = localProvider(anvil.rpcUrl);
  try {
    const wallets = anvilWallets(provider, 3);
    const platform = wallets[LOCAL_ACCOUNTS.platform]!;
    const oracle = wallets[LOCAL_ACCOUNTS.oracle]!;
    const faucet = wallets[LOCAL_ACCOUNTS.faucet]!;
    const { addresses, deployed } = await ensureDeployment({
      file: path.join(chainDir, "deployment.json"),
      chainId: anvil.chainId,
      provider,
      platform,
      oracle: oracle.address,
    });
    return {
      mode: "local",
      rpcUrl: anvil.rpcUrl,
      chainId: anvil.chainId,
      provider,
      addresses,
      deployed,
      platform,
      oracle,
      faucet,
      articleChain: createArticleChain({ addresses, platform, oracle }),
      async stop() {
        provider.destroy();
        await anvil.stop();
      },
    };
  } catch (error) {
    provider.destroy();
    await anvil.stop();
    throw error;
  }
}

const hexKey = z.string().trim().regex(/^0x[0-9a-fA-F]{64}$/, "must be a 0x-prefixed 32-byte hex private key");
const optionalAddress = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === "" ? undefined : v))
  .refine((v) => v === undefined || /^0x[0-9a-fA-F]{40}$/.test(v), { message: "must be a 0x-prefixed 20-byte address" });

const chainEnvSchema = z
  .object({
    CHAIN_RPC_URL: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v === "" ? undefined : v))
      .refine((v) => v === undefined || /^https?:\/\//.test(v), { message: "must be an http:// or https:// JSON-RPC URL" }),
    CHAIN_PRIVATE_KEY: hexKey.optional().or(z.literal("").transform(() => undefined)),
    CHAIN_ORACLE_PRIVATE_KEY: hexKey.optional().or(z.literal("").transform(() => undefined)),
    CHAIN_ID: z.coerce.number().int().positive().optional().or(z.literal("").transform(() => undefined)),
    ARTICLE_TOKEN_ADDRESS: optionalAddress,
    LICENSE_MANAGER_ADDRESS: optionalAddress,
  })
  .superRefine((env, ctx) => {
    if (env.CHAIN_RPC_URL && !env.CHAIN_PRIVATE_KEY) {
      ctx.addIssue({ code: "custom", path: ["CHAIN_PRIVATE_KEY"], message: "is required when CHAIN_RPC_URL is set" });
    }
    if (Boolean(env.ARTICLE_TOKEN_ADDRESS) !== Boolean(env.LICENSE_MANAGER_ADDRESS)) {
      ctx.addIssue({
        code: "custom",
        path: ["LICENSE_MANAGER_ADDRESS"],
        message: "ARTICLE_TOKEN_ADDRESS and LICENSE_MANAGER_ADDRESS go together: set both, or neither to deploy",
      });
    }
  });

/**
 * The remote chain named by CHAIN_RPC_URL (+ CHAIN_PRIVATE_KEY, optional CHAIN_ID and CHAIN_ORACLE_PRIVATE_KEY,
 * contracts from ARTICLE_TOKEN_ADDRESS/LICENSE_MANAGER_ADDRESS or deployed once and recorded in
 * `<dataDir>/chain/deployment-<chainId>.json`); without CHAIN_RPC_URL, the local chain of `startLocalChain`.
 */
export async function connectChain(
  source: Record<string, string | undefined> = process.env,
  options: {
    dataDir?: string;
    /** How often a remote chain is polled for receipts (ethers' default: 4,000 ms). */
    pollingIntervalMs?: number;
  } = {},
): Promise<ChainConnection> {
  const dataDir = path.resolve(options.dataDir ?? path.join(process.cwd(), "data"));
  const parsed = chainEnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; ");
    throw new Error(`Invalid chain configuration: ${problems}`);
  }
  const env = parsed.data;
  if (!env.CHAIN_RPC_URL) return startLocalChain({ dataDir });

  // Asked directly, with a time limit: an ethers provider that cannot detect its network retries forever.
  const chainId = await fetchChainId(env.CHAIN_RPC_URL);
  if (env.CHAIN_ID && chainId !== env.CHAIN_ID) {
    throw new Error(`CHAIN_RPC_URL serves chain ${chainId}, but CHAIN_ID is ${env.CHAIN_ID}`);
  }
  const provider = new JsonRpcProvider(env.CHAIN_RPC_URL, chainId, {
    staticNetwork: true,
    // ethers caches identical reads for 250 ms, which hands back-to-back transactions the same nonce.
    cacheTimeout: -1,
    ...(options.pollingIntervalMs ? { pollingInterval: options.pollingIntervalMs } : {}),
  });
  try {
    const platform = new Wallet(env.CHAIN_PRIVATE_KEY!, provider);
    const oracle = env.CHAIN_ORACLE_PRIVATE_KEY ? new Wallet(env.CHAIN_ORACLE_PRIVATE_KEY, provider) : platform;
    let addresses: ContractAddresses;
    let deployed = false;
    if (env.ARTICLE_TOKEN_ADDRESS && env.LICENSE_MANAGER_ADDRESS) {
      addresses = { articleToken: getAddress(env.ARTICLE_TOKEN_ADDRESS), licenseManager: getAddress(env.LICENSE_MANAGER_ADDRESS) };
      for (const [name, address] of Object.entries(addresses)) {
        if ((await provider.getCode(address)) === "0x") throw new Error(`No contract at ${address} (${name}) on chain ${chainId}`);
      }
    } else {
      mkdirSync(path.join(dataDir, "chain"), { recursive: true });
      ({ addresses, deployed } = await ensureDeployment({
        file: path.join(dataDir, "chain", `deployment-${chainId}.json`),
        chainId,
        provider,
        platform,
        oracle: await oracle.getAddress(),
      }));
    }
    return {
      mode: "remote",
      rpcUrl: env.CHAIN_RPC_URL,
      chainId,
      provider,
      addresses,
      deployed,
      platform,
      oracle,
      faucet: null,
      articleChain: createArticleChain({ addresses, platform, oracle }),
      async stop() {
        provider.destroy();
      },
    };
  } catch (error) {
    provider.destroy();
    throw error;
  }
}

async function fetchChainId(rpcUrl: string): Promise<number> {
  let body: { result?: string; error?: { message?: string } };
  try {
    const response = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(15_000),
    });
    body = (await response.json()) as typeof body;
  } catch (error) {
    throw new Error(`CHAIN_RPC_URL ${rpcUrl} does not answer eth_chainId: ${(error as Error).message}`);
  }
  if (!body.result) throw new Error(`CHAIN_RPC_URL ${rpcUrl} refused eth_chainId: ${body.error?.message ?? "no result"}`);
  return Number(BigInt(body.result));
}

async function ensureDeployment(options: {
  file: string;
  chainId: number;
  provider: Provider;
  platform: Signer;
  oracle: string;
}): Promise<{ addresses: ContractAddresses; deployed: boolean }> {
  const recorded = readDeployment(options.file);
  if (recorded && recorded.chainId === options.chainId) {
    const [tokenCode, licenseCode] = await Promise.all([
      options.provider.getCode(recorded.articleToken),
      options.provider.getCode(recorded.licenseManager),
    ]);
    if (tokenCode !== "0x" && licenseCode !== "0x") {
      return { addresses: { articleToken: recorded.articleToken, licenseManager: recorded.licenseManager }, deployed: false };
    }
  }
  // Loaded only to deploy: it brings the Solidity compiler (artifacts are reused from its cache when fresh).
  const { deployContracts } = await import("../contracts/deploy");
  const platformAddress = await options.platform.getAddress();
  const deployment = await deployContracts({ deployer: options.platform, reencryptionOracle: options.oracle, minters: [platformAddress] });
  await (await deployment.licenseManager.grantRole(TERMS_REGISTRAR_ROLE, platformAddress)).wait();
  const record: DeploymentRecord = { ...deployment.addresses, chainId: options.chainId, deployedAt: new Date().toISOString() };
  writeJsonAtomic(options.file, record);
  return { addresses: deployment.addresses, deployed: true };
}

function readDeployment(file: string): DeploymentRecord | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as DeploymentRecord;
  } catch {
    // An unreadable record is replaced by a fresh deployment.
    return undefined;
  }
}

export interface ChainSecrets {
  /** CONTENT_KEK: wraps every article's content key at rest. */
  contentKek: Uint8Array;
  /** LOCAL_WALLET_SEED: derives the demo users' local wallets (local chain only); null in production without one. */
  localWalletSeed: Uint8Array | null;
}

const GENERATED_SECRETS = ["CONTENT_KEK", "LOCAL_WALLET_SEED"] as const;

/**
 * CONTENT_KEK and LOCAL_WALLET_SEED from the environment (32 bytes, hex or base64). Outside production a missing one
 * is generated once into `<dataDir>/secrets-chain.json` (mode 0600); production requires CONTENT_KEK.
 */
export function loadChainSecrets(
  source: Record<string, string | undefined> = process.env,
  options: { dataDir?: string } = {},
): ChainSecrets {
  const dataDir = path.resolve(options.dataDir ?? path.join(process.cwd(), "data"));
  const production = source.NODE_ENV === "production";
  const values: Partial<Record<(typeof GENERATED_SECRETS)[number], string>> = {};
  for (const key of GENERATED_SECRETS) {
    const value = source[key]?.trim();
    if (value) values[key] = value;
  }
  if (production && !values.CONTENT_KEK) {
    throw new Error("CONTENT_KEK is required when NODE_ENV=production (32 bytes as 64 hex digits or base64)");
  }
  const missing = GENERATED_SECRETS.filter((key) => !values[key]);
  if (!production && missing.length > 0) {
    const file = path.join(dataDir, "secrets-chain.json");
    const stored = (existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {}) as typeof values;
    let changed = false;
    for (const key of missing) {
      if (!stored[key]) {
        stored[key] = randomBytes(32).toString("hex");
        changed = true;
      }
      values[key] = stored[key];
    }
    if (changed) {
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    }
  }
  return {
    contentKek: parseContentKek(values.CONTENT_KEK!),
    localWalletSeed: values.LOCAL_WALLET_SEED ? parseSeed(values.LOCAL_WALLET_SEED) : null,
  };
}

function parseSeed(value: string): Uint8Array {
  const hex = value.startsWith("0x") ? value.slice(2) : value;
  const bytes = /^[0-9a-fA-F]+$/.test(hex) && hex.length % 2 === 0 ? Buffer.from(hex, "hex") : Buffer.from(value, "base64");
  if (bytes.byteLength < 16) throw new Error("LOCAL_WALLET_SEED must hold at least 16 bytes (hex or base64)");
  return new Uint8Array(bytes);
}

function writeJsonAtomic(file: string, value: unknown): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(temporary, file);
}
