import { keccak256, toUtf8Bytes, type HDNodeWallet, type JsonRpcProvider } from "ethers";
import { anvilWallets, localProvider, startAnvil, type AnvilInstance } from "../../../contracts/anvil";
import { deployContracts, type Deployment } from "../../../contracts/deploy";
import { createArticleChain, LicenseKind, PayeeRole, type ArticleChain } from "./index.server";

let anvil: AnvilInstance;
let provider: JsonRpcProvider;
let platform: HDNodeWallet;
let oracle: HDNodeWallet;
let author: HDNodeWallet;
let reader: HDNodeWallet;
let buyer: HDNodeWallet;
let deployment: Deployment;
let chain: ArticleChain;

const PRICE = 10_000_000_000_000n;

beforeAll(async () => {
  anvil = await startAnvil();
  provider = localProvider(anvil.rpcUrl);
  [platform, oracle, author, reader, buyer] = anvilWallets(provider, 5);
  deployment = await deployContracts({ deployer: platform, reencryptionOracle: oracle.address, minters: [platform.address] });
  const registrarRole = keccak256(toUtf8Bytes("TERMS_REGISTRAR_ROLE"));
  await (await deployment.licenseManager.grantRole(registrarRole, platform.address)).wait();
  chain = createArticleChain({ addresses: deployment.addresses, platform, oracle });
});

afterAll(async () => {
  provider?.destroy();
  await anvil?.stop();
});

async function mintSample(): Promise<bigint> {
  const { tokenId } = await chain.mintArticle({
    owner: author.address,
    storageRoot: keccak256(toUtf8Bytes("ciphertext")),
    metadataHash: keccak256(toUtf8Bytes("metadata")),
    sealedKey: "0x01020304",
    payees: [
      { account: author.address, shareBps: 9_000, role: PayeeRole.Author },
      { account: platform.address, shareBps: 1_000, role: PayeeRole.Platform },
    ],
    royaltyBps: 500,
  });
  return tokenId;
}

it("mints an article and returns its token id from the ArticleMinted event", async () => {
  const first = await mintSample();
  const second = await mintSample();
  expect(second).toBe(first + 1n);
  expect(await deployment.articleToken.ownerOf(second)).toBe(author.address);
});

it("sees a licence a reader bought from their own wallet, and the author's credit", async () => {
  const tokenId = await mintSample();
  await chain.registerLicenseTerms({
    tokenId,
    termsId: 1n,
    kind: LicenseKind.PersonalReading,
    priceWei: PRICE,
    durationSeconds: 3_600,
    transferable: false,
    termsHash: keccak256(toUtf8Bytes("terms")),
  });
  expect(await chain.hasValidLicense(tokenId, reader.address)).toBe(false);
  const creditBefore = await chain.withdrawableOf(author.address);

  await (await deployment.licenseManager.connect(reader).purchaseLicense(tokenId, 1n, { value: PRICE })).wait();

  expect(await chain.hasValidLicense(tokenId, reader.address)).toBe(true);
  const licenseId = await deployment.licenseManager.lastLicenseId();
  const license = await chain.getLicense(licenseId);
  expect(license).toMatchObject({ licenseId, licensee: reader.address, tokenId, termsId: 1n });
  expect(await chain.getLicense(licenseId + 1n)).toBeNull();
  expect((await chain.withdrawableOf(author.address)) - creditBefore).toBe((PRICE * 9_000n) / 10_000n);
});

it("signs transfer proofs the ArticleToken accepts", async () => {
  const tokenId = await mintSample();
  const newSealedKey = "0xabcdef";
  const block = await provider.getBlock("latest");
  const proof = {
    tokenId,
    from: author.address,
    to: buyer.address,
    sealedKeyHash: keccak256(newSealedKey),
    nonce: 1_000n + tokenId,
    deadline: BigInt(block?.timestamp ?? 0) + 600n,
  };
  const acknowledgement = await buyer.signTypedData(
    { name: "MedNexus ArticleToken", version: "1", chainId: anvil.chainId, verifyingContract: deployment.addresses.articleToken },
    {
      TransferAcknowledgement: [
        { name: "tokenId", type: "uint256" },
        { name: "from", type: "address" },
        { name: "to", type: "address" },
        { name: "sealedKeyHash", type: "bytes32" },
        { name: "nonce", type: "uint256" },
        { name: "deadline", type: "uint256" },
      ],
    },
    proof,
  );

  const oracleSignature = await chain.signTransferProof(proof);
  await (
    await deployment.articleToken.connect(author).transferWithProof(proof, newSealedKey, oracleSignature, acknowledgement)
  ).wait();
  expect(await deployment.articleToken.ownerOf(tokenId)).toBe(buyer.address);
  expect(await deployment.articleToken.sealedKeyOf(tokenId)).toBe(newSealedKey);
});

it("refuses to sign transfer proofs without an oracle signer", async () => {
  const withoutOracle = createArticleChain({ addresses: deployment.addresses, platform });
  await expect(
    withoutOracle.signTransferProof({
      tokenId: 1n,
      from: author.address,
      to: buyer.address,
      sealedKeyHash: keccak256("0x00"),
      nonce: 1n,
      deadline: 1n,
    }),
  ).rejects.toThrow(/No re-encryption oracle/);
});
