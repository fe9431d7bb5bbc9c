// What the publishing use cases need from the outside world, and how a payee's wallet is found or provisioned.
import type { Provider, Signer } from "ethers";
import type { Db } from "../../../db/client";
import type { ArticleChain } from "../../adapters/chain/index.server";
import type { ContentStore } from "../../adapters/storage/index.server";
import { DomainError } from "../../utils/errors";
import { localWalletSigner, provisionLocalWallet } from "../licensing/index.server";
import * as q from "./queries.server";

export interface LocalWallets {
  /** LOCAL_WALLET_SEED. */
  seed: Uint8Array;
  provider: Provider;
  /** The development chain's faucet account. */
  funder: Signer;
}

export interface PublishingDeps {
  db: Db;
  chain: ArticleChain;
  store: ContentStore;
  /** CONTENT_KEK. */
  kek: Uint8Array;
  /** Local chain only: users get derived, funded wallets and sign with them server-side. Null on a remote chain. */
  localWallets: LocalWallets | null;
  now?: () => Date;
}

export const clock = (deps: { now?: () => Date }) => (deps.now ?? (() => new Date()))();

export interface PayeeWallet {
  userId: string;
  address: string;
  publicKey: string;
  kind: "siwe" | "local";
}

/** The user's wallet (the first linked); on a local chain one is provisioned and funded when there is none. */
export async function walletFor(deps: Pick<PublishingDeps, "db" | "localWallets">, userId: string, name: string): Promise<PayeeWallet> {
  const [existing] = await q.walletsOf(deps.db, [userId]);
  if (existing) return existing;
  if (!deps.localWallets) {
    throw new DomainError("VALIDATION", `${name} has no wallet to be paid into: they must link one (Sign-In with Ethereum) before the split can be approved.`);
  }
  const { wallet } = await provisionLocalWallet({ db: deps.db, ...deps.localWallets }, { userId });
  return { userId, address: wallet.address, publicKey: wallet.publicKey, kind: wallet.kind };
}

/** The user's local wallet as a signer (local chain only), topped up when low. */
export async function signerFor(deps: Pick<PublishingDeps, "db" | "localWallets">, userId: string) {
  if (!deps.localWallets) {
    throw new DomainError("VALIDATION", "Payments from the browser wallet are not available here: this server runs on a remote chain, sign the transaction with your own wallet.");
  }
  await provisionLocalWallet({ db: deps.db, ...deps.localWallets }, { userId });
  return localWalletSigner({ db: deps.db, ...deps.localWallets }, { userId });
}
