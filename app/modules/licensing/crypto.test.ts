import { Wallet } from "ethers";
import {
  decryptArticle,
  encryptArticle,
  openSealed,
  parseContentKek,
  sealToPublicKey,
  unwrapContentKey,
  wrapContentKey,
} from "./crypto.server";

const text = (value: string) => new TextEncoder().encode(value);

describe("article envelopes", () => {
  it("encrypts each version under a fresh key and decrypts it back", () => {
    const plaintext = text("Background: a randomised trial of …");
    const first = encryptArticle(plaintext);
    const second = encryptArticle(plaintext);
    expect(first.key).toHaveLength(32);
    expect(Buffer.from(first.key).equals(Buffer.from(second.key))).toBe(false);
    expect(Buffer.from(first.envelope.subarray(0, 5)).toString("latin1")).toBe("MNXA\u0001");
    expect(first.envelope.byteLength).toBe(4 + 1 + 12 + plaintext.byteLength + 16);
    expect(decryptArticle(first.envelope, first.key)).toEqual(plaintext);
  });

  it("refuses a tampered text, header, or the wrong key", () => {
    const { envelope, key } = encryptArticle(text("Results"));
    const flipped = envelope.slice();
    flipped[20] = flipped[20]! ^ 1;
    expect(() => decryptArticle(flipped, key)).toThrow(/tampered/);
    const ivChanged = envelope.slice();
    ivChanged[6] = ivChanged[6]! ^ 1;
    expect(() => decryptArticle(ivChanged, key)).toThrow(/tampered/);
    const otherVersion = envelope.slice();
    otherVersion[4] = 2;
    expect(() => decryptArticle(otherVersion, key)).toThrow(/Unsupported article envelope version 2/);
    expect(() => decryptArticle(envelope, encryptArticle(text("x")).key)).toThrow(/tampered with or the key is wrong/);
    expect(() => decryptArticle(text("not an envelope at all, no"), key)).toThrow(/not a MedNexus encrypted article/);
  });
});

describe("content keys at rest", () => {
  it("wraps under the KEK, bound to the article's root", () => {
    const kek = parseContentKek("11".repeat(32));
    const { key } = encryptArticle(text("Methods"));
    const wrapped = wrapContentKey(kek, key, "0xroot-a");
    expect(unwrapContentKey(kek, wrapped, "0xroot-a")).toEqual(key);
    expect(() => unwrapContentKey(kek, wrapped, "0xroot-b")).toThrow(/does not unwrap/);
    expect(() => unwrapContentKey(parseContentKek("22".repeat(32)), wrapped, "0xroot-a")).toThrow(/does not unwrap/);
  });

  it("reads CONTENT_KEK as hex or base64 and refuses other lengths", () => {
    const bytes = Buffer.alloc(32, 7);
    expect(parseContentKek(bytes.toString("hex"))).toEqual(new Uint8Array(bytes));
    expect(parseContentKek(`0x${bytes.toString("hex")}`)).toEqual(new Uint8Array(bytes));
    expect(parseContentKek(bytes.toString("base64"))).toEqual(new Uint8Array(bytes));
    expect(() => parseContentKek(Buffer.alloc(16).toString("hex"))).toThrow(/exactly 32 bytes/);
    expect(() => parseContentKek("not a key!")).toThrow(/CONTENT_KEK/);
  });
});

describe("sealing to a secp256k1 public key", () => {
  it("opens only with the recipient's private key", () => {
    const reader = Wallet.createRandom();
    const other = Wallet.createRandom();
    const secret = encryptArticle(text("Discussion")).key;
    const sealed = sealToPublicKey(reader.signingKey.publicKey, secret);
    expect(openSealed(reader.privateKey, sealed)).toEqual(secret);
    // Compressed keys are accepted too, and every seal uses a fresh ephemeral key.
    const again = sealToPublicKey(reader.signingKey.compressedPublicKey, secret);
    expect(again).not.toBe(sealed);
    expect(openSealed(reader.privateKey, again)).toEqual(secret);
    expect(() => openSealed(other.privateKey, sealed)).toThrow(/not sealed to this private key/);
    const tampered = `${sealed.slice(0, -2)}${sealed.endsWith("00") ? "01" : "00"}`;
    expect(() => openSealed(reader.privateKey, tampered)).toThrow(/tampered/);
    expect(() => sealToPublicKey("0x1234", secret)).toThrow(/not a valid secp256k1 public key/);
  });
});
