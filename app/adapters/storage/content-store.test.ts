import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { MemData } from "@0glabs/0g-ts-sdk";
import { Wallet } from "ethers";
import { DomainError } from "../../utils/errors";
import { computeContentRoot, createContentStore, createLocalContentStore, createZgContentStore } from "./index.server";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "mednexus-content-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const text = (value: string) => new TextEncoder().encode(value);

async function closedLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      if (address === null || typeof address === "string") return reject(new Error("no port"));
      server.close(() => resolve(address.port));
    });
  });
}

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("content roots", () => {
  it("names content by the 0G SDK's Merkle root, computed offline", async () => {
    const bytes = text("An encrypted article version");
    const [tree] = await new MemData(bytes).merkleTree();
    expect(await computeContentRoot(bytes)).toBe(tree!.rootHash()!.toLowerCase());
    expect(await computeContentRoot(text("another"))).not.toBe(await computeContentRoot(bytes));
  });

  it("refuses empty content, which has no 0G root", async () => {
    const error = await rejection(computeContentRoot(new Uint8Array()));
    expect(error.code).toBe("VALIDATION");
    expect(error.message).toMatch(/empty/);
  });
});

describe("local content store", () => {
  it("stores bytes under their root and reads them back", async () => {
    const store = createLocalContentStore({ dir });
    const bytes = text("x".repeat(10_000));
    const { root, size } = await store.put(bytes);
    expect(size).toBe(10_000);
    expect(root).toBe(await computeContentRoot(bytes));
    expect(await readdir(dir)).toEqual([`${root.slice(2)}.bin`]);
    expect(await store.get(root)).toEqual(bytes);
    expect(await store.get(root.toUpperCase().replace("0X", "0x"))).toEqual(bytes);
  });

  it("refuses to serve bytes that no longer match their root", async () => {
    const store = createLocalContentStore({ dir });
    const { root } = await store.put(text("original text"));
    await writeFile(path.join(dir, `${root.slice(2)}.bin`), text("tampered text"));
    const error = await rejection(store.get(root));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(/tampered/);
  });

  it("reports unknown and malformed roots", async () => {
    const store = createLocalContentStore({ dir });
    expect((await rejection(store.get(`0x${"ab".repeat(32)}`))).code).toBe("NOT_FOUND");
    expect((await rejection(store.get("../../etc/passwd"))).code).toBe("VALIDATION");
    expect((await rejection(store.put(new Uint8Array()))).code).toBe("VALIDATION");
  });
});

// Only what works offline is tested for 0G: root computation (above) and the conversion of network failures.
describe("0G content store, offline", () => {
  it("turns a refused connection to the indexer into UNAVAILABLE on upload and download", async () => {
    const port = await closedLoopbackPort();
    const store = createZgContentStore({
      indexerUrl: `http://127.0.0.1:${port}`,
      rpcUrl: `http://127.0.0.1:${port}`,
      signer: Wallet.createRandom(),
      indexerAttempts: 1,
    });
    const upload = await rejection(store.put(text("article")));
    expect(upload.code).toBe("UNAVAILABLE");
    expect(upload.message).toMatch(/0G Storage is unreachable.*upload.*ECONNREFUSED/s);
    const download = await rejection(store.get(await computeContentRoot(text("article"))));
    expect(download.code).toBe("UNAVAILABLE");
    expect(download.message).toMatch(/download.*ECONNREFUSED/s);
  });

  it("picks the store from the environment", async () => {
    expect(createContentStore({ CONTENT_STORE_DIR: dir }).kind).toBe("local");
    expect(() => createContentStore({ ZG_INDEXER_URL: "http://127.0.0.1:1" })).toThrow(/CHAIN_RPC_URL and CHAIN_PRIVATE_KEY/);
    const zg = createContentStore({
      ZG_INDEXER_URL: "http://127.0.0.1:1",
      CHAIN_RPC_URL: "http://127.0.0.1:1",
      CHAIN_PRIVATE_KEY: Wallet.createRandom().privateKey,
    });
    expect(zg.kind).toBe("0g");
  });
});
