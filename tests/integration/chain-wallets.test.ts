// Linking a wallet with Sign-In with Ethereum (EIP-4361): single-use nonces that expire after 10 minutes, and the
// message's domain, URI, chain and signature checked.
import { and, eq } from "drizzle-orm";
import { SiweMessage } from "siwe";
import { Wallet, type HDNodeWallet } from "ethers";
import { auditEvents, users } from "../../db/schema";
import { issueWalletLinkNonce, linkWallet, listWallets, type WalletLinkDeps } from "../../app/modules/licensing/index.server";
import { DomainError } from "../../app/utils/errors";
import { availableDatabaseKinds, createTestDatabase, type TestDatabase } from "../helpers/db";

const kinds = await availableDatabaseKinds();
const SITE = { domain: "mednexus.example", uri: "https://mednexus.example", chainId: 31337 };

describe.each(kinds)("wallet linking on %s", (kind) => {
  let database: TestDatabase;
  let now: Date;
  let deps: WalletLinkDeps;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const rows = await database.db
      .insert(users)
      .values(["alice", "bob"].map((name) => ({ email: `${name}-${kind}@example.org`, name, passwordHash: "not-used" })))
      .returning();
    alice = rows[0]!.id;
    bob = rows[1]!.id;
  });

  afterAll(async () => {
    await database?.close();
  });

  beforeEach(() => {
    now = new Date("2026-03-01T10:00:00Z");
    deps = { db: database.db, siwe: SITE, now: () => now };
  });

  async function signedLink(wallet: HDNodeWallet, userId: string, overrides: Partial<SiweMessage> = {}) {
    const challenge = await issueWalletLinkNonce(deps, { userId });
    const message = new SiweMessage({
      domain: challenge.domain,
      address: wallet.address,
      statement: challenge.statement,
      uri: challenge.uri,
      version: "1",
      chainId: challenge.chainId,
      nonce: challenge.nonce,
      issuedAt: now.toISOString(),
      ...overrides,
    }).prepareMessage();
    return { userId, message, signature: await wallet.signMessage(message) };
  }

  async function refusal(promise: Promise<unknown>): Promise<DomainError> {
    const error = await promise.then(
      () => {
        throw new Error("expected the link to be refused");
      },
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }

  it("links the signing address with its public key, once per nonce", async () => {
    const wallet = Wallet.createRandom();
    const request = await signedLink(wallet, alice);
    const linked = await linkWallet(deps, request);
    expect(linked).toMatchObject({ userId: alice, address: wallet.address, publicKey: wallet.signingKey.publicKey, kind: "siwe" });
    expect((await listWallets(deps, { userId: alice })).map((w) => w.address)).toEqual([wallet.address]);
    const audited = await database.db.query.auditEvents.findMany({
      where: and(eq(auditEvents.action, "wallet.linked"), eq(auditEvents.subjectId, alice)),
    });
    expect(audited.map((e) => e.data.address)).toEqual([wallet.address]);

    const replay = await refusal(linkWallet(deps, request));
    expect(replay.code).toBe("FORBIDDEN");
    expect(replay.message).toMatch(/already used/);
  });

  it("refuses a nonce after its 10 minutes, or issued to someone else", async () => {
    const wallet = Wallet.createRandom();
    const request = await signedLink(wallet, alice);
    now = new Date(now.getTime() + 10 * 60 * 1000 + 1);
    expect((await refusal(linkWallet(deps, request))).message).toMatch(/has expired/);

    const forBob = await signedLink(wallet, bob);
    expect((await refusal(linkWallet(deps, { ...forBob, userId: alice }))).message).toMatch(/was not issued to you/);
    expect((await listWallets(deps, { userId: alice })).map((w) => w.address)).not.toContain(wallet.address);
  });

  it("checks the message's domain, URI, chain, expiry and signature", async () => {
    const wallet = Wallet.createRandom();
    const cases: Array<[Partial<SiweMessage>, RegExp]> = [
      [{ domain: "evil.example" }, /signed for evil\.example/],
      [{ uri: "https://evil.example/login" }, /names the URI/],
      [{ chainId: 1 }, /for chain 1/],
      [{ expirationTime: new Date(now.getTime() - 1000).toISOString() }, /Expired message/],
    ];
    for (const [override, expected] of cases) {
      const error = await refusal(linkWallet(deps, await signedLink(wallet, alice, override)));
      expect(error.code).toBe("FORBIDDEN");
      expect(error.message).toMatch(expected);
    }
    const request = await signedLink(wallet, alice);
    const forged = { ...request, signature: await Wallet.createRandom().signMessage(request.message) };
    expect((await refusal(linkWallet(deps, forged))).message).toMatch(/Signature does not match/);
    // A refused signature does not burn the nonce: the genuine one still links.
    expect((await linkWallet(deps, request)).address).toBe(wallet.address);
    const garbled = await refusal(linkWallet(deps, { userId: alice, message: "hello", signature: request.signature }));
    expect(garbled.code).toBe("VALIDATION");
  });

  it("refuses to link an address another user already linked", async () => {
    const wallet = Wallet.createRandom();
    await linkWallet(deps, await signedLink(wallet, alice));
    const error = await refusal(linkWallet(deps, await signedLink(wallet, bob)));
    expect(error.code).toBe("CONFLICT");
  });
});
