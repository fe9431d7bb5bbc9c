// The "done when": an encrypted article is stored and minted with a revenue split, a reader buys a licence
// and gets the key through the key service; readers without a (valid) licence are refused and audited; the payees
// withdraw exactly what the contract's arithmetic credits them.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { getAddress, keccak256, toUtf8Bytes, type HDNodeWallet, type JsonRpcProvider } from "ethers";
import { anvilWallets, localProvider, startAnvil, type AnvilInstance } from "../../contracts/anvil";
import { deployContracts } from "../../contracts/deploy";
import { articleContentKeys, auditEvents, users } from "../../db/schema";
import { createArticleChain, LicenseKind, PayeeRole, type ArticleChain } from "../../app/adapters/chain/index.server";
import { createLocalContentStore, type ContentStore } from "../../app/adapters/storage/index.server";
import {
  articleTokenSubjectId,
  decryptArticle,
  keyRequestMessage,
  localWalletSigner,
  mintArticleToken,
  openSealed,
  provisionLocalWallet,
  releaseArticleKey,
  storeArticleContent,
  LOCAL_WALLET_FUNDING_WEI,
  type LocalWalletDeps,
  type ReleaseKeyDeps,
} from "../../app/modules/licensing/index.server";
import { DomainError } from "../../app/utils/errors";
import { availableDatabaseKinds, createTestDatabase, type TestDatabase } from "../helpers/db";

const kinds = await availableDatabaseKinds();

/** An odd price, so the split leaves rounding dust. */
const PRICE = 1_000_000_000_000_003n;
const LICENCE_SECONDS = 3_600;
const SPLIT = [5_000, 3_000, 2_000] as const;
const ARTICLE_TEXT =
  "Title: Continuous glucose monitoring in adolescents with HNF1A-MODY\n\nBackground: … Results: time in range rose from 61% to 78%.";

let anvil: AnvilInstance;
let provider: JsonRpcProvider;
let platform: HDNodeWallet;
let oracle: HDNodeWallet;
let faucet: HDNodeWallet;
let authorA: HDNodeWallet;
let authorB: HDNodeWallet;
let reviewer: HDNodeWallet;
let chain: ArticleChain;

beforeAll(async () => {
  anvil = await startAnvil();
  provider = localProvider(anvil.rpcUrl);
  [platform, oracle, faucet, authorA, authorB, reviewer] = anvilWallets(provider, 6) as [
    HDNodeWallet, HDNodeWallet, HDNodeWallet, HDNodeWallet, HDNodeWallet, HDNodeWallet,
  ];
  const deployment = await deployContracts({ deployer: platform, reencryptionOracle: oracle.address, minters: [platform.address] });
  await (await deployment.licenseManager.grantRole(keccak256(toUtf8Bytes("TERMS_REGISTRAR_ROLE")), platform.address)).wait();
  chain = createArticleChain({ addresses: deployment.addresses, platform, oracle });
});

afterAll(async () => {
  provider?.destroy();
  await anvil?.stop();
});

describe.each(kinds)("article tokens end to end on %s", (kind) => {
  let database: TestDatabase;
  let contentDir: string;
  let store: ContentStore;
  const kek = new Uint8Array(32).fill(kind === "pg" ? 1 : 2);
  const seed = new Uint8Array(32).fill(kind === "pg" ? 3 : 4);
  let keyDeps: ReleaseKeyDeps;
  let walletDeps: LocalWalletDeps;
  let people: Record<"authorA" | "buyer" | "stranger", string>;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    contentDir = await mkdtemp(path.join(tmpdir(), "mednexus-chain-content-"));
    store = createLocalContentStore({ dir: contentDir });
    keyDeps = { db: database.db, chain, kek };
    walletDeps = { db: database.db, seed, provider, funder: faucet };
    const rows = await database.db
      .insert(users)
      .values(["authorA", "buyer", "stranger"].map((name) => ({ email: `${name}-${kind}@example.org`, name, passwordHash: "not-used" })))
      .returning();
    people = { authorA: rows[0]!.id, buyer: rows[1]!.id, stranger: rows[2]!.id };
  });

  afterAll(async () => {
    await database?.close();
    if (contentDir) await rm(contentDir, { recursive: true, force: true });
  });

  async function refusal(promise: Promise<unknown>): Promise<DomainError> {
    const error = await promise.then(
      () => {
        throw new Error("expected the key service to refuse");
      },
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }

  async function auditOf(subjectId: string, action: string) {
    return database.db.query.auditEvents.findMany({
      where: and(eq(auditEvents.subjectType, "article_token"), eq(auditEvents.subjectId, subjectId), eq(auditEvents.action, action)),
      orderBy: (a, { asc }) => [asc(a.createdAt)],
    });
  }

  it("stores, mints, licenses, releases the key to the licensee only, and pays the split exactly", async () => {
    // Local wallets for the reader and a stranger, funded from the faucet account; provisioning is idempotent.
    const buyerWallet = await provisionLocalWallet(walletDeps, { userId: people.buyer });
    expect(buyerWallet.fundedWei).toBe(LOCAL_WALLET_FUNDING_WEI);
    expect(await provider.getBalance(buyerWallet.wallet.address)).toBe(LOCAL_WALLET_FUNDING_WEI);
    const again = await provisionLocalWallet(walletDeps, { userId: people.buyer });
    expect(again).toMatchObject({ fundedWei: 0n, wallet: { address: buyerWallet.wallet.address } });
    const buyer = await localWalletSigner(walletDeps, { userId: people.buyer });
    expect(buyer.address).toBe(buyerWallet.wallet.address);
    const strangerWallet = await provisionLocalWallet(walletDeps, { userId: people.stranger });
    expect(strangerWallet.wallet.address).not.toBe(buyer.address);

    // 1. The encrypted article is stored; only its envelope is in the content store.
    const plaintext = new TextEncoder().encode(ARTICLE_TEXT);
    const stored = await storeArticleContent({ db: database.db, store, kek }, { plaintext });
    const envelope = await store.get(stored.contentRoot);
    expect(Buffer.from(envelope).includes(Buffer.from("HNF1A"))).toBe(false);

    // 2. Minted with a split between two authors and a reviewer; the chain holds the root and the owner's sealed key.
    const minted = await mintArticleToken(
      { db: database.db, chain, kek },
      {
        actorId: people.authorA,
        contentRoot: stored.contentRoot,
        owner: { address: authorA.address, publicKey: authorA.signingKey.publicKey },
        metadataHash: keccak256(toUtf8Bytes(`metadata ${kind}`)),
        payees: [
          { account: authorA.address, shareBps: SPLIT[0], role: PayeeRole.Author },
          { account: authorB.address, shareBps: SPLIT[1], role: PayeeRole.Author },
          { account: reviewer.address, shareBps: SPLIT[2], role: PayeeRole.Reviewer },
        ],
        royaltyBps: 500,
      },
    );
    const tokenId = minted.tokenId;
    const subjectId = articleTokenSubjectId(anvil.chainId, chain.addresses.articleToken, tokenId);
    expect(await chain.ownerOf(tokenId)).toBe(authorA.address);
    expect(decryptArticle(envelope, openSealed(authorA.privateKey, minted.sealedKey))).toEqual(plaintext);

    // 3. Licence terms: personal reading, one hour.
    await chain.registerLicenseTerms({
      tokenId,
      termsId: 1n,
      kind: LicenseKind.PersonalReading,
      priceWei: PRICE,
      durationSeconds: LICENCE_SECONDS,
      transferable: false,
      termsHash: keccak256(toUtf8Bytes("personal reading, 1 hour")),
    });

    const askAs = (userId: string, account: string, recipientPublicKey: string) =>
      releaseArticleKey(keyDeps, {
        userId,
        tokenId,
        account,
        proof: { kind: "linked-wallet" },
        delivery: { kind: "sealed", recipientPublicKey },
      });

    // Before buying, the reader is refused.
    const early = await refusal(askAs(people.buyer, buyer.address, buyer.signingKey.publicKey));
    expect(early.code).toBe("FORBIDDEN");
    expect(early.message).toMatch(/holds no unexpired licence/);

    // 4. The reader buys from its own wallet; the price is exact and credited to the split.
    const balanceBeforePurchase = await provider.getBalance(buyer.address);
    const licence = await chain.purchaseLicense(buyer, tokenId, 1n);
    expect(licence.licensee).toBe(buyer.address);
    expect(await provider.getBalance(buyer.address)).toBe(balanceBeforePurchase - PRICE - licence.gasCostWei);

    // 5. The key service releases the key sealed to the reader's public key; the reader decrypts the text.
    const released = await askAs(people.buyer, buyer.address, buyer.signingKey.publicKey);
    expect(released).toMatchObject({ delivery: "sealed", basis: "license", contentRoot: stored.contentRoot });
    if (released.delivery !== "sealed") throw new Error("expected a sealed key");
    const fetched = await store.get(released.contentRoot);
    expect(new TextDecoder().decode(decryptArticle(fetched, openSealed(buyer.privateKey, released.sealedKey)))).toBe(ARTICLE_TEXT);

    // The same key over the signed-in session.
    const overSession = await releaseArticleKey(keyDeps, {
      userId: people.buyer,
      tokenId,
      account: buyer.address,
      proof: { kind: "linked-wallet" },
      delivery: { kind: "session" },
    });
    if (overSession.delivery !== "session") throw new Error("expected a session key");
    expect(decryptArticle(fetched, overSession.key)).toEqual(plaintext);

    // The owner, with no linked wallet, proves control by signing the request.
    const issuedAt = new Date().toISOString();
    const message = keyRequestMessage({
      tokenId,
      articleToken: chain.addresses.articleToken,
      chainId: BigInt(anvil.chainId),
      account: authorA.address,
      deliverTo: authorA.signingKey.publicKey,
      issuedAt,
    });
    const signature = await authorA.signMessage(message);
    const ownerKey = await releaseArticleKey(keyDeps, {
      userId: null,
      tokenId,
      account: authorA.address,
      proof: { kind: "signature", issuedAt, signature },
      delivery: { kind: "sealed", recipientPublicKey: authorA.signingKey.publicKey },
    });
    expect(ownerKey.basis).toBe("owner");
    // The signature cannot be replayed to have the key sealed to someone else's public key.
    const redirected = await refusal(
      releaseArticleKey(keyDeps, {
        userId: null,
        tokenId,
        account: authorA.address,
        proof: { kind: "signature", issuedAt, signature },
        delivery: { kind: "sealed", recipientPublicKey: buyer.signingKey.publicKey },
      }),
    );
    expect(redirected.message).toMatch(/not signed by/);

    // 6. An account without a licence is refused, and a wallet not linked to the user cannot be claimed.
    const stranger = await localWalletSigner(walletDeps, { userId: people.stranger });
    const refused = await refusal(askAs(people.stranger, stranger.address, stranger.signingKey.publicKey));
    expect(refused.code).toBe("FORBIDDEN");
    const claimed = await refusal(askAs(people.stranger, buyer.address, stranger.signingKey.publicKey));
    expect(claimed.message).toMatch(/not a wallet linked to your profile/);

    // An owner's usage authorisation lets the stranger read, read from the chain at request time.
    await chain.authorizeUsage(authorA, tokenId, stranger.address);
    expect((await askAs(people.stranger, stranger.address, stranger.signingKey.publicKey)).basis).toBe("authorized");

    // 7. Once the licence has expired, the reader is refused again.
    await provider.send("evm_increaseTime", [LICENCE_SECONDS + 1]);
    await provider.send("evm_mine", []);
    const expired = await refusal(askAs(people.buyer, buyer.address, buyer.signingKey.publicKey));
    expect(expired.code).toBe("FORBIDDEN");

    // Every release and every refusal is in the audit log.
    const releases = await auditOf(subjectId, "article.key.released");
    expect(releases.map((e) => e.data.basis)).toEqual(["license", "license", "owner", "authorized"]);
    const refusals = await auditOf(subjectId, "article.key.refused");
    expect(refusals.map((e) => [e.actorId, e.data.reason])).toEqual([
      [people.buyer, "no-licence"],
      [null, "bad-signature"],
      [people.stranger, "no-licence"],
      [people.stranger, "wallet-not-linked"],
      [people.buyer, "no-licence"],
    ]);
    expect(refusals[2]!.data.account).toBe(getAddress(stranger.address));

    // 8. Each payee withdraws exactly floor(price × share / 10,000), the first payee also the rounding dust.
    const shares = SPLIT.map((bps) => (PRICE * BigInt(bps)) / 10_000n);
    const dust = PRICE - shares.reduce((a, b) => a + b, 0n);
    expect(dust).toBeGreaterThan(0n);
    const expected = [shares[0]! + dust, shares[1]!, shares[2]!];
    const payees = [authorA, authorB, reviewer];
    for (const [index, payee] of payees.entries()) {
      expect(await chain.withdrawableOf(payee.address)).toBe(expected[index]);
      const before = await provider.getBalance(payee.address);
      const withdrawal = await chain.withdraw(payee);
      expect(withdrawal.amountWei).toBe(expected[index]);
      expect(await provider.getBalance(payee.address)).toBe(before + expected[index]! - withdrawal.gasCostWei);
      expect(await chain.withdrawableOf(payee.address)).toBe(0n);
    }
  });

  // A development chain that lost its state restarts token ids at the same contract addresses: the platform must
  // neither release a key for content the token does not name nor be stuck on the old claim.
  it("releases only the key of the content the token names on chain, and lets a new mint replace a stale claim", async () => {
    const mint = async (label: string) => {
      const stored = await storeArticleContent({ db: database.db, store, kek }, { plaintext: new TextEncoder().encode(label) });
      const minted = await mintArticleToken(
        { db: database.db, chain, kek },
        {
          contentRoot: stored.contentRoot,
          owner: { address: authorA.address, publicKey: authorA.signingKey.publicKey },
          metadataHash: keccak256(toUtf8Bytes(label)),
          payees: [{ account: authorA.address, shareBps: 10_000, role: PayeeRole.Author }],
          royaltyBps: 0,
        },
      );
      return { ...stored, tokenId: minted.tokenId };
    };
    const askAsOwner = async (tokenId: bigint) => {
      const issuedAt = new Date().toISOString();
      const deliverTo = authorA.signingKey.publicKey;
      const message = keyRequestMessage({ tokenId, articleToken: chain.addresses.articleToken, chainId: BigInt(anvil.chainId), account: authorA.address, deliverTo, issuedAt });
      return releaseArticleKey(keyDeps, {
        userId: null,
        tokenId,
        account: authorA.address,
        proof: { kind: "signature", issuedAt, signature: await authorA.signMessage(message) },
        delivery: { kind: "sealed", recipientPublicKey: deliverTo },
      });
    };
    const claim = (contentRoot: string, tokenId: bigint | null) =>
      database.db
        .update(articleContentKeys)
        .set({ tokenId: tokenId === null ? null : tokenId.toString() })
        .where(eq(articleContentKeys.contentRoot, contentRoot));

    const first = await mint("Version A");
    const second = await mint("Version B");
    // The first version's row now claims the second token, as after a reset chain re-used the id.
    await claim(second.contentRoot, null);
    await claim(first.contentRoot, second.tokenId);
    const mismatch = await refusal(askAsOwner(second.tokenId));
    expect(mismatch.code).toBe("NOT_FOUND");
    expect(mismatch.message).toMatch(/names different content on chain/);

    // The next mint takes the id a stale row claims: the claim is cleared and the new content is served.
    const nextId = second.tokenId + 1n;
    expect(await chain.ownerOf(nextId)).toBeNull();
    await claim(first.contentRoot, nextId);
    const third = await mint("Version C");
    expect(third.tokenId).toBe(nextId);
    const released = await askAsOwner(third.tokenId);
    if (released.delivery !== "sealed") throw new Error("expected a sealed key");
    const envelope = await store.get(third.contentRoot);
    expect(new TextDecoder().decode(decryptArticle(envelope, openSealed(authorA.privateKey, released.sealedKey)))).toBe("Version C");
    const firstRow = await database.db.query.articleContentKeys.findFirst({ where: eq(articleContentKeys.contentRoot, first.contentRoot) });
    expect(firstRow?.tokenId).toBeNull();
    const refusals = await auditOf(articleTokenSubjectId(anvil.chainId, chain.addresses.articleToken, second.tokenId), "article.key.refused");
    expect(refusals.map((e) => e.data.reason)).toEqual(["root-mismatch"]);
  });
});
