// Wallets of users: linked by signing an EIP-4361 (Sign-In with Ethereum) message, or, on the development chain,
// a local key derived per user from a seed and funded from a faucet account so a browser needs no extension.
import { hkdfSync, randomBytes } from "node:crypto";
import { SiweMessage } from "siwe";
import { SigningKey, Wallet, getAddress, hashMessage, hexlify, type Provider, type Signer } from "ethers";
import type { Db } from "../../../db/client";
import { DomainError } from "../../utils/errors";
import { recordAudit } from "../audit/index.server";
import { LOCAL_WALLET_FUNDING_WEI, WALLET_LINK_NONCE_TTL_MS, linkWalletInputSchema, type LinkWalletInput } from "./model";
import * as q from "./queries.server";

export interface WalletLinkDeps {
  db: Db;
  /** What the SIWE message must name: the site's host (`domain`), its origin (`uri`) and the chain. */
  siwe: { domain: string; uri: string; chainId: number };
  now?: () => Date;
}

export interface WalletLinkChallenge {
  nonce: string;
  expiresAt: Date;
  domain: string;
  uri: string;
  chainId: number;
  statement: string;
}

export const WALLET_LINK_STATEMENT = "Link this wallet to my MedNexus profile.";

const clock = (deps: { now?: () => Date }) => (deps.now ?? (() => new Date()))();

/** Issues a single-use nonce for the user's next wallet-link message (valid 10 minutes). */
export async function issueWalletLinkNonce(deps: WalletLinkDeps, input: { userId: string }): Promise<WalletLinkChallenge> {
  // SIWE nonces are alphanumeric, at least 8 characters; 128 bits of randomness in hex.
  const nonce = randomBytes(16).toString("hex");
  const expiresAt = new Date(clock(deps).getTime() + WALLET_LINK_NONCE_TTL_MS);
  await q.insertWalletLinkNonce(deps.db, { nonce, userId: input.userId, expiresAt });
  return { nonce, expiresAt, domain: deps.siwe.domain, uri: deps.siwe.uri, chainId: deps.siwe.chainId, statement: WALLET_LINK_STATEMENT };
}

/** Verifies a signed EIP-4361 message and links its address to the user; the nonce is consumed. */
export async function linkWallet(deps: WalletLinkDeps, raw: LinkWalletInput) {
  const parsed = linkWalletInputSchema.safeParse(raw);
  if (!parsed.success) throw new DomainError("VALIDATION", "Send the signed Sign-In with Ethereum message and its signature.");
  const input = parsed.data;
  const now = clock(deps);

  let message: SiweMessage;
  try {
    message = new SiweMessage(input.message);
  } catch (error) {
    throw new DomainError("VALIDATION", `This is not a valid Sign-In with Ethereum message: ${describeSiweError(error)}`);
  }
  if (message.domain !== deps.siwe.domain) {
    throw new DomainError("FORBIDDEN", `The message was signed for ${message.domain}, not ${deps.siwe.domain}.`);
  }
  if (originOf(message.uri) !== originOf(deps.siwe.uri)) {
    throw new DomainError("FORBIDDEN", `The message names the URI ${message.uri}; this site is ${deps.siwe.uri}.`);
  }
  if (message.chainId !== deps.siwe.chainId) {
    throw new DomainError("FORBIDDEN", `The message is for chain ${message.chainId}; MedNexus runs on chain ${deps.siwe.chainId}.`);
  }
  const verified = await message.verify(
    { signature: input.signature, domain: deps.siwe.domain, nonce: message.nonce, time: now.toISOString() },
    { suppressExceptions: true },
  );
  if (!verified.success) {
    throw new DomainError("FORBIDDEN", `The wallet signature was refused: ${verified.error?.type ?? "unknown reason"}`);
  }

  const consumed = await q.consumeWalletLinkNonce(deps.db, message.nonce, input.userId, now);
  if (!consumed) {
    const known = await q.findWalletLinkNonce(deps.db, message.nonce);
    const why =
      !known || known.userId !== input.userId
        ? "was not issued to you"
        : known.usedAt
          ? "was already used"
          : "has expired";
    throw new DomainError("FORBIDDEN", `The sign-in nonce ${why}: ask for a new one and sign again.`);
  }

  const address = getAddress(message.address);
  const publicKey = SigningKey.recoverPublicKey(hashMessage(message.prepareMessage()), input.signature);
  const { wallet, created } = await q.insertWallet(deps.db, { userId: input.userId, address, publicKey, kind: "siwe" });
  if (wallet.userId !== input.userId) {
    throw new DomainError("CONFLICT", `The wallet ${address} is already linked to another profile.`);
  }
  if (created) {
    await recordAudit(deps.db, { actorId: input.userId, action: "wallet.linked", subjectType: "user", subjectId: input.userId, data: { address, kind: "siwe" } });
  }
  return wallet;
}

export function listWallets(deps: { db: Db }, input: { userId: string }) {
  return q.listWalletsOfUser(deps.db, input.userId);
}

export interface LocalWalletDeps {
  db: Db;
  /** LOCAL_WALLET_SEED: the secret every local key is derived from. */
  seed: Uint8Array;
  provider: Provider;
  /** A funded account of the development chain that pays for new wallets. */
  funder: Signer;
  fundingWei?: bigint;
}

/**
 * Gives the user a wallet on the development chain: a key derived from the seed and the user id (so it is never
 * stored, only re-derived), its address linked to the user, topped up with 100 ETH while its balance is below 1 ETH.
 */
export async function provisionLocalWallet(deps: LocalWalletDeps, input: { userId: string }) {
  const signer = deriveLocalWallet(deps.seed, input.userId);
  const { wallet, created } = await q.insertWallet(deps.db, {
    userId: input.userId,
    address: signer.address,
    publicKey: signer.signingKey.publicKey,
    kind: "local",
  });
  if (wallet.userId !== input.userId) throw new Error(`Local wallet ${signer.address} is linked to another user`);
  if (created) {
    await recordAudit(deps.db, { actorId: input.userId, action: "wallet.linked", subjectType: "user", subjectId: input.userId, data: { address: signer.address, kind: "local" } });
  }
  const fundedWei = await topUp(deps, signer.address);
  return { wallet, fundedWei };
}

/** The user's local wallet as a signer on the development chain; refuses a user who has none. */
export async function localWalletSigner(deps: Pick<LocalWalletDeps, "db" | "seed" | "provider">, input: { userId: string }): Promise<Wallet> {
  const signer = deriveLocalWallet(deps.seed, input.userId);
  const wallet = await q.findWalletByAddress(deps.db, signer.address);
  if (!wallet || wallet.userId !== input.userId || wallet.kind !== "local") {
    throw new DomainError("NOT_FOUND", "You have no local wallet yet: provision one first.");
  }
  return signer.connect(deps.provider);
}

function deriveLocalWallet(seed: Uint8Array, userId: string): Wallet {
  if (seed.byteLength < 16) throw new Error("LOCAL_WALLET_SEED must hold at least 16 bytes");
  // Out of range for secp256k1 with probability about 2^-128; Wallet would throw rather than misbehave.
  const key = hkdfSync("sha256", seed, Buffer.from("mednexus-local-wallet-v1"), Buffer.from(userId), 32);
  return new Wallet(hexlify(new Uint8Array(key)));
}

// Funding transactions from one faucet are sent one at a time: parallel sends would reuse its nonce.
const fundingQueues = new WeakMap<Signer, Promise<unknown>>();

async function topUp(deps: LocalWalletDeps, address: string): Promise<bigint> {
  const fundingWei = deps.fundingWei ?? LOCAL_WALLET_FUNDING_WEI;
  const run = async () => {
    const balance = await deps.provider.getBalance(address);
    if (balance >= 10n ** 18n) return 0n;
    const tx = await deps.funder.sendTransaction({ to: address, value: fundingWei });
    await tx.wait();
    return fundingWei;
  };
  const previous = fundingQueues.get(deps.funder) ?? Promise.resolve();
  const next = previous.then(run, run);
  fundingQueues.set(deps.funder, next.catch(() => undefined));
  return next;
}

function originOf(uri: string): string {
  try {
    return new URL(uri).origin;
  } catch {
    return uri;
  }
}

function describeSiweError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error && typeof error === "object" && "type" in error) return String((error as { type: unknown }).type);
  return String(error);
}
