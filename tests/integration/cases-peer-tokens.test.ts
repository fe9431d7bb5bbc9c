// Outbound peer tokens at rest: sealed with AES-256-GCM (never in clear in the row), a legacy clear token is sealed on
// first use, and federation still sends the right X-Auth-Token.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { mmePeers, users } from "../../db/schema";
import { DEFAULT_DEMO_PASSWORD, seedDemoData } from "../../db/seed";
import { addPeer, listPeersFor, queryPeers, updatePeerSettings } from "../../app/modules/cases/index.server";
import { decryptPeerToken, encryptPeerToken, peerTokenKey } from "../../app/modules/cases/peer-token.server";
import type { SessionUser } from "../../app/modules/identity/index.server";
import { MME_CONTENT_TYPE_V1_1 } from "../../app/modules/matching/index.server";
import { initEnv } from "../../app/utils/env.server";
import { availableDatabaseKinds, createTestDatabase, type TestDatabase } from "../helpers/db";
import { sessionUser } from "../helpers/users";

const QUERY = { id: "q", label: "q", features: [{ id: "HP:0001250", observed: true }], genomicFeatures: [], disorders: [], contact: { name: "x", href: "mailto:x@example.org" } };

const kinds = await availableDatabaseKinds();

describe.each(kinds)("outbound peer tokens on %s", (kind) => {
  let database: TestDatabase;
  let admin: SessionUser;
  let peerServer: http.Server;
  let peerUrl = "";
  const received: string[] = [];
  const savedKey = process.env.PEER_TOKEN_KEY;

  beforeAll(async () => {
    delete process.env.PEER_TOKEN_KEY;
    initEnv({ NODE_ENV: "test", SESSION_SECRET: "test-session-secret-that-is-long-enough-0123456789" });
    database = await createTestDatabase(kind);
    await seedDemoData(database.db, { password: DEFAULT_DEMO_PASSWORD });
    admin = await sessionUser(database.db, "admin@demo.mednexus.org");
    // a peer on loopback that accepts only the token it issued to us
    peerServer = http.createServer((req, res) => {
      const token = String(req.headers["x-auth-token"] ?? "");
      received.push(token);
      req.resume();
      req.on("end", () => {
        if (token !== "peer-issued-token-ABC" && token !== "legacy-clear-token-XYZ") {
          res.writeHead(401, { "Content-Type": "application/json" }).end('{"message":"bad token"}');
          return;
        }
        res.writeHead(200, { "Content-Type": MME_CONTENT_TYPE_V1_1 }).end('{"results":[]}');
      });
    });
    await new Promise<void>((resolve) => peerServer.listen(0, "127.0.0.1", resolve));
    peerUrl = `http://127.0.0.1:${(peerServer.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    if (savedKey === undefined) delete process.env.PEER_TOKEN_KEY;
    else process.env.PEER_TOKEN_KEY = savedKey;
    peerServer?.closeAllConnections();
    await new Promise((resolve) => peerServer?.close(resolve));
    await database?.close();
  });

  it("stores no outbound token in clear, and still authenticates to the peer", async () => {
    const db = database.db;
    const { peerId } = await addPeer({ db }, admin, { name: "Sealed peer", baseUrl: peerUrl, country: "IS", outboundToken: "peer-issued-token-ABC", timeoutMs: "2000" });
    const [row] = await db.select().from(mmePeers).where(eq(mmePeers.id, peerId));
    expect(row!.outboundToken).toBeNull();
    expect(row!.outboundTokenEnc).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain("peer-issued-token-ABC");
    expect(decryptPeerToken(row!.outboundTokenEnc!, peerId)).toBe("peer-issued-token-ABC");
    // sealed under the peer's id: the same ciphertext does not open for another peer
    expect(() => decryptPeerToken(row!.outboundTokenEnc!, "00000000-0000-0000-0000-000000000000")).toThrow();

    const { outcomes } = await queryPeers({ db }, admin, QUERY);
    expect(outcomes).toEqual([expect.objectContaining({ peer: "Sealed peer", ok: true })]);
    expect(received.at(-1)).toBe("peer-issued-token-ABC");
    expect((await listPeersFor({ db }, admin)).find((p) => p.id === peerId)?.hasOutboundToken).toBe(true);

    // set again through the settings: still sealed, a fresh nonce each time
    await updatePeerSettings({ db }, admin, peerId, { outboundToken: "peer-issued-token-ABC" });
    const [again] = await db.select().from(mmePeers).where(eq(mmePeers.id, peerId));
    expect(again!.outboundToken).toBeNull();
    expect(again!.outboundTokenEnc).not.toBe(row!.outboundTokenEnc);
    expect(JSON.stringify(again)).not.toContain("peer-issued-token-ABC");
    await updatePeerSettings({ db }, admin, peerId, { remove: true });
  });

  it("seals a legacy clear token on first use and keeps federating with it", async () => {
    const db = database.db;
    const [legacy] = await db
      .insert(mmePeers)
      .values({ name: "Legacy peer", baseUrl: peerUrl, country: "US", outboundToken: "legacy-clear-token-XYZ", inboundTokenHash: "legacy-hash", timeoutMs: 2000 })
      .returning();
    const { outcomes } = await queryPeers({ db }, admin, QUERY);
    expect(outcomes).toEqual([expect.objectContaining({ peer: "Legacy peer", ok: true })]);
    expect(received.at(-1)).toBe("legacy-clear-token-XYZ");
    const [row] = await db.select().from(mmePeers).where(eq(mmePeers.id, legacy!.id));
    expect(row!.outboundToken).toBeNull();
    expect(JSON.stringify(row)).not.toContain("legacy-clear-token-XYZ");
    expect(decryptPeerToken(row!.outboundTokenEnc!, row!.id)).toBe("legacy-clear-token-XYZ");
  });

  it("uses PEER_TOKEN_KEY when set, and a token sealed under another key is reported, not sent", async () => {
    const db = database.db;
    const [legacy] = await db.select().from(mmePeers).where(eq(mmePeers.name, "Legacy peer"));
    const fallback = peerTokenKey();
    process.env.PEER_TOKEN_KEY = "11".repeat(32);
    try {
      expect(peerTokenKey().equals(Buffer.alloc(32, 0x11))).toBe(true);
      const count = received.length;
      const { outcomes } = await queryPeers({ db }, admin, QUERY);
      expect(outcomes).toEqual([expect.objectContaining({ peer: "Legacy peer", ok: false, message: expect.stringMatching(/cannot be decrypted/) })]);
      expect(received.length).toBe(count);
      await db.update(mmePeers).set({ outboundTokenEnc: encryptPeerToken("legacy-clear-token-XYZ", legacy!.id) }).where(eq(mmePeers.id, legacy!.id));
      expect((await queryPeers({ db }, admin, QUERY)).outcomes[0]?.ok).toBe(true);
    } finally {
      delete process.env.PEER_TOKEN_KEY;
    }
    expect(peerTokenKey().equals(fallback)).toBe(true);
    process.env.PEER_TOKEN_KEY = "not a key";
    try {
      expect(() => peerTokenKey()).toThrow(/PEER_TOKEN_KEY/);
    } finally {
      delete process.env.PEER_TOKEN_KEY;
    }
  });
});
