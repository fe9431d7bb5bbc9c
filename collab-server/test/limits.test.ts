import * as encoding from "lib0/encoding";
import { CloseCode } from "../src/errors";
import { connect, rawSocket, startServer, synced, text, tokenFor, waitFor, type RunningServer } from "./helpers";

describe("malformed, oversize and too many messages", () => {
  let server: RunningServer;
  const doc = "doc-limits";
  const url = () => `${server.url}/${doc}?token=${tokenFor("mallory", doc)}`;

  beforeAll(async () => {
    server = await startServer({ maxMessageBytes: 64 * 1024, messagesPerSecond: 50 });
  });
  afterAll(async () => {
    await server.close();
  });

  const frames: Array<[string, Uint8Array | string]> = [
    ["a truncated varint", new Uint8Array([0x80])],
    ["an empty frame", new Uint8Array([])],
    ["an unknown message type", new Uint8Array([7, 1, 2, 3])],
    ["an unknown sync step", new Uint8Array([0, 9, 0])],
    ["a sync update whose length overruns the frame", new Uint8Array([0, 2, 0xff, 0x01, 1, 2])],
    ["a garbage update", new Uint8Array([0, 2, 5, 0xff, 0xff, 0xff, 0xff, 0x0f])],
    ["garbage awareness", new Uint8Array([1, 4, 0xff, 0xff, 0xff, 0xff])],
    ["a text frame", "hello"],
  ];

  it.each(frames)("closes the sender of %s with 4400 and keeps serving others", async (_name, frame) => {
    const writer = connect(server.url, doc, tokenFor("alice", doc));
    try {
      await synced(writer);
      const { socket, closed } = await rawSocket(url());
      socket.send(frame);
      expect(await closed).toBe(CloseCode.malformedMessage);
      const before = text(writer.doc);
      writer.doc.getText("body").insert(before.length, "x");
      await waitFor(() => server.collab.hub.getDocument(doc)?.getText("body").toString() === before + "x", 5000, "server to keep serving");
      expect(writer.wsconnected).toBe(true);
    } finally {
      writer.destroy();
    }
  });

  it("closes an oversize message with 1009", async () => {
    const { socket, closed } = await rawSocket(url());
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 2);
    encoding.writeVarUint8Array(encoder, new Uint8Array(100 * 1024));
    socket.send(encoding.toUint8Array(encoder));
    expect(await closed).toBe(CloseCode.messageTooBig);
  });

  it("closes a connection that floods messages with 4429", async () => {
    const { socket, closed } = await rawSocket(url());
    // Query-awareness messages are valid and cheap: only the rate limit can stop them.
    for (let i = 0; i < 500; i++) socket.send(new Uint8Array([3]));
    expect(await closed).toBe(CloseCode.rateLimited);
  });
});

describe("heartbeat", () => {
  it("drops a peer that stopped reading and answering pings, and keeps live ones", async () => {
    const server = await startServer({ heartbeatMs: 100 });
    const doc = "doc-heartbeat";
    const live = connect(server.url, doc, tokenFor("alice", doc));
    try {
      await synced(live);
      const { socket } = await rawSocket(`${server.url}/${doc}?token=${tokenFor("ghost", doc)}`);
      await waitFor(() => server.collab.hub.connections({ documentName: doc, userId: "ghost" }).length === 1, 5000, "the ghost to join");
      // Stop reading: no pong can come back, as with a peer whose network went away.
      (socket as unknown as { _socket: { pause(): void } })._socket.pause();
      await waitFor(() => server.collab.hub.connections({ documentName: doc, userId: "ghost" }).length === 0, 5000, "the ghost to be dropped");
      expect(live.wsconnected).toBe(true);
      expect(server.collab.hub.connections({ documentName: doc, userId: "alice" })).toHaveLength(1);
      socket.terminate();
    } finally {
      live.destroy();
      await server.close();
    }
  });
});
