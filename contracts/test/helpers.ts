// Shared set-up for the contract tests: one anvil per test file, fresh contracts per test, signing and revert helpers.
import {
  ErrorDescription,
  Interface,
  keccak256,
  toUtf8Bytes,
  type HDNodeWallet,
  type JsonRpcProvider,
  type TypedDataField,
} from "ethers";
import { anvilWallets, localProvider, startAnvil, type AnvilInstance } from "../anvil.js";
import { compileContracts, type ContractArtifact } from "../compile.js";
import {
  deployContracts,
  PayeeRole,
  type ArticleTokenContract,
  type Deployment,
  type Payee,
  type TransferProof,
} from "../deploy.js";

export interface Chain {
  anvil: AnvilInstance;
  provider: JsonRpcProvider;
  artifacts: Record<string, ContractArtifact>;
  accounts: {
    admin: HDNodeWallet;
    oracle: HDNodeWallet;
    firstAuthor: HDNodeWallet;
    secondAuthor: HDNodeWallet;
    reviewer: HDNodeWallet;
    platform: HDNodeWallet;
    reader: HDNodeWallet;
    buyer: HDNodeWallet;
    outsider: HDNodeWallet;
  };
  errors: Interface;
}

export async function startChain(): Promise<Chain> {
  const { artifacts } = compileContracts();
  const anvil = await startAnvil();
  const provider = localProvider(anvil.rpcUrl);
  const [admin, oracle, firstAuthor, secondAuthor, reviewer, platform, reader, buyer, outsider] = anvilWallets(
    provider,
    9,
  );
  return {
    anvil,
    provider,
    artifacts,
    accounts: { admin, oracle, firstAuthor, secondAuthor, reviewer, platform, reader, buyer, outsider },
    errors: errorInterface(Object.values(artifacts)),
  };
}

export async function stopChain(chain: Chain | undefined): Promise<void> {
  chain?.provider.destroy();
  await chain?.anvil.stop();
}

export function deployFresh(chain: Chain): Promise<Deployment> {
  const { admin, oracle } = chain.accounts;
  return deployContracts({ deployer: admin, reencryptionOracle: oracle.address, minters: [admin.address] });
}

/** Authors 60/25 %, reviewer 10 %, platform 5 %. */
export function standardSplit(chain: Chain): Payee[] {
  const { firstAuthor, secondAuthor, reviewer, platform } = chain.accounts;
  return [
    { account: firstAuthor.address, shareBps: 6_000, role: PayeeRole.Author },
    { account: secondAuthor.address, shareBps: 2_500, role: PayeeRole.Author },
    { account: reviewer.address, shareBps: 1_000, role: PayeeRole.Reviewer },
    { account: platform.address, shareBps: 500, role: PayeeRole.Platform },
  ];
}

export const sampleData = {
  storageRoot: keccak256(toUtf8Bytes("encrypted article v1")),
  metadataHash: keccak256(toUtf8Bytes("article metadata v1")),
};
export const sampleSealedKey = "0x5ea1ed01";

/** Mints an article to `owner` (first author by default) and returns its token id. */
export async function mintArticle(
  chain: Chain,
  token: ArticleTokenContract,
  options: { owner?: string; payees?: Payee[]; royaltyBps?: number } = {},
): Promise<bigint> {
  const owner = options.owner ?? chain.accounts.firstAuthor.address;
  await (
    await token
      .connect(chain.accounts.admin)
      .mint(owner, sampleData, sampleSealedKey, options.payees ?? standardSplit(chain), options.royaltyBps ?? 500)
  ).wait();
  return token.lastTokenId();
}

const transferFields: TypedDataField[] = [
  { name: "tokenId", type: "uint256" },
  { name: "from", type: "address" },
  { name: "to", type: "address" },
  { name: "sealedKeyHash", type: "bytes32" },
  { name: "nonce", type: "uint256" },
  { name: "deadline", type: "uint256" },
];

async function domainOf(chain: Chain, token: ArticleTokenContract) {
  return {
    name: "MedNexus ArticleToken",
    version: "1",
    chainId: chain.anvil.chainId,
    verifyingContract: await token.getAddress(),
  };
}

export async function signTransferProof(
  chain: Chain,
  token: ArticleTokenContract,
  signer: HDNodeWallet,
  proof: TransferProof,
): Promise<string> {
  return signer.signTypedData(await domainOf(chain, token), { TransferProof: transferFields }, proof);
}

export async function signAcknowledgement(
  chain: Chain,
  token: ArticleTokenContract,
  signer: HDNodeWallet,
  proof: TransferProof,
): Promise<string> {
  return signer.signTypedData(await domainOf(chain, token), { TransferAcknowledgement: transferFields }, proof);
}

export async function latestTimestamp(chain: Chain): Promise<bigint> {
  const block = await chain.provider.getBlock("latest");
  if (!block) throw new Error("anvil returned no latest block");
  return BigInt(block.timestamp);
}

export async function increaseTime(chain: Chain, seconds: number): Promise<void> {
  await chain.provider.send("evm_increaseTime", [seconds]);
  await chain.provider.send("evm_mine", []);
}

/** Awaits `action` and checks it reverted with the custom error `name` (and `args`, when given). */
export async function expectRevert(
  chain: Chain,
  action: Promise<unknown>,
  name: string,
  args?: unknown[],
): Promise<ErrorDescription> {
  let caught: unknown;
  try {
    await action;
  } catch (error) {
    caught = error;
  }
  if (caught === undefined) throw new Error(`Expected a revert with ${name}, but the call succeeded`);
  const data = findRevertData(caught);
  if (!data) throw caught;
  const parsed = chain.errors.parseError(data);
  if (!parsed) throw new Error(`Unknown revert data ${data} (expected ${name})`);
  expect(parsed.name).toBe(name);
  if (args) expect(parsed.args.toArray()).toEqual(args);
  return parsed;
}

function findRevertData(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  const visit = (value: unknown): string | undefined => {
    if (!value || typeof value !== "object" || seen.has(value)) return undefined;
    seen.add(value);
    const record = value as Record<string, unknown>;
    if (typeof record.data === "string" && record.data.startsWith("0x") && record.data.length >= 10) {
      return record.data;
    }
    return visit(record.error) ?? visit(record.info) ?? visit(record.data);
  };
  return visit(error);
}

function errorInterface(artifacts: ContractArtifact[]): Interface {
  const byName = new Map<string, unknown>();
  for (const artifact of artifacts) {
    for (const fragment of artifact.abi as Array<{ type: string; name: string }>) {
      if (fragment.type === "error") byName.set(fragment.name, fragment);
    }
  }
  return new Interface([...byName.values()] as never);
}
