// Article encryption (AES-256-GCM, one fresh key per article version), wrapping of content keys at rest under the
// platform's key-encryption key, and sealing of a content key to a reader's secp256k1 public key (ECIES).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { SigningKey, getBytes, hexlify } from "ethers";
import { DomainError } from "../../utils/errors";

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** "MNXA": MedNexus article. */
const ENVELOPE_MAGIC = Uint8Array.from([0x4d, 0x4e, 0x58, 0x41]);
export const ENVELOPE_VERSION = 1;
const ENVELOPE_HEADER_BYTES = ENVELOPE_MAGIC.length + 1 + IV_BYTES;

const WRAPPED_KEY_VERSION = 1;
const SEALED_KEY_VERSION = 1;
const COMPRESSED_PUBLIC_KEY_BYTES = 33;
const SEALED_KEY_INFO = Buffer.from("MedNexus sealed content key v1");

/**
 * Encrypts one article version under a fresh random key.
 * Envelope: magic "MNXA" | version (1 byte) | iv (12 bytes) | ciphertext | GCM tag (16 bytes); the header is
 * authenticated as additional data, so changing the version or iv fails decryption like changing the text does.
 */
export function encryptArticle(plaintext: Uint8Array): { envelope: Uint8Array; key: Uint8Array } {
  const key = new Uint8Array(randomBytes(KEY_BYTES));
  const iv = randomBytes(IV_BYTES);
  const header = Buffer.concat([ENVELOPE_MAGIC, Uint8Array.of(ENVELOPE_VERSION), iv]);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(header);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const envelope = new Uint8Array(Buffer.concat([header, ciphertext, cipher.getAuthTag()]));
  return { envelope, key };
}

export function decryptArticle(envelope: Uint8Array, key: Uint8Array): Uint8Array {
  if (key.byteLength !== KEY_BYTES) throw new DomainError("VALIDATION", `An article key is ${KEY_BYTES} bytes, got ${key.byteLength}.`);
  if (envelope.byteLength < ENVELOPE_HEADER_BYTES + TAG_BYTES || !startsWith(envelope, ENVELOPE_MAGIC)) {
    throw new DomainError("VALIDATION", "This is not a MedNexus encrypted article (bad magic or too short).");
  }
  const version = envelope[ENVELOPE_MAGIC.length];
  if (version !== ENVELOPE_VERSION) {
    throw new DomainError("VALIDATION", `Unsupported article envelope version ${version}; this server reads version ${ENVELOPE_VERSION}.`);
  }
  const header = envelope.subarray(0, ENVELOPE_HEADER_BYTES);
  const iv = envelope.subarray(ENVELOPE_MAGIC.length + 1, ENVELOPE_HEADER_BYTES);
  const body = envelope.subarray(ENVELOPE_HEADER_BYTES);
  return gcmOpen(key, iv, header, body, "The encrypted article was tampered with or the key is wrong; it cannot be decrypted.");
}

/** Reads CONTENT_KEK: 32 bytes as 64 hex digits (optionally 0x-prefixed) or base64/base64url. */
export function parseContentKek(value: string): Uint8Array {
  const text = value.trim();
  const hex = text.startsWith("0x") ? text.slice(2) : text;
  let bytes: Buffer;
  if (/^[0-9a-fA-F]{64}$/.test(hex)) bytes = Buffer.from(hex, "hex");
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) bytes = Buffer.from(text, "base64");
  else throw new Error("CONTENT_KEK must be 32 bytes written as 64 hex digits or base64");
  if (bytes.byteLength !== KEY_BYTES) {
    throw new Error(`CONTENT_KEK must be exactly 32 bytes (64 hex digits or 44 base64 characters); it decodes to ${bytes.byteLength}`);
  }
  return new Uint8Array(bytes);
}

/**
 * Wraps a content key under the KEK for storage: version | iv | ciphertext | tag. `context` (e.g. the content
 * root) is bound as additional data, so a wrapped key copied onto another article's row does not unwrap.
 */
export function wrapContentKey(kek: Uint8Array, contentKey: Uint8Array, context: string): Uint8Array {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", kek, iv);
  cipher.setAAD(wrapAad(context));
  const ciphertext = Buffer.concat([cipher.update(contentKey), cipher.final()]);
  return new Uint8Array(Buffer.concat([Uint8Array.of(WRAPPED_KEY_VERSION), iv, ciphertext, cipher.getAuthTag()]));
}

export function unwrapContentKey(kek: Uint8Array, wrapped: Uint8Array, context: string): Uint8Array {
  if (wrapped.byteLength !== 1 + IV_BYTES + KEY_BYTES + TAG_BYTES || wrapped[0] !== WRAPPED_KEY_VERSION) {
    throw new Error("A stored content key has an unknown format");
  }
  const iv = wrapped.subarray(1, 1 + IV_BYTES);
  try {
    return gcmOpen(kek, iv, wrapAad(context), wrapped.subarray(1 + IV_BYTES), "unwrap failed");
  } catch {
    // The platform's own secret or row is wrong: an operator problem, not the requester's.
    throw new Error("A stored content key does not unwrap: wrong CONTENT_KEK, or the row was tampered with");
  }
}

/**
 * Seals `secret` to a secp256k1 public key: ECDH with an ephemeral key, HKDF-SHA256 over the shared x-coordinate
 * (salt: both public keys), AES-256-GCM. Output: version | ephemeral compressed public key (33) | iv | ciphertext | tag.
 */
export function sealToPublicKey(recipientPublicKey: string, secret: Uint8Array): string {
  const recipient = compressedPublicKey(recipientPublicKey);
  const ephemeral = new SigningKey(hexlify(randomBytes(KEY_BYTES)));
  const ephemeralPublic = getBytes(ephemeral.compressedPublicKey);
  const key = sealingKey(ephemeral.computeSharedSecret(recipient), ephemeralPublic, getBytes(recipient));
  const iv = randomBytes(IV_BYTES);
  const header = Buffer.concat([Uint8Array.of(SEALED_KEY_VERSION), ephemeralPublic]);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(header);
  const ciphertext = Buffer.concat([cipher.update(secret), cipher.final()]);
  return hexlify(Buffer.concat([header, iv, ciphertext, cipher.getAuthTag()]));
}

/** Opens a sealed secret with the recipient's private key (what a wallet or a reader's client does). */
export function openSealed(recipientPrivateKey: string, sealed: string): Uint8Array {
  const bytes = getBytes(sealed);
  const headerBytes = 1 + COMPRESSED_PUBLIC_KEY_BYTES;
  if (bytes.byteLength < headerBytes + IV_BYTES + TAG_BYTES || bytes[0] !== SEALED_KEY_VERSION) {
    throw new DomainError("VALIDATION", "This is not a MedNexus sealed key (unknown version or too short).");
  }
  const header = bytes.subarray(0, headerBytes);
  const ephemeralPublic = bytes.subarray(1, headerBytes);
  const recipient = new SigningKey(recipientPrivateKey);
  const key = sealingKey(recipient.computeSharedSecret(ephemeralPublic), ephemeralPublic, getBytes(recipient.compressedPublicKey));
  const iv = bytes.subarray(headerBytes, headerBytes + IV_BYTES);
  return gcmOpen(key, iv, header, bytes.subarray(headerBytes + IV_BYTES), "The sealed key was not sealed to this private key or was tampered with.");
}

/** Validates a secp256k1 public key (compressed or not, 0x hex) and returns it compressed. */
export function compressedPublicKey(publicKey: string): string {
  try {
    return SigningKey.computePublicKey(publicKey, true);
  } catch {
    throw new DomainError("VALIDATION", "The public key is not a valid secp256k1 public key (0x-prefixed, 33 or 65 bytes).");
  }
}

function sealingKey(sharedPoint: string, ephemeralPublic: Uint8Array, recipientPublic: Uint8Array): Uint8Array {
  // computeSharedSecret returns the uncompressed point 0x04 | x | y; the x-coordinate is the ECDH secret.
  const sharedX = getBytes(sharedPoint).subarray(1, 1 + KEY_BYTES);
  const salt = Buffer.concat([ephemeralPublic, recipientPublic]);
  return new Uint8Array(hkdfSync("sha256", sharedX, salt, SEALED_KEY_INFO, KEY_BYTES));
}

function gcmOpen(key: Uint8Array, iv: Uint8Array, aad: Uint8Array, body: Uint8Array, failure: string): Uint8Array {
  if (body.byteLength < TAG_BYTES) throw new DomainError("VALIDATION", failure);
  const decipher = createDecipheriv("aes-256-gcm", key, iv);
  decipher.setAAD(aad);
  decipher.setAuthTag(body.subarray(body.byteLength - TAG_BYTES));
  try {
    return new Uint8Array(Buffer.concat([decipher.update(body.subarray(0, body.byteLength - TAG_BYTES)), decipher.final()]));
  } catch {
    throw new DomainError("VALIDATION", failure);
  }
}

function wrapAad(context: string): Buffer {
  return Buffer.from(`mednexus-content-key:${context}`);
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}
