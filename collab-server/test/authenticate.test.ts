import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import { CloseCode } from "../src/errors";
import { signCollabToken, verifyCollabToken } from "../src/token";
import { connect, nextCloseCode, rawSocket, SECRET, sleep, startServer, synced, tokenFor, waitFor, type RunningServer } from "./helpers";

describe("collab tokens", () => {
  it("round-trips claims and rejects tampering, another secret and expiry", () => {
    const token = signCollabToken({ userId: "u1", userName: "Ada", documentName: "m:1", access: "read-only", ttlSeconds: 60 }, SECRET);
    expect(verifyCollabToken(token, SECRET)).toMatchObject({ userId: "u1", userName: "Ada", documentName: "m:1", access: "read-only" });
    const [body, signature] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ sub: "u1", name: "Ada", doc: "m:1", acc: "rw", exp: 9_999_999_999 })).toString("base64url");
    expect(() => verifyCollabToken(`${forged}.${signature}`, SECRET)).toThrow(/signature/);
    expect(() => verifyCollabToken(`${body}.${signature}`, "another-secret-0123456789")).toThrow(/signature/);
    expect(() => verifyCollabToken(token, SECRET, Date.now() + 61_000)).toThrow(/expired/);
    expect(() => verifyCollabToken("garbage", SECRET)).toThrow(/malformed/);
  });
});

describe("authentication at the upgrade", () => {
  let server: RunningServer;
  const allowed = new Set(["alice:doc-revoke-check", "bob:doc-revoke-check"]);

  beforeAll(async () => {
    server = await startServer({
      checkAccess: (userId, documentName) => documentName !== "doc-revoke-check" || allowed.has(`${userId}:${documentName}`),
      recheckIntervalMs: 0,
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it("closes a bad token with 4401 before loading the document", async () => {
    const provider = connect(server.url, "doc-auth", "not-a-token");
    try {
      expect(await nextCloseCode(provider)).toBe(CloseCode.unauthorized);
      expect(server.collab.hub.loadedDocumentNames()).not.toContain("doc-auth");
    } finally {
      provider.destroy();
    }
  });

  it("closes an expired token with 4401", async () => {
    const expired = signCollabToken({ userId: "alice", userName: "Alice", documentName: "doc-auth", access: "read-write", ttlSeconds: 1 }, SECRET, Date.now() - 5000);
    const provider = connect(server.url, "doc-auth", expired);
    try {
      expect(await nextCloseCode(provider)).toBe(CloseCode.unauthorized);
    } finally {
      provider.destroy();
    }
  });

  it("closes a token for another document with 4403", async () => {
    const provider = connect(server.url, "doc-auth", tokenFor("alice", "doc-other"));
    try {
      expect(await nextCloseCode(provider)).toBe(CloseCode.forbidden);
    } finally {
      provider.destroy();
    }
  });

  it("closes with 4403 when checkAccess denies at connect", async () => {
    const provider = connect(server.url, "doc-revoke-check", tokenFor("mallory", "doc-revoke-check"));
    try {
      expect(await nextCloseCode(provider)).toBe(CloseCode.forbidden);
    } finally {
      provider.destroy();
    }
  });

  it("disconnects a removed co-author on re-check, and closeConnections closes by user", async () => {
    const alice = connect(server.url, "doc-revoke-check", tokenFor("alice", "doc-revoke-check"));
    const bob = connect(server.url, "doc-revoke-check", tokenFor("bob", "doc-revoke-check"));
    try {
      await Promise.all([synced(alice), synced(bob)]);
      const bobClosed = nextCloseCode(bob);
      allowed.delete("bob:doc-revoke-check");
      expect(server.collab.hub.connections({ documentName: "doc-revoke-check" })).toHaveLength(2);
      expect(await server.auth.recheckAccess({ documentName: "doc-revoke-check" })).toBe(1);
      expect(await bobClosed).toBe(CloseCode.forbidden);
      expect(alice.wsconnected).toBe(true);

      const aliceClosed = nextCloseCode(alice);
      expect(server.collab.hub.closeConnections({ userId: "alice" }, CloseCode.forbidden, "removed from the manuscript")).toBe(1);
      expect(await aliceClosed).toBe(CloseCode.forbidden);
      await sleep(400);
      // 44xx is final for the stock client: it does not come back.
      expect(server.collab.hub.connections({ documentName: "doc-revoke-check" })).toHaveLength(0);
    } finally {
      alice.destroy();
      bob.destroy();
    }
  });

  it("never applies sync messages sent before a failed authentication", async () => {
    const writer = connect(server.url, "doc-unauth", tokenFor("alice", "doc-unauth"));
    try {
      await synced(writer);
      const intruder = new Y.Doc();
      intruder.getText("body").insert(0, "vandalism");
      const { socket, closed } = await rawSocket(`${server.url}/doc-unauth?token=forged.token`);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      encoding.writeVarUint(encoder, 2);
      encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(intruder));
      socket.send(encoding.toUint8Array(encoder));
      expect(await closed).toBe(CloseCode.unauthorized);
      writer.doc.getText("body").insert(0, "ok");
      await waitFor(() => server.collab.hub.getDocument("doc-unauth")?.getText("body").toString() === "ok", 5000, "writer's edit");
      expect(writer.doc.getText("body").toString()).toBe("ok");
    } finally {
      writer.destroy();
    }
  });
});

describe("periodic access re-check", () => {
  it("disconnects a user whose access was removed, without anyone asking", async () => {
    let allowed = true;
    const server = await startServer({ checkAccess: () => allowed, recheckIntervalMs: 100 });
    const provider = connect(server.url, "doc-periodic", tokenFor("dana", "doc-periodic"));
    try {
      await synced(provider);
      await sleep(250);
      expect(provider.wsconnected).toBe(true);
      const closed = nextCloseCode(provider);
      allowed = false;
      expect(await closed).toBe(CloseCode.forbidden);
    } finally {
      provider.destroy();
      await server.close();
    }
  });
});
