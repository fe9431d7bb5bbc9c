// Licensing: types, input schemas and pure rules. No I/O; the UI may import this file.
import { z } from "zod";

/** A wallet-link nonce is single-use and lives this long. */
export const WALLET_LINK_NONCE_TTL_MS = 10 * 60 * 1000;
/** A signed key request is accepted this long after it was issued (and this far ahead, for clock skew). */
export const KEY_REQUEST_MAX_AGE_MS = 5 * 60 * 1000;
export const KEY_REQUEST_MAX_SKEW_MS = 60 * 1000;
/** What a provisioned local wallet receives from the development chain's faucet account. */
export const LOCAL_WALLET_FUNDING_WEI = 100n * 10n ** 18n;

const address = z
  .string()
  .trim()
  .regex(/^0x[0-9a-fA-F]{40}$/, "must be a 0x-prefixed 20-byte address");
const bytes32 = z
  .string()
  .trim()
  .regex(/^0x[0-9a-fA-F]{64}$/, "must be 0x followed by 64 hex digits");
const publicKey = z
  .string()
  .trim()
  .regex(/^0x(0[23][0-9a-fA-F]{64}|04[0-9a-fA-F]{128})$/, "must be a 0x-prefixed secp256k1 public key (33 or 65 bytes)");
const tokenId = z.union([z.bigint(), z.string().regex(/^\d+$/, "must be a decimal token id")]).transform((v) => BigInt(v));

/** Why the chain lets an account read an article. */
export type AccessBasis = "owner" | "authorized" | "license";

export const keyProofSchema = z.discriminatedUnion("kind", [
  /** The account is a wallet the session's user has linked (EIP-4361 or a provisioned local wallet). */
  z.object({ kind: z.literal("linked-wallet") }),
  /** The account signed `keyRequestMessage(...)` (EIP-191) at `issuedAt`. */
  z.object({ kind: z.literal("signature"), issuedAt: z.string().datetime({ offset: true }), signature: z.string().regex(/^0x[0-9a-fA-F]+$/) }),
]);

export const keyDeliverySchema = z.discriminatedUnion("kind", [
  /** ECIES-sealed to this secp256k1 public key; only its private key opens it. */
  z.object({ kind: z.literal("sealed"), recipientPublicKey: publicKey }),
  /** The raw key in the response of an authenticated session (HTTPS). */
  z.object({ kind: z.literal("session") }),
]);

export const releaseKeyInputSchema = z.object({
  /** The signed-in user asking, or null for a signature-only request. */
  userId: z.string().uuid().nullable(),
  tokenId,
  /** The account whose on-chain rights are claimed. */
  account: address,
  proof: keyProofSchema,
  delivery: keyDeliverySchema,
});
export type ReleaseKeyInput = z.input<typeof releaseKeyInputSchema>;

export type ReleasedKey =
  | { delivery: "sealed"; basis: AccessBasis; tokenId: bigint; contentRoot: string; sealedKey: string }
  | { delivery: "session"; basis: AccessBasis; tokenId: bigint; contentRoot: string; key: Uint8Array };

export const payeeSchema = z.object({
  account: address,
  shareBps: z.number().int().positive().max(10_000),
  role: z.number().int().min(0).max(3),
});

export const mintArticleTokenInputSchema = z.object({
  contentRoot: bytes32,
  owner: z.object({ address, publicKey }),
  metadataHash: bytes32,
  payees: z.array(payeeSchema).min(1).max(32),
  royaltyBps: z.number().int().min(0).max(10_000),
});
export type MintArticleTokenInput = z.input<typeof mintArticleTokenInputSchema>;

export const linkWalletInputSchema = z.object({
  userId: z.string().uuid(),
  /** The EIP-4361 message as the wallet signed it. */
  message: z.string().min(1).max(4000),
  signature: z.string().regex(/^0x[0-9a-fA-F]+$/, "must be a 0x-prefixed hex signature"),
});
export type LinkWalletInput = z.input<typeof linkWalletInputSchema>;

export interface KeyRequest {
  tokenId: bigint;
  articleToken: string;
  chainId: bigint;
  account: string;
  /** The sealed delivery's recipient public key, or "session". */
  deliverTo: string;
  issuedAt: string;
}

/** The text an account signs (EIP-191 personal_sign) to ask for an article key without a linked wallet. */
export function keyRequestMessage(request: KeyRequest): string {
  return [
    "MedNexus: release the content key of an article I may read.",
    `Article token: ${request.tokenId}`,
    `Contract: ${request.articleToken.toLowerCase()}`,
    `Chain ID: ${request.chainId}`,
    `Account: ${request.account.toLowerCase()}`,
    `Deliver to: ${request.deliverTo.toLowerCase()}`,
    `Issued at: ${request.issuedAt}`,
  ].join("\n");
}

/** The audit subject of an article token: chain, contract and id. */
export function articleTokenSubjectId(chainId: bigint | number, articleToken: string, tokenId: bigint): string {
  return `${chainId}/${articleToken.toLowerCase()}/${tokenId}`;
}
