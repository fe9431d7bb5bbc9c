import { createHmac, timingSafeEqual } from "node:crypto";
import { CloseCode, CollabError } from "./errors";

// Collab tokens: `base64url(JSON payload).base64url(HMAC-SHA256(payload part))`. The Remix app issues
// them (co-authors read-write; assigned reviewers and editors read-only); the collab-server verifies them.

export type CollabAccess = "read-write" | "read-only";

export interface CollabTokenInput {
  userId: string;
  userName: string;
  documentName: string;
  access: CollabAccess;
  ttlSeconds: number;
}

export interface CollabTokenClaims {
  userId: string;
  userName: string;
  documentName: string;
  access: CollabAccess;
  /** Expiry, seconds since the epoch. */
  expiresAt: number;
}

interface WirePayload {
  sub: string;
  name: string;
  doc: string;
  acc: "rw" | "ro";
  exp: number;
}

export function signCollabToken(input: CollabTokenInput, secret: string, now: number = Date.now()): string {
  requireSecret(secret);
  if (!(input.ttlSeconds > 0)) throw new Error("signCollabToken: ttlSeconds must be positive");
  const payload: WirePayload = {
    sub: input.userId,
    name: input.userName,
    doc: input.documentName,
    acc: input.access === "read-only" ? "ro" : "rw",
    exp: Math.floor(now / 1000) + Math.floor(input.ttlSeconds),
  };
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${body}.${sign(body, secret)}`;
}

/** The token's claims; throws `CollabError` 4401 when it is malformed, forged or expired. */
export function verifyCollabToken(token: string, secret: string, now: number = Date.now()): CollabTokenClaims {
  requireSecret(secret);
  const dot = token.indexOf(".");
  if (dot <= 0 || dot !== token.lastIndexOf(".")) throw new CollabError(CloseCode.unauthorized, "malformed token");
  const body = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), "base64url");
  const expected = Buffer.from(sign(body, secret), "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new CollabError(CloseCode.unauthorized, "invalid token signature");
  }
  let payload: WirePayload;
  try {
    payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as WirePayload;
  } catch {
    throw new CollabError(CloseCode.unauthorized, "malformed token");
  }
  if (typeof payload.sub !== "string" || typeof payload.doc !== "string" || typeof payload.exp !== "number" || (payload.acc !== "rw" && payload.acc !== "ro")) {
    throw new CollabError(CloseCode.unauthorized, "malformed token");
  }
  if (payload.exp * 1000 <= now) throw new CollabError(CloseCode.unauthorized, "token expired: request a new one");
  return {
    userId: payload.sub,
    userName: typeof payload.name === "string" ? payload.name : "",
    documentName: payload.doc,
    access: payload.acc === "ro" ? "read-only" : "read-write",
    expiresAt: payload.exp,
  };
}

function sign(body: string, secret: string): string {
  return createHmac("sha256", secret).update(body).digest("base64url");
}

function requireSecret(secret: string): void {
  if (typeof secret !== "string" || secret.length < 16) {
    throw new Error("collab token secret must be at least 16 characters (set COLLAB_TOKEN_SECRET)");
  }
}
