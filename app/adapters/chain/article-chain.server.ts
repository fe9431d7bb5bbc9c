// The app's view of the article contracts: mint, register licence terms, check licences and sign transfer proofs.
// Readers pay from their own wallets; the server only reads licences and acts as minter and re-encryption oracle.
import path from "node:path";
import { Contract, Interface, type ContractTransactionReceipt, type InterfaceAbi, type Signer } from "ethers";
import { LicenseKind, PayeeRole } from "../../../contracts/enums";
import { loadArtifact } from "../../../contracts/load-artifact";

export { LicenseKind, PayeeRole };

export interface ArticlePayee {
  account: string;
  shareBps: number;
  role: PayeeRole;
}

export interface MintArticleInput {
  owner: string;
  /** 0x-prefixed bytes32: storage root of the encrypted article (0G Storage Merkle root or local content hash). */
  storageRoot: string;
  /** 0x-prefixed bytes32: hash of the article's metadata. */
  metadataHash: string;
  /** The content key sealed to `owner`, as 0x-prefixed bytes. */
  sealedKey: string;
  payees: ArticlePayee[];
  royaltyBps: number;
}

export interface LicenseTermsInput {
  tokenId: bigint;
  termsId: bigint;
  kind: LicenseKind;
  priceWei: bigint;
  /** Seconds from purchase; 0 for perpetual. */
  durationSeconds: number;
  transferable: boolean;
  termsHash: string;
}

export interface OnChainLicense {
  licenseId: bigint;
  licensee: string;
  tokenId: bigint;
  termsId: bigint;
  /** Unix seconds; 2^64 - 1 for a perpetual licence. */
  expiresAt: bigint;
}

export interface TransferProofInput {
  tokenId: bigint;
  from: string;
  to: string;
  sealedKeyHash: string;
  nonce: bigint;
  deadline: bigint;
}

export interface ArticleChainConfig {
  addresses: { articleToken: string; licenseManager: string };
  /** Platform signer connected to a provider: holds MINTER_ROLE (and TERMS_REGISTRAR_ROLE to register terms). */
  platform: Signer;
  /** The re-encryption oracle's signer; without it `signTransferProof` refuses. */
  oracle?: Signer;
  /** Where the compiled ABIs are (default: contracts/artifacts under the working directory). */
  artifactsDir?: string;
}

export interface PurchasedLicense extends OnChainLicense {
  txHash: string;
  /** Wei the buyer spent on gas (the price is on top). */
  gasCostWei: bigint;
}

export interface Withdrawal {
  amountWei: bigint;
  txHash: string;
  gasCostWei: bigint;
}

export interface ArticleChain {
  readonly addresses: { articleToken: string; licenseManager: string };
  chainId(): Promise<bigint>;
  mintArticle(input: MintArticleInput): Promise<{ tokenId: bigint; txHash: string }>;
  registerLicenseTerms(input: LicenseTermsInput): Promise<{ txHash: string }>;
  /** Null when no token has this id. */
  ownerOf(tokenId: bigint): Promise<string | null>;
  isAuthorizedUser(tokenId: bigint, account: string): Promise<boolean>;
  /** The storage root and metadata hash written at mint; null when no token has this id. */
  intelligentDataOf(tokenId: bigint): Promise<{ storageRoot: string; metadataHash: string } | null>;
  hasValidLicense(tokenId: bigint, account: string): Promise<boolean>;
  /** Sent by `owner` (the token's owner or an approved account). */
  authorizeUsage(owner: Signer, tokenId: bigint, user: string): Promise<{ txHash: string }>;
  /** Sent and paid by `buyer` with the exact price of the terms. */
  purchaseLicense(buyer: Signer, tokenId: bigint, termsId: bigint): Promise<PurchasedLicense>;
  /** Sends `payee` everything credited to it across all articles. */
  withdraw(payee: Signer): Promise<Withdrawal>;
  /** Null when no licence has this id. */
  getLicense(licenseId: bigint): Promise<OnChainLicense | null>;
  withdrawableOf(account: string): Promise<bigint>;
  signTransferProof(proof: TransferProofInput): Promise<string>;
}

const TRANSFER_PROOF_TYPES = {
  TransferProof: [
    { name: "tokenId", type: "uint256" },
    { name: "from", type: "address" },
    { name: "to", type: "address" },
    { name: "sealedKeyHash", type: "bytes32" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
};

export function createArticleChain(config: ArticleChainConfig): ArticleChain {
  // The app runs from the repository root; import.meta.url would point into the server bundle instead.
  const artifactsDir = config.artifactsDir ?? path.resolve("contracts", "artifacts");
  const tokenAbi = loadArtifact("ArticleToken", artifactsDir).abi as InterfaceAbi;
  const licenseAbi = loadArtifact("LicenseManager", artifactsDir).abi as InterfaceAbi;
  const token = new Contract(config.addresses.articleToken, tokenAbi, config.platform);
  const licenses = new Contract(config.addresses.licenseManager, licenseAbi, config.platform);
  const tokenInterface = new Interface(tokenAbi);
  const licenseInterface = new Interface(licenseAbi);

  return {
    addresses: config.addresses,

    async chainId() {
      const provider = config.platform.provider;
      if (!provider) throw new Error("The platform signer is not connected to a provider");
      return (await provider.getNetwork()).chainId;
    },

    async mintArticle(input) {
      const tx = await token.mint(
        input.owner,
        { storageRoot: input.storageRoot, metadataHash: input.metadataHash },
        input.sealedKey,
        input.payees,
        input.royaltyBps,
      );
      const receipt = await tx.wait();
      for (const log of receipt?.logs ?? []) {
        const event = tokenInterface.parseLog(log);
        if (event?.name === "ArticleMinted") return { tokenId: event.args.tokenId as bigint, txHash: tx.hash };
      }
      throw new Error(`Mint transaction ${tx.hash} emitted no ArticleMinted event`);
    },

    async registerLicenseTerms(input) {
      const tx = await licenses.registerTerms(
        input.tokenId,
        input.termsId,
        input.kind,
        input.priceWei,
        input.durationSeconds,
        input.transferable,
        input.termsHash,
      );
      await tx.wait();
      return { txHash: tx.hash };
    },

    async ownerOf(tokenId) {
      const last = (await token.lastTokenId()) as bigint;
      if (tokenId < 1n || tokenId > last) return null;
      return (await token.ownerOf(tokenId)) as string;
    },

    async isAuthorizedUser(tokenId, account) {
      return (await token.isAuthorizedUser(tokenId, account)) as boolean;
    },

    async intelligentDataOf(tokenId) {
      const last = (await token.lastTokenId()) as bigint;
      if (tokenId < 1n || tokenId > last) return null;
      const data = await token.intelligentDataOf(tokenId);
      return { storageRoot: data.storageRoot as string, metadataHash: data.metadataHash as string };
    },

    async hasValidLicense(tokenId, account) {
      return (await licenses.hasValidLicense(tokenId, account)) as boolean;
    },

    async authorizeUsage(owner, tokenId, user) {
      const tx = await (token.connect(owner) as Contract).authorizeUsage(tokenId, user);
      await tx.wait();
      return { txHash: tx.hash as string };
    },

    async purchaseLicense(buyer, tokenId, termsId) {
      const terms = await licenses.termsOf(tokenId, termsId);
      if (!terms.registered) throw new Error(`Article ${tokenId} has no licence terms ${termsId}`);
      const tx = await (licenses.connect(buyer) as Contract).purchaseLicense(tokenId, termsId, { value: terms.price as bigint });
      const receipt = (await tx.wait()) as ContractTransactionReceipt;
      for (const log of receipt.logs) {
        if (log.address.toLowerCase() !== config.addresses.licenseManager.toLowerCase()) continue;
        const event = licenseInterface.parseLog(log);
        if (event?.name !== "LicensePurchased") continue;
        return {
          licenseId: event.args.licenseId as bigint,
          licensee: event.args.licensee as string,
          tokenId: event.args.tokenId as bigint,
          termsId: event.args.termsId as bigint,
          expiresAt: event.args.expiresAt as bigint,
          txHash: tx.hash as string,
          gasCostWei: gasCost(receipt),
        };
      }
      throw new Error(`Purchase transaction ${tx.hash} emitted no LicensePurchased event`);
    },

    async withdraw(payee) {
      const tx = await (token.connect(payee) as Contract).withdraw();
      const receipt = (await tx.wait()) as ContractTransactionReceipt;
      for (const log of receipt.logs) {
        if (log.address.toLowerCase() !== config.addresses.articleToken.toLowerCase()) continue;
        const event = tokenInterface.parseLog(log);
        if (event?.name === "Withdrawn") {
          return { amountWei: event.args.amount as bigint, txHash: tx.hash as string, gasCostWei: gasCost(receipt) };
        }
      }
      throw new Error(`Withdrawal transaction ${tx.hash} emitted no Withdrawn event`);
    },

    async getLicense(licenseId) {
      const last = (await licenses.lastLicenseId()) as bigint;
      if (licenseId < 1n || licenseId > last) return null;
      const record = await licenses.licenseOf(licenseId);
      return {
        licenseId,
        licensee: record.licensee as string,
        tokenId: record.tokenId as bigint,
        termsId: record.termsId as bigint,
        expiresAt: record.expiresAt as bigint,
      };
    },

    async withdrawableOf(account) {
      return (await token.withdrawableOf(account)) as bigint;
    },

    async signTransferProof(proof) {
      if (!config.oracle) throw new Error("No re-encryption oracle signer is configured for transfer proofs");
      const provider = config.platform.provider;
      if (!provider) throw new Error("The platform signer is not connected to a provider");
      const { chainId } = await provider.getNetwork();
      const domain = {
        name: "MedNexus ArticleToken",
        version: "1",
        chainId,
        verifyingContract: config.addresses.articleToken,
      };
      return config.oracle.signTypedData(domain, TRANSFER_PROOF_TYPES, proof);
    },
  };
}

function gasCost(receipt: ContractTransactionReceipt): bigint {
  return receipt.gasUsed * receipt.gasPrice;
}
