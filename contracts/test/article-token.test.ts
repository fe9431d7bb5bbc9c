import { keccak256, type HDNodeWallet } from "ethers";
import { deploy, PayeeRole, type ArticleTokenContract, type Payee, type TransferProof } from "../deploy.js";
import {
  expectRevert,
  deployFresh,
  latestTimestamp,
  mintArticle,
  sampleData,
  sampleSealedKey,
  signAcknowledgement,
  signTransferProof,
  standardSplit,
  startChain,
  stopChain,
  type Chain,
} from "./helpers.js";

let chain: Chain;
let token: ArticleTokenContract;

beforeAll(async () => {
  chain = await startChain();
});

afterAll(async () => {
  await stopChain(chain);
});

beforeEach(async () => {
  ({ articleToken: token } = await deployFresh(chain));
});

describe("minting", () => {
  it("mints an article with its encrypted-content data, sealed key and split", async () => {
    const tokenId = await mintArticle(chain, token);

    expect(tokenId).toBe(1n);
    expect(await token.ownerOf(tokenId)).toBe(chain.accounts.firstAuthor.address);
    const data = await token.intelligentDataOf(tokenId);
    expect(data.storageRoot).toBe(sampleData.storageRoot);
    expect(data.metadataHash).toBe(sampleData.metadataHash);
    expect(await token.sealedKeyOf(tokenId)).toBe(sampleSealedKey);
    const split = await token.splitOf(tokenId);
    expect(split.map((p) => [p.account, Number(p.shareBps), Number(p.role)])).toEqual(
      standardSplit(chain).map((p) => [p.account, p.shareBps, p.role]),
    );
  });

  it("refuses a mint from an account without MINTER_ROLE", async () => {
    const { outsider } = chain.accounts;
    await expectRevert(
      chain,
      token.connect(outsider).mint(outsider.address, sampleData, sampleSealedKey, standardSplit(chain), 500),
      "AccessControlUnauthorizedAccount",
      [outsider.address, await token.MINTER_ROLE()],
    );
  });

  it("refuses an empty sealed key and a zero storage root", async () => {
    const { admin, firstAuthor } = chain.accounts;
    const minter = token.connect(admin);
    await expectRevert(
      chain,
      minter.mint(firstAuthor.address, sampleData, "0x", standardSplit(chain), 500),
      "ArticleEmptySealedKey",
    );
    await expectRevert(
      chain,
      minter.mint(
        firstAuthor.address,
        { ...sampleData, storageRoot: `0x${"00".repeat(32)}` },
        sampleSealedKey,
        standardSplit(chain),
        500,
      ),
      "ArticleZeroStorageRoot",
    );
  });
});

describe("revenue split validation", () => {
  const author = (account: string, shareBps: number): Payee => ({ account, shareBps, role: PayeeRole.Author });

  const invalidSplits: Array<[string, (c: Chain) => Payee[], string, (c: Chain) => unknown[]]> = [
    ["no payees", () => [], "ArticleNoPayees", () => []],
    [
      "a zero-address payee",
      (c) => [author(c.accounts.firstAuthor.address, 5_000), author("0x0000000000000000000000000000000000000000", 5_000)],
      "ArticleZeroPayee",
      () => [1n],
    ],
    [
      "a duplicate payee",
      (c) => [author(c.accounts.firstAuthor.address, 5_000), author(c.accounts.firstAuthor.address, 5_000)],
      "ArticleDuplicatePayee",
      (c) => [c.accounts.firstAuthor.address],
    ],
    [
      "a zero share",
      (c) => [author(c.accounts.firstAuthor.address, 10_000), author(c.accounts.secondAuthor.address, 0)],
      "ArticleZeroShare",
      (c) => [c.accounts.secondAuthor.address],
    ],
    [
      "shares summing below 10,000",
      (c) => [author(c.accounts.firstAuthor.address, 5_000), author(c.accounts.secondAuthor.address, 4_999)],
      "ArticleInvalidShares",
      () => [9_999n],
    ],
    [
      "shares summing above 10,000",
      (c) => [author(c.accounts.firstAuthor.address, 5_000), author(c.accounts.secondAuthor.address, 5_001)],
      "ArticleInvalidShares",
      () => [10_001n],
    ],
    [
      "a platform fee above 1,000 bps",
      (c) => [
        author(c.accounts.firstAuthor.address, 8_999),
        { account: c.accounts.platform.address, shareBps: 1_001, role: PayeeRole.Platform },
      ],
      "ArticlePlatformFeeTooHigh",
      () => [1_001n, 1_000n],
    ],
    [
      "no author",
      (c) => [
        { account: c.accounts.reviewer.address, shareBps: 9_500, role: PayeeRole.Reviewer },
        { account: c.accounts.platform.address, shareBps: 500, role: PayeeRole.Platform },
      ],
      "ArticleMissingAuthor",
      () => [],
    ],
    [
      "more than 32 payees",
      () =>
        Array.from({ length: 33 }, (_, i) =>
          author(`0x${(i + 1).toString(16).padStart(40, "0")}`, i === 0 ? 10_000 - 32 * 300 : 300),
        ),
      "ArticleTooManyPayees",
      () => [33n, 32n],
    ],
  ];

  it.each(invalidSplits)("refuses a split with %s", async (_case, payees, errorName, args) => {
    await expectRevert(
      chain,
      token.connect(chain.accounts.admin).mint(chain.accounts.firstAuthor.address, sampleData, sampleSealedKey, payees(chain), 0),
      errorName,
      args(chain),
    );
    expect(await token.lastTokenId()).toBe(0n);
  });
});

describe("payments and withdrawals", () => {
  it("credits each payee its share and gives the rounding dust to the first payee", async () => {
    const { firstAuthor, secondAuthor, reviewer } = chain.accounts;
    const payees: Payee[] = [
      { account: firstAuthor.address, shareBps: 3_333, role: PayeeRole.Author },
      { account: secondAuthor.address, shareBps: 3_333, role: PayeeRole.Author },
      { account: reviewer.address, shareBps: 3_334, role: PayeeRole.Reviewer },
    ];
    const tokenId = await mintArticle(chain, token, { payees });

    // 10 wei: floor shares are 3, 3 and 3; the 1 wei of dust goes to the first payee.
    await (await token.connect(chain.accounts.reader).pay(tokenId, { value: 10n })).wait();
    expect(await token.withdrawableOf(firstAuthor.address)).toBe(4n);
    expect(await token.withdrawableOf(secondAuthor.address)).toBe(3n);
    expect(await token.withdrawableOf(reviewer.address)).toBe(3n);

    // 1,000,001 wei: 333,300 / 333,300 / 333,400, dust 1.
    await (await token.connect(chain.accounts.reader).pay(tokenId, { value: 1_000_001n })).wait();
    expect(await token.withdrawableOf(firstAuthor.address)).toBe(4n + 333_301n);
    expect(await token.withdrawableOf(secondAuthor.address)).toBe(3n + 333_300n);
    expect(await token.withdrawableOf(reviewer.address)).toBe(3n + 333_400n);
    expect(await token.revenueOf(tokenId)).toBe(1_000_011n);
    expect(await chain.provider.getBalance(await token.getAddress())).toBe(1_000_011n);
  });

  it("lets each payee withdraw exactly its credit, once", async () => {
    const tokenId = await mintArticle(chain, token);
    const payment = 1_234_567_890_123n;
    await (await token.connect(chain.accounts.reader).pay(tokenId, { value: payment })).wait();

    // Floor shares 740,740,734,073 + 308,641,972,530 + 123,456,789,012 + 61,728,394,506 leave 2 wei of dust.
    const expected = new Map<HDNodeWallet, bigint>([
      [chain.accounts.firstAuthor, 740_740_734_073n + 2n],
      [chain.accounts.secondAuthor, 308_641_972_530n],
      [chain.accounts.reviewer, 123_456_789_012n],
      [chain.accounts.platform, 61_728_394_506n],
    ]);
    expect([...expected.values()].reduce((a, b) => a + b, 0n)).toBe(payment);

    for (const [payee, amount] of expected) {
      expect(await token.withdrawableOf(payee.address)).toBe(amount);
      const before = await chain.provider.getBalance(payee.address);
      const receipt = await (await token.connect(payee).withdraw()).wait();
      if (!receipt) throw new Error("withdraw was not mined");
      const after = await chain.provider.getBalance(payee.address);
      expect(after - before + receipt.fee).toBe(amount);
      expect(await token.withdrawableOf(payee.address)).toBe(0n);
      await expectRevert(chain, token.connect(payee).withdraw(), "ArticleNothingToWithdraw", [payee.address]);
    }
    expect(await chain.provider.getBalance(await token.getAddress())).toBe(0n);
  });

  it("refuses a zero payment, a payment to a missing token and plain value transfers", async () => {
    const tokenId = await mintArticle(chain, token);
    const reader = chain.accounts.reader;
    await expectRevert(chain, token.connect(reader).pay(tokenId, { value: 0n }), "ArticleZeroPayment");
    await expectRevert(chain, token.connect(reader).pay(99n, { value: 1n }), "ERC721NonexistentToken", [99n]);
    await expect(reader.sendTransaction({ to: await token.getAddress(), value: 1n })).rejects.toThrow();
    expect(await chain.provider.getBalance(await token.getAddress())).toBe(0n);
  });

  it("stops a malicious payee from withdrawing twice by re-entering withdraw", async () => {
    const attacker = await deploy(chain.artifacts.MaliciousPayee, chain.accounts.admin, [await token.getAddress()]);
    const attackerAddress = await attacker.getAddress();
    const payees: Payee[] = [
      { account: chain.accounts.firstAuthor.address, shareBps: 5_000, role: PayeeRole.Author },
      { account: attackerAddress, shareBps: 5_000, role: PayeeRole.Reviewer },
    ];
    const tokenId = await mintArticle(chain, token, { payees });
    await (await token.connect(chain.accounts.reader).pay(tokenId, { value: 1_000n })).wait();

    const malicious = attacker.connect(chain.accounts.outsider) as typeof attacker & {
      attack(): Promise<{ wait(): Promise<unknown> }>;
      received(): Promise<bigint>;
      reentryAttempts(): Promise<bigint>;
      reentryRevertData(): Promise<string>;
    };
    await (await malicious.attack()).wait();

    expect(await malicious.reentryAttempts()).toBe(1n);
    expect(await malicious.received()).toBe(500n);
    const reentry = chain.errors.parseError(await malicious.reentryRevertData());
    expect(reentry?.name).toBe("ReentrancyGuardReentrantCall");
    expect(await token.withdrawableOf(attackerAddress)).toBe(0n);
    expect(await token.withdrawableOf(chain.accounts.firstAuthor.address)).toBe(500n);
    expect(await chain.provider.getBalance(await token.getAddress())).toBe(500n);
  });
});

describe("royalties", () => {
  it("names the token contract as royalty receiver and credits royalties paid through pay", async () => {
    const tokenId = await mintArticle(chain, token, { royaltyBps: 750 });
    const [receiver, amount] = await token.royaltyInfo(tokenId, 2_000_000n);
    expect(receiver).toBe(await token.getAddress());
    expect(amount).toBe(150_000n);
    expect(await token.supportsInterface("0x2a55205a")).toBe(true);
    expect(await token.supportsInterface("0x80ac58cd")).toBe(true);

    await (await token.connect(chain.accounts.buyer).pay(tokenId, { value: amount })).wait();
    expect(await token.withdrawableOf(chain.accounts.firstAuthor.address)).toBe(90_000n);
    expect(await token.withdrawableOf(chain.accounts.platform.address)).toBe(7_500n);
  });
});

describe("transfers with an oracle proof", () => {
  const newSealedKey = "0x5ea1ed02b0b0";

  async function proofFor(tokenId: bigint, to: string, overrides: Partial<TransferProof> = {}): Promise<TransferProof> {
    return {
      tokenId,
      from: chain.accounts.firstAuthor.address,
      to,
      sealedKeyHash: keccak256(newSealedKey),
      nonce: 1n,
      deadline: (await latestTimestamp(chain)) + 3_600n,
      ...overrides,
    };
  }

  it("moves the token and publishes the key sealed for the receiver", async () => {
    const { firstAuthor, buyer, oracle } = chain.accounts;
    const tokenId = await mintArticle(chain, token);
    const proof = await proofFor(tokenId, buyer.address);

    const tx = await token
      .connect(firstAuthor)
      .transferWithProof(
        proof,
        newSealedKey,
        await signTransferProof(chain, token, oracle, proof),
        await signAcknowledgement(chain, token, buyer, proof),
      );
    await tx.wait();

    expect(await token.ownerOf(tokenId)).toBe(buyer.address);
    expect(await token.sealedKeyOf(tokenId)).toBe(newSealedKey);
    expect(await token.isProofNonceUsed(1n)).toBe(true);
    const logs = (await tx.wait())?.logs ?? [];
    const names = logs.map((log) => token.interface.parseLog(log)?.name);
    expect(names).toContain("SealedKeyPublished");
    expect(names).toContain("TransferredWithProof");
  });

  it("refuses a replayed proof", async () => {
    const { firstAuthor, buyer, oracle } = chain.accounts;
    const tokenId = await mintArticle(chain, token);
    const proof = await proofFor(tokenId, buyer.address);
    const oracleSignature = await signTransferProof(chain, token, oracle, proof);
    const ack = await signAcknowledgement(chain, token, buyer, proof);
    await (await token.connect(firstAuthor).transferWithProof(proof, newSealedKey, oracleSignature, ack)).wait();

    // The buyer hands the token back with a fresh proof, then someone replays the first one.
    const back: TransferProof = { ...proof, from: buyer.address, to: firstAuthor.address, nonce: 2n };
    await (
      await token
        .connect(buyer)
        .transferWithProof(
          back,
          newSealedKey,
          await signTransferProof(chain, token, oracle, back),
          await signAcknowledgement(chain, token, firstAuthor, back),
        )
    ).wait();
    await expectRevert(
      chain,
      token.connect(firstAuthor).transferWithProof(proof, newSealedKey, oracleSignature, ack),
      "ArticleProofNonceUsed",
      [1n],
    );
    expect(await token.ownerOf(tokenId)).toBe(firstAuthor.address);
  });

  it("refuses a proof signed by someone other than the oracle", async () => {
    const { firstAuthor, buyer, outsider } = chain.accounts;
    const tokenId = await mintArticle(chain, token);
    const proof = await proofFor(tokenId, buyer.address);
    await expectRevert(
      chain,
      token
        .connect(firstAuthor)
        .transferWithProof(
          proof,
          newSealedKey,
          await signTransferProof(chain, token, outsider, proof),
          await signAcknowledgement(chain, token, buyer, proof),
        ),
      "ArticleInvalidOracleSignature",
      [outsider.address],
    );
    expect(await token.ownerOf(tokenId)).toBe(firstAuthor.address);
  });

  it("refuses a transfer without the receiver's acknowledgement", async () => {
    const { firstAuthor, buyer, oracle, outsider } = chain.accounts;
    const tokenId = await mintArticle(chain, token);
    const proof = await proofFor(tokenId, buyer.address);
    const oracleSignature = await signTransferProof(chain, token, oracle, proof);
    const author = token.connect(firstAuthor);

    await expectRevert(chain, author.transferWithProof(proof, newSealedKey, oracleSignature, "0x"), "ArticleInvalidReceiverAcknowledgement", [buyer.address]);
    const someoneElsesAck = await signAcknowledgement(chain, token, outsider, proof);
    await expectRevert(chain, author.transferWithProof(proof, newSealedKey, oracleSignature, someoneElsesAck), "ArticleInvalidReceiverAcknowledgement", [buyer.address]);
    // The oracle's own signature is of another type, so it cannot stand in for the acknowledgement.
    await expectRevert(chain, author.transferWithProof(proof, newSealedKey, oracleSignature, oracleSignature), "ArticleInvalidReceiverAcknowledgement", [buyer.address]);
    expect(await token.ownerOf(tokenId)).toBe(firstAuthor.address);
  });

  it("refuses a proof past its deadline", async () => {
    const { firstAuthor, buyer, oracle } = chain.accounts;
    const tokenId = await mintArticle(chain, token);
    const deadline = (await latestTimestamp(chain)) - 1n;
    const proof = await proofFor(tokenId, buyer.address, { deadline });
    const action = token
      .connect(firstAuthor)
      .transferWithProof(
        proof,
        newSealedKey,
        await signTransferProof(chain, token, oracle, proof),
        await signAcknowledgement(chain, token, buyer, proof),
      );
    const error = await expectRevert(chain, action, "ArticleProofExpired");
    expect(error.args[0]).toBe(deadline);
  });

  it("refuses a sealed key that does not match the proof", async () => {
    const { firstAuthor, buyer, oracle } = chain.accounts;
    const tokenId = await mintArticle(chain, token);
    const proof = await proofFor(tokenId, buyer.address);
    await expectRevert(
      chain,
      token
        .connect(firstAuthor)
        .transferWithProof(
          proof,
          "0xbad0",
          await signTransferProof(chain, token, oracle, proof),
          await signAcknowledgement(chain, token, buyer, proof),
        ),
      "ArticleSealedKeyMismatch",
      [proof.sealedKeyHash, keccak256("0xbad0")],
    );
  });

  it("refuses a valid proof submitted by an account the owner has not approved", async () => {
    const { buyer, oracle, outsider } = chain.accounts;
    const tokenId = await mintArticle(chain, token);
    const proof = await proofFor(tokenId, buyer.address);
    await expectRevert(
      chain,
      token
        .connect(outsider)
        .transferWithProof(
          proof,
          newSealedKey,
          await signTransferProof(chain, token, oracle, proof),
          await signAcknowledgement(chain, token, buyer, proof),
        ),
      "ERC721InsufficientApproval",
      [outsider.address, tokenId],
    );
  });

  it("refuses plain transferFrom and safeTransferFrom, even from the owner", async () => {
    const { firstAuthor, buyer } = chain.accounts;
    const tokenId = await mintArticle(chain, token);
    const owner = token.connect(firstAuthor);
    await expectRevert(chain, owner.transferFrom(firstAuthor.address, buyer.address, tokenId), "ArticleTransferRequiresProof", [tokenId]);
    await expectRevert(
      chain,
      owner["safeTransferFrom(address,address,uint256)"](firstAuthor.address, buyer.address, tokenId),
      "ArticleTransferRequiresProof",
      [tokenId],
    );
    expect(await token.ownerOf(tokenId)).toBe(firstAuthor.address);
  });

  it("rejects proofs of the previous oracle once the admin rotates it", async () => {
    const { admin, firstAuthor, buyer, oracle, outsider } = chain.accounts;
    const tokenId = await mintArticle(chain, token);
    await expectRevert(chain, token.connect(outsider).setReencryptionOracle(outsider.address), "AccessControlUnauthorizedAccount");
    await (await token.connect(admin).setReencryptionOracle(outsider.address)).wait();
    expect(await token.reencryptionOracle()).toBe(outsider.address);

    const proof = await proofFor(tokenId, buyer.address);
    await expectRevert(
      chain,
      token
        .connect(firstAuthor)
        .transferWithProof(
          proof,
          newSealedKey,
          await signTransferProof(chain, token, oracle, proof),
          await signAcknowledgement(chain, token, buyer, proof),
        ),
      "ArticleInvalidOracleSignature",
      [oracle.address],
    );
  });
});

describe("usage authorizations", () => {
  it("lets the owner authorise and revoke a licensee, and nobody else", async () => {
    const { firstAuthor, reader, outsider } = chain.accounts;
    const tokenId = await mintArticle(chain, token);
    await expectRevert(chain, token.connect(outsider).authorizeUsage(tokenId, reader.address), "ArticleNotTokenOwner", [tokenId, outsider.address]);

    await (await token.connect(firstAuthor).authorizeUsage(tokenId, reader.address)).wait();
    expect(await token.isAuthorizedUser(tokenId, reader.address)).toBe(true);
    await (await token.connect(firstAuthor).revokeAuthorization(tokenId, reader.address)).wait();
    expect(await token.isAuthorizedUser(tokenId, reader.address)).toBe(false);
  });

  it("clears every authorisation when the token changes hands", async () => {
    const { firstAuthor, buyer, oracle, reader, outsider } = chain.accounts;
    const tokenId = await mintArticle(chain, token);
    await (await token.connect(firstAuthor).authorizeUsage(tokenId, reader.address)).wait();
    await (await token.connect(firstAuthor).authorizeUsage(tokenId, outsider.address)).wait();

    const proof: TransferProof = {
      tokenId,
      from: firstAuthor.address,
      to: buyer.address,
      sealedKeyHash: keccak256("0x0b"),
      nonce: 7n,
      deadline: (await latestTimestamp(chain)) + 600n,
    };
    await (
      await token
        .connect(firstAuthor)
        .transferWithProof(
          proof,
          "0x0b",
          await signTransferProof(chain, token, oracle, proof),
          await signAcknowledgement(chain, token, buyer, proof),
        )
    ).wait();

    expect(await token.authorizationEpochOf(tokenId)).toBe(1n);
    expect(await token.isAuthorizedUser(tokenId, reader.address)).toBe(false);
    expect(await token.isAuthorizedUser(tokenId, outsider.address)).toBe(false);
    await expectRevert(chain, token.connect(firstAuthor).authorizeUsage(tokenId, reader.address), "ArticleNotTokenOwner", [tokenId, firstAuthor.address]);
    await (await token.connect(buyer).authorizeUsage(tokenId, reader.address)).wait();
    expect(await token.isAuthorizedUser(tokenId, reader.address)).toBe(true);
  });
});
