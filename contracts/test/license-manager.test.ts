import { keccak256, toUtf8Bytes } from "ethers";
import { LicenseKind, type ArticleTokenContract, type LicenseManagerContract } from "../deploy.js";
import {
  deployFresh,
  expectRevert,
  increaseTime,
  latestTimestamp,
  mintArticle,
  startChain,
  stopChain,
  type Chain,
} from "./helpers.js";

const PRICE = 1_000_000_000_000_000n; // 0.001 ETH
const ONE_DAY = 86_400;
const PERPETUAL = 2n ** 64n - 1n;
const termsHash = keccak256(toUtf8Bytes("MedNexus personal reading licence v1"));

let chain: Chain;
let token: ArticleTokenContract;
let licenses: LicenseManagerContract;
let tokenId: bigint;

beforeAll(async () => {
  chain = await startChain();
});

afterAll(async () => {
  await stopChain(chain);
});

beforeEach(async () => {
  ({ articleToken: token, licenseManager: licenses } = await deployFresh(chain));
  tokenId = await mintArticle(chain, token);
  // Term 1: paid, 30 days, not transferable (registered by the article's owner).
  await (
    await licenses
      .connect(chain.accounts.firstAuthor)
      .registerTerms(tokenId, 1n, LicenseKind.PersonalReading, PRICE, 30 * ONE_DAY, false, termsHash)
  ).wait();
});

describe("licence terms", () => {
  it("stores terms once per article and id, and refuses to overwrite them", async () => {
    const terms = await licenses.termsOf(tokenId, 1n);
    expect(terms.kind).toBe(BigInt(LicenseKind.PersonalReading));
    expect(terms.price).toBe(PRICE);
    expect(terms.duration).toBe(BigInt(30 * ONE_DAY));
    expect(terms.transferable).toBe(false);
    expect(terms.termsHash).toBe(termsHash);

    await expectRevert(
      chain,
      licenses
        .connect(chain.accounts.firstAuthor)
        .registerTerms(tokenId, 1n, LicenseKind.Commercial, 1n, 0, true, termsHash),
      "LicenseTermsAlreadyRegistered",
      [tokenId, 1n],
    );
    expect((await licenses.termsOf(tokenId, 1n)).price).toBe(PRICE);
  });

  it("accepts terms from the platform's registrar but not from a stranger", async () => {
    const { admin, outsider, reviewer } = chain.accounts;
    await expectRevert(
      chain,
      licenses.connect(outsider).registerTerms(tokenId, 2n, LicenseKind.AITraining, PRICE, 0, false, termsHash),
      "LicenseUnauthorizedRegistrar",
      [tokenId, outsider.address],
    );
    const registrarRole = keccak256(toUtf8Bytes("TERMS_REGISTRAR_ROLE"));
    await (await licenses.connect(admin).grantRole(registrarRole, reviewer.address)).wait();
    await (
      await licenses
        .connect(reviewer)
        .registerTerms(tokenId, 2n, LicenseKind.Institutional, PRICE * 10n, 365 * ONE_DAY, false, termsHash)
    ).wait();
    expect((await licenses.termsOf(tokenId, 2n)).kind).toBe(BigInt(LicenseKind.Institutional));
  });
});

describe("purchases", () => {
  it("records the licence, emits LicensePurchased and credits the article's split", async () => {
    const { reader, firstAuthor, platform } = chain.accounts;
    const tx = await licenses.connect(reader).purchaseLicense(tokenId, 1n, { value: PRICE });
    const receipt = await tx.wait();
    const now = await latestTimestamp(chain);

    const record = await licenses.licenseOf(1n);
    expect(record.licensee).toBe(reader.address);
    expect(record.tokenId).toBe(tokenId);
    expect(record.termsId).toBe(1n);
    expect(record.expiresAt).toBe(now + BigInt(30 * ONE_DAY));
    expect(await licenses.licensesOf(tokenId, reader.address)).toEqual([1n]);
    expect(await licenses.hasValidLicense(tokenId, reader.address)).toBe(true);
    expect(await licenses.hasValidLicense(tokenId, chain.accounts.outsider.address)).toBe(false);

    const purchased = receipt?.logs
      .map((log) => licenses.interface.parseLog(log))
      .find((event) => event?.name === "LicensePurchased");
    expect(purchased?.args.toArray()).toEqual([1n, tokenId, 1n, reader.address, record.expiresAt, PRICE]);

    expect(await token.withdrawableOf(firstAuthor.address)).toBe((PRICE * 6_000n) / 10_000n);
    expect(await token.withdrawableOf(platform.address)).toBe((PRICE * 500n) / 10_000n);
    expect(await token.revenueOf(tokenId)).toBe(PRICE);
    expect(await chain.provider.getBalance(await licenses.getAddress())).toBe(0n);
  });

  it("refuses a payment that is not exactly the price", async () => {
    const reader = licenses.connect(chain.accounts.reader);
    await expectRevert(chain, reader.purchaseLicense(tokenId, 1n, { value: PRICE - 1n }), "LicenseIncorrectPayment", [PRICE, PRICE - 1n]);
    await expectRevert(chain, reader.purchaseLicense(tokenId, 1n, { value: PRICE + 1n }), "LicenseIncorrectPayment", [PRICE, PRICE + 1n]);
    await expectRevert(chain, reader.purchaseLicense(tokenId, 1n), "LicenseIncorrectPayment", [PRICE, 0n]);
    expect(await licenses.lastLicenseId()).toBe(0n);
    expect(await licenses.hasValidLicense(tokenId, chain.accounts.reader.address)).toBe(false);
  });

  it("refuses terms that were never registered", async () => {
    await expectRevert(
      chain,
      licenses.connect(chain.accounts.reader).purchaseLicense(tokenId, 9n, { value: PRICE }),
      "LicenseTermsNotFound",
      [tokenId, 9n],
    );
  });

  it("lets a licence expire after its duration", async () => {
    const { reader } = chain.accounts;
    await (await licenses.connect(reader).purchaseLicense(tokenId, 1n, { value: PRICE })).wait();

    await increaseTime(chain, 30 * ONE_DAY - 60);
    expect(await licenses.hasValidLicense(tokenId, reader.address)).toBe(true);
    await increaseTime(chain, 61);
    expect(await licenses.hasValidLicense(tokenId, reader.address)).toBe(false);
    // The record stays queryable after expiry.
    expect((await licenses.licenseOf(1n)).licensee).toBe(reader.address);
  });

  it("keeps a free perpetual licence valid and moves no value", async () => {
    const { firstAuthor, reader } = chain.accounts;
    await (
      await licenses
        .connect(firstAuthor)
        .registerTerms(tokenId, 3n, LicenseKind.PersonalReading, 0n, 0, false, termsHash)
    ).wait();
    await (await licenses.connect(reader).purchaseLicense(tokenId, 3n)).wait();

    expect((await licenses.licenseOf(1n)).expiresAt).toBe(PERPETUAL);
    await increaseTime(chain, 3_650 * ONE_DAY);
    expect(await licenses.hasValidLicense(tokenId, reader.address)).toBe(true);
    expect(await token.revenueOf(tokenId)).toBe(0n);
  });
});

describe("licence transfers", () => {
  it("moves a transferable licence to a new licensee", async () => {
    const { firstAuthor, reader, buyer } = chain.accounts;
    await (
      await licenses
        .connect(firstAuthor)
        .registerTerms(tokenId, 2n, LicenseKind.Institutional, PRICE, ONE_DAY, true, termsHash)
    ).wait();
    await (await licenses.connect(reader).purchaseLicense(tokenId, 2n, { value: PRICE })).wait();
    await (await licenses.connect(reader).transferLicense(1n, buyer.address)).wait();

    expect((await licenses.licenseOf(1n)).licensee).toBe(buyer.address);
    expect(await licenses.hasValidLicense(tokenId, buyer.address)).toBe(true);
    expect(await licenses.hasValidLicense(tokenId, reader.address)).toBe(false);
    expect(await licenses.licensesOf(tokenId, reader.address)).toEqual([]);
  });

  it("refuses to move a non-transferable licence, or someone else's", async () => {
    const { reader, buyer, outsider } = chain.accounts;
    await (await licenses.connect(reader).purchaseLicense(tokenId, 1n, { value: PRICE })).wait();
    await expectRevert(chain, licenses.connect(reader).transferLicense(1n, buyer.address), "LicenseNotTransferable", [1n]);
    await expectRevert(chain, licenses.connect(outsider).transferLicense(1n, buyer.address), "LicenseNotLicensee", [1n, outsider.address]);
  });
});

describe("pausing", () => {
  it("refuses purchases while paused, still lets payees withdraw, and resumes on unpause", async () => {
    const { admin, reader, firstAuthor } = chain.accounts;
    await (await licenses.connect(reader).purchaseLicense(tokenId, 1n, { value: PRICE })).wait();
    await (await licenses.connect(admin).pause()).wait();
    expect(await licenses.paused()).toBe(true);

    await expectRevert(chain, licenses.connect(reader).purchaseLicense(tokenId, 1n, { value: PRICE }), "EnforcedPause");
    const credit = await token.withdrawableOf(firstAuthor.address);
    expect(credit).toBe((PRICE * 6_000n) / 10_000n);
    await (await token.connect(firstAuthor).withdraw()).wait();
    expect(await token.withdrawableOf(firstAuthor.address)).toBe(0n);

    await (await licenses.connect(admin).unpause()).wait();
    await (await licenses.connect(reader).purchaseLicense(tokenId, 1n, { value: PRICE })).wait();
    expect(await licenses.lastLicenseId()).toBe(2n);
  });

  it("refuses pause from an account without PAUSER_ROLE", async () => {
    const { outsider } = chain.accounts;
    await expectRevert(chain, licenses.connect(outsider).pause(), "AccessControlUnauthorizedAccount", [
      outsider.address,
      keccak256(toUtf8Bytes("PAUSER_ROLE")),
    ]);
    expect(await licenses.paused()).toBe(false);
  });

  it("gives the admin no way to take the payees' balances", async () => {
    const { admin, reader, firstAuthor } = chain.accounts;
    await (await licenses.connect(reader).purchaseLicense(tokenId, 1n, { value: PRICE })).wait();
    await (await licenses.connect(admin).pause()).wait();

    await expectRevert(chain, token.connect(admin).withdraw(), "ArticleNothingToWithdraw", [admin.address]);
    const moneyFunctions = licenses.interface.fragments.filter(
      (fragment) => fragment.type === "function" && /withdraw|sweep|rescue|recover/i.test(fragment.format()),
    );
    expect(moneyFunctions).toEqual([]);
    expect(await token.withdrawableOf(firstAuthor.address)).toBe((PRICE * 6_000n) / 10_000n);
    expect(await chain.provider.getBalance(await token.getAddress())).toBe(PRICE);
  });
});
