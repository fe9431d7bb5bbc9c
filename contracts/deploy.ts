// Deploys ArticleToken and LicenseManager with ethers v6 and returns contract objects typed for their main calls.
import {
  BaseContract,
  ContractFactory,
  type AddressLike,
  type BigNumberish,
  type BytesLike,
  type ContractRunner,
  type ContractTransactionResponse,
  type Signer,
} from "ethers";
import { compileContracts, type ContractArtifact } from "./compile.js";

type Tx = Promise<ContractTransactionResponse>;
type Overrides = { value?: BigNumberish; gasLimit?: BigNumberish };

import { LicenseKind, PayeeRole } from "./enums.js";

export { LicenseKind, PayeeRole };

export interface Payee {
  account: string;
  shareBps: number;
  role: PayeeRole;
}

export interface IntelligentData {
  storageRoot: BytesLike;
  metadataHash: BytesLike;
}

export interface TransferProof {
  tokenId: bigint;
  from: string;
  to: string;
  sealedKeyHash: string;
  nonce: bigint;
  deadline: bigint;
}

export interface LicenseRecord {
  licensee: string;
  tokenId: bigint;
  termsId: bigint;
  expiresAt: bigint;
}

export interface LicenseTerms {
  kind: bigint;
  transferable: boolean;
  registered: boolean;
  duration: bigint;
  price: bigint;
  termsHash: string;
}

export interface ArticleTokenContract extends BaseContract {
  connect(runner: ContractRunner | null): ArticleTokenContract;
  mint(
    to: AddressLike,
    data: IntelligentData,
    sealedKey: BytesLike,
    payees: Payee[],
    royaltyBps: BigNumberish,
    overrides?: Overrides,
  ): Tx;
  transferWithProof(
    proof: TransferProof,
    newSealedKey: BytesLike,
    oracleSignature: BytesLike,
    receiverSignature: BytesLike,
    overrides?: Overrides,
  ): Tx;
  transferFrom(from: AddressLike, to: AddressLike, tokenId: BigNumberish, overrides?: Overrides): Tx;
  "safeTransferFrom(address,address,uint256)"(
    from: AddressLike,
    to: AddressLike,
    tokenId: BigNumberish,
    overrides?: Overrides,
  ): Tx;
  approve(to: AddressLike, tokenId: BigNumberish, overrides?: Overrides): Tx;
  authorizeUsage(tokenId: BigNumberish, user: AddressLike, overrides?: Overrides): Tx;
  revokeAuthorization(tokenId: BigNumberish, user: AddressLike, overrides?: Overrides): Tx;
  pay(tokenId: BigNumberish, overrides?: Overrides): Tx;
  withdraw(overrides?: Overrides): Tx;
  setReencryptionOracle(oracle: AddressLike, overrides?: Overrides): Tx;
  grantRole(role: BytesLike, account: AddressLike, overrides?: Overrides): Tx;
  ownerOf(tokenId: BigNumberish): Promise<string>;
  lastTokenId(): Promise<bigint>;
  isAuthorizedUser(tokenId: BigNumberish, user: AddressLike): Promise<boolean>;
  authorizationEpochOf(tokenId: BigNumberish): Promise<bigint>;
  withdrawableOf(account: AddressLike): Promise<bigint>;
  splitOf(tokenId: BigNumberish): Promise<Array<{ account: string; shareBps: bigint; role: bigint }>>;
  revenueOf(tokenId: BigNumberish): Promise<bigint>;
  intelligentDataOf(tokenId: BigNumberish): Promise<{ storageRoot: string; metadataHash: string }>;
  sealedKeyOf(tokenId: BigNumberish): Promise<string>;
  isProofNonceUsed(nonce: BigNumberish): Promise<boolean>;
  reencryptionOracle(): Promise<string>;
  royaltyInfo(tokenId: BigNumberish, salePrice: BigNumberish): Promise<[string, bigint]>;
  supportsInterface(interfaceId: BytesLike): Promise<boolean>;
  MINTER_ROLE(): Promise<string>;
}

export interface LicenseManagerContract extends BaseContract {
  connect(runner: ContractRunner | null): LicenseManagerContract;
  registerTerms(
    tokenId: BigNumberish,
    termsId: BigNumberish,
    kind: LicenseKind,
    price: BigNumberish,
    duration: BigNumberish,
    transferable: boolean,
    termsHash: BytesLike,
    overrides?: Overrides,
  ): Tx;
  purchaseLicense(tokenId: BigNumberish, termsId: BigNumberish, overrides?: Overrides): Tx;
  transferLicense(licenseId: BigNumberish, to: AddressLike, overrides?: Overrides): Tx;
  grantRole(role: BytesLike, account: AddressLike, overrides?: Overrides): Tx;
  pause(overrides?: Overrides): Tx;
  unpause(overrides?: Overrides): Tx;
  paused(): Promise<boolean>;
  hasValidLicense(tokenId: BigNumberish, account: AddressLike): Promise<boolean>;
  licenseOf(licenseId: BigNumberish): Promise<LicenseRecord>;
  licensesOf(tokenId: BigNumberish, account: AddressLike): Promise<bigint[]>;
  termsOf(tokenId: BigNumberish, termsId: BigNumberish): Promise<LicenseTerms>;
  lastLicenseId(): Promise<bigint>;
  articleToken(): Promise<string>;
}

export interface DeployOptions {
  /** Signs the deployment transactions. */
  deployer: Signer;
  /** DEFAULT_ADMIN_ROLE on both contracts, PAUSER_ROLE on LicenseManager (default: deployer). */
  admin?: string;
  /** The platform's re-encryption oracle. */
  reencryptionOracle: string;
  /** Accounts granted MINTER_ROLE; requires `admin` to be the deployer. */
  minters?: string[];
}

export interface Deployment {
  articleToken: ArticleTokenContract;
  licenseManager: LicenseManagerContract;
  addresses: { articleToken: string; licenseManager: string };
}

/** Compiles (or reuses the cached artifacts) and deploys both contracts. */
export async function deployContracts(options: DeployOptions): Promise<Deployment> {
  const { artifacts } = compileContracts();
  const deployerAddress = await options.deployer.getAddress();
  const admin = options.admin ?? deployerAddress;

  const articleToken = (await deploy(artifacts.ArticleToken, options.deployer, [
    admin,
    options.reencryptionOracle,
  ])) as ArticleTokenContract;
  const articleTokenAddress = await articleToken.getAddress();
  const licenseManager = (await deploy(artifacts.LicenseManager, options.deployer, [
    articleTokenAddress,
    admin,
  ])) as LicenseManagerContract;

  if (options.minters?.length) {
    if (admin !== deployerAddress) throw new Error("Granting minters at deploy time needs the deployer as admin");
    const minterRole = await articleToken.MINTER_ROLE();
    for (const minter of options.minters) {
      await (await articleToken.grantRole(minterRole, minter)).wait();
    }
  }
  return {
    articleToken,
    licenseManager,
    addresses: { articleToken: articleTokenAddress, licenseManager: await licenseManager.getAddress() },
  };
}

/** Deploys any compiled contract by artifact; the returned object is untyped. */
export async function deploy(artifact: ContractArtifact | undefined, deployer: Signer, args: unknown[]): Promise<BaseContract> {
  if (!artifact) throw new Error("Missing artifact: is the contract in contracts/src?");
  const factory = new ContractFactory(artifact.abi as never, artifact.bytecode, deployer);
  const contract = await factory.deploy(...args);
  await contract.waitForDeployment();
  return contract as BaseContract;
}
