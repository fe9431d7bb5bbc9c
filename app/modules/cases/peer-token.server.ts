// The tokens we send to peers (X-Auth-Token) are secrets given to us by their operators: kept encrypted at rest with
// AES-256-GCM. Key: PEER_TOKEN_KEY (32 bytes, hex or base64); outside production it falls back to the platform's
// CONTENT_KEK, or, when no platform is set (tests, scripts), to a key derived from SESSION_SECRET with HKDF.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { getServerEnv } from "../../utils/env.server";
import { getPlatform } from "../../utils/platform.server";

const VERSION = "v1";

function parseKey(value: string): Buffer | null {
  const v = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(v)) return Buffer.from(v, "hex");
  const b = Buffer.from(v, "base64");
  return b.length === 32 ? b : null;
}

/** The key that encrypts outbound peer tokens; throws when none can be had (production without PEER_TOKEN_KEY). */
export function peerTokenKey(): Buffer {
  const explicit = process.env.PEER_TOKEN_KEY;
  if (explicit && explicit.trim()) {
    const key = parseKey(explicit);
    if (!key) throw new Error("PEER_TOKEN_KEY must be 32 bytes as 64 hex digits or base64");
    return key;
  }
  const env = getServerEnv();
  if (env.NODE_ENV === "production") throw new Error("PEER_TOKEN_KEY is required when NODE_ENV=production");
  const kek = getPlatform()?.contentKek;
  if (kek && kek.byteLength === 32) return Buffer.from(kek);
  const secret = env.SESSION_SECRET ?? process.env.SESSION_SECRET;
  if (!secret) throw new Error("No key for peer tokens: set PEER_TOKEN_KEY (or SESSION_SECRET outside production)");
  return Buffer.from(hkdfSync("sha256", secret, "mednexus", "mednexus/peer-outbound-token/v1", 32));
}

/** "v1.<iv>.<tag>.<ciphertext>" (base64url parts); the peer id is bound as associated data. */
export function encryptPeerToken(token: string, peerId: string, key: Buffer = peerTokenKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(peerId));
  const ct = Buffer.concat([cipher.update(token, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ct.toString("base64url")].join(".");
}

export function decryptPeerToken(sealed: string, peerId: string, key: Buffer = peerTokenKey()): string {
  const [version, iv, tag, ct] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || ct === undefined) throw new Error("Unrecognised encrypted peer token");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(peerId));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
}
