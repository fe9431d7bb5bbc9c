// server/chain.ts: the embedded chain keeps its state and deployment across restarts; a remote chain is configured
// from the environment; content-key secrets are generated once in development.
import { existsSync, readFileSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { keccak256, toUtf8Bytes } from "ethers";
import { anvilWallets, localProvider, startAnvil, type AnvilInstance } from "../../contracts/anvil";
import { PayeeRole } from "../../app/adapters/chain/index.server";
import { connectChain, loadChainSecrets, startLocalChain, type ChainConnection } from "../../server/chain";

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "mednexus-chain-data-"));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function mintOne(connection: ChainConnection, owner: string): Promise<bigint> {
  const { tokenId } = await connection.articleChain.mintArticle({
    owner,
    storageRoot: keccak256(toUtf8Bytes("envelope")),
    metadataHash: keccak256(toUtf8Bytes("metadata")),
    sealedKey: "0x01",
    payees: [{ account: owner, shareBps: 10_000, role: PayeeRole.Author }],
    royaltyBps: 0,
  });
  return tokenId;
}

it("deploys once, keeps the chain across restarts, and re-deploys when the chain lost the contracts", async () => {
  const first = await startLocalChain({ dataDir });
  let tokenId: bigint;
  let owner: string;
  try {
    expect(first.deployed).toBe(true);
    expect(first.mode).toBe("local");
    expect(first.faucet).not.toBeNull();
    owner = await first.faucet!.getAddress();
    tokenId = await mintOne(first, owner);
  } finally {
    await first.stop();
  }
  const record = JSON.parse(readFileSync(path.join(dataDir, "chain", "deployment.json"), "utf8")) as Record<string, unknown>;
  expect(record).toMatchObject({ ...first.addresses, chainId: 31337 });
  expect(existsSync(path.join(dataDir, "chain", "state.json"))).toBe(true);

  const second = await startLocalChain({ dataDir });
  try {
    expect(second.deployed).toBe(false);
    expect(second.addresses).toEqual(first.addresses);
    expect(second.rpcUrl).not.toBe(first.rpcUrl);
    expect(await second.articleChain.ownerOf(tokenId)).toBe(owner);
  } finally {
    await second.stop();
  }

  await rm(path.join(dataDir, "chain", "state.json"));
  const fresh = await startLocalChain({ dataDir });
  try {
    expect(fresh.deployed).toBe(true);
    expect(await fresh.provider.getCode(fresh.addresses.articleToken)).not.toBe("0x");
    expect(await fresh.articleChain.ownerOf(tokenId)).toBeNull();
  } finally {
    await fresh.stop();
  }
});

describe("a remote chain from the environment", () => {
  let anvil: AnvilInstance;
  let env: Record<string, string>;

  beforeAll(async () => {
    anvil = await startAnvil();
    const provider = localProvider(anvil.rpcUrl);
    const [account] = anvilWallets(provider, 1);
    env = { CHAIN_RPC_URL: anvil.rpcUrl, CHAIN_PRIVATE_KEY: account!.privateKey, CHAIN_ID: String(anvil.chainId) };
    provider.destroy();
  });

  afterAll(async () => {
    await anvil?.stop();
  });

  it("deploys when no addresses are given, then reuses the recorded or given contracts", async () => {
    const first = await connectChain(env, { dataDir, pollingIntervalMs: 50 });
    try {
      expect(first).toMatchObject({ mode: "remote", chainId: anvil.chainId, deployed: true, faucet: null });
      expect(await mintOne(first, await first.platform.getAddress())).toBe(1n);
    } finally {
      await first.stop();
    }
    const again = await connectChain(env, { dataDir, pollingIntervalMs: 50 });
    await again.stop();
    expect(again.deployed).toBe(false);
    expect(again.addresses).toEqual(first.addresses);

    const given = await connectChain(
      { ...env, ARTICLE_TOKEN_ADDRESS: first.addresses.articleToken, LICENSE_MANAGER_ADDRESS: first.addresses.licenseManager },
      { dataDir: path.join(dataDir, "elsewhere"), pollingIntervalMs: 50 },
    );
    try {
      expect(given.deployed).toBe(false);
      expect(await given.articleChain.ownerOf(1n)).toBe(await given.platform.getAddress());
    } finally {
      await given.stop();
    }
  });

  it("names what is wrong with the configuration", async () => {
    await expect(connectChain({ ...env, CHAIN_ID: "1" }, { dataDir })).rejects.toThrow(/serves chain 31337, but CHAIN_ID is 1/);
    await expect(connectChain({ CHAIN_RPC_URL: anvil.rpcUrl }, { dataDir })).rejects.toThrow(/CHAIN_PRIVATE_KEY is required/);
    const { port } = new URL(anvil.rpcUrl);
    await expect(connectChain({ ...env, CHAIN_RPC_URL: `http://127.0.0.1:${Number(port) === 1 ? 2 : 1}` }, { dataDir })).rejects.toThrow(
      /does not answer eth_chainId/,
    );
    await expect(connectChain({ ...env, ARTICLE_TOKEN_ADDRESS: `0x${"12".repeat(20)}` }, { dataDir })).rejects.toThrow(
      /ARTICLE_TOKEN_ADDRESS and LICENSE_MANAGER_ADDRESS go together/,
    );
    await expect(
      connectChain({ ...env, ARTICLE_TOKEN_ADDRESS: `0x${"12".repeat(20)}`, LICENSE_MANAGER_ADDRESS: `0x${"34".repeat(20)}` }, { dataDir }),
    ).rejects.toThrow(/No contract at/);
  });
});

describe("chain secrets", () => {
  it("generates CONTENT_KEK and LOCAL_WALLET_SEED once in development, kept private", () => {
    const first = loadChainSecrets({ NODE_ENV: "development" }, { dataDir });
    const file = path.join(dataDir, "secrets-chain.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.contentKek).toHaveLength(32);
    expect(first.localWalletSeed).toHaveLength(32);
    expect(loadChainSecrets({}, { dataDir })).toEqual(first);
    const kek = "ab".repeat(32);
    expect(loadChainSecrets({ CONTENT_KEK: kek }, { dataDir }).contentKek).toEqual(new Uint8Array(Buffer.from(kek, "hex")));
  });

  it("requires CONTENT_KEK in production and generates nothing there", () => {
    expect(() => loadChainSecrets({ NODE_ENV: "production" }, { dataDir })).toThrow(/CONTENT_KEK is required/);
    const secrets = loadChainSecrets({ NODE_ENV: "production", CONTENT_KEK: Buffer.alloc(32, 9).toString("base64") }, { dataDir });
    expect(secrets.contentKek).toEqual(new Uint8Array(32).fill(9));
    expect(secrets.localWalletSeed).toBeNull();
    expect(existsSync(path.join(dataDir, "secrets-chain.json"))).toBe(false);
    expect(() => loadChainSecrets({ NODE_ENV: "production", CONTENT_KEK: "short" }, { dataDir })).toThrow(/CONTENT_KEK/);
  });
});
