// Starts a local anvil chain on loopback for tests, the embedded `npm start` mode and scripts.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { HDNodeWallet, JsonRpcProvider, Mnemonic, type Provider } from "ethers";

const repoRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const anvilWrapper = path.join(repoRoot, "node_modules", ".bin", "anvil");

/** anvil's default mnemonic; its first accounts are funded with 10,000 ETH each. */
export const ANVIL_MNEMONIC = "test test test test test test test test test test test junk";
export const ANVIL_CHAIN_ID = 31337;

export interface AnvilOptions {
  /** Load the chain from this file if it exists and dump it there on stop. */
  statePath?: string;
  /** Number of funded accounts (anvil's default is 10). */
  accounts?: number;
  chainId?: number;
  /** Milliseconds to wait for the node to answer. */
  startTimeoutMs?: number;
}

export interface AnvilInstance {
  rpcUrl: string;
  port: number;
  chainId: number;
  mnemonic: string;
  /** Stops the node and waits for it to exit (and, with `statePath`, to write its state). */
  stop(): Promise<void>;
}

/** Starts anvil on 127.0.0.1 on a free port and resolves once it answers `eth_chainId`. */
export async function startAnvil(options: AnvilOptions = {}): Promise<AnvilInstance> {
  const attempts = 3;
  let lastError: unknown;
  // Another process can take the port between our probe and anvil's bind: retry on a fresh port.
  for (let attempt = 0; attempt < attempts; attempt++) {
    const port = await findFreePort();
    try {
      return await launch(port, options);
    } catch (error) {
      lastError = error;
    }
  }
  throw new Error(`anvil did not start after ${attempts} attempts: ${String(lastError)}`);
}

/** Wallets of anvil's funded accounts, connected to `provider`. */
export function anvilWallets(provider: Provider, count = 10, mnemonic = ANVIL_MNEMONIC): HDNodeWallet[] {
  const phrase = Mnemonic.fromPhrase(mnemonic);
  return Array.from({ length: count }, (_, index) =>
    HDNodeWallet.fromMnemonic(phrase, `m/44'/60'/0'/0/${index}`).connect(provider),
  );
}

/** A provider that never serves reads from ethers' 250 ms cache (tests move time and state). */
export function localProvider(rpcUrl: string): JsonRpcProvider {
  return new JsonRpcProvider(rpcUrl, undefined, {
    cacheTimeout: -1,
    staticNetwork: true,
    pollingInterval: 50,
    // Without batching ethers sends at once instead of waiting 10 ms to gather a batch (loopback needs no batches).
    batchMaxCount: 1,
  });
}

async function launch(port: number, options: AnvilOptions): Promise<AnvilInstance> {
  const chainId = options.chainId ?? ANVIL_CHAIN_ID;
  const args = [
    "--host", "127.0.0.1",
    "--port", String(port),
    "--chain-id", String(chainId),
    "--accounts", String(options.accounts ?? 10),
    "--mnemonic", ANVIL_MNEMONIC,
  ];
  if (options.statePath) args.push("--state", options.statePath);

  const child = spawn(anvilBinary(), args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  // A binary that cannot be spawned emits "error" and never "exit"; both end the wait in waitForChain.
  let spawnError: Error | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.once("error", (error) => {
      spawnError = error;
      resolve();
    });
  });
  const rpcUrl = `http://127.0.0.1:${port}`;

  try {
    await waitForChain(rpcUrl, chainId, child, options.startTimeoutMs ?? 15_000, () => spawnError?.message ?? stderr);
  } catch (error) {
    await stopChild(child, exited);
    throw error;
  }
  return { rpcUrl, port, chainId, mnemonic: ANVIL_MNEMONIC, stop: () => stopChild(child, exited) };
}

// The npm wrapper in node_modules/.bin re-raises SIGTERM on itself without waiting for anvil, which would cut a
// `--state` dump short; spawn the platform binary it wraps when it can be found.
function anvilBinary(): string {
  const archNames: Record<string, string> = { x64: "amd64", arm64: "arm64" };
  const arch = archNames[process.arch];
  if (arch && existsSync(anvilWrapper)) {
    try {
      const wrapperPackage = path.dirname(realpathSync(anvilWrapper));
      const requireFromWrapper = createRequire(path.join(wrapperPackage, "package.json"));
      const binary = requireFromWrapper.resolve(`@foundry-rs/anvil-${process.platform}-${arch}/bin/anvil`);
      if (existsSync(binary)) return binary;
    } catch {
      // No platform package next to the wrapper: the wrapper itself finds the binary.
    }
  }
  return anvilWrapper;
}

async function waitForChain(
  rpcUrl: string,
  chainId: number,
  child: ChildProcess,
  timeoutMs: number,
  stderr: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
      throw new Error(`anvil exited (${child.exitCode ?? child.signalCode}) before answering: ${stderr()}`);
    }
    try {
      const response = await fetch(rpcUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      });
      const body = (await response.json()) as { result?: string };
      if (body.result && Number(body.result) === chainId) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`anvil did not answer eth_chainId on ${rpcUrl} within ${timeoutMs} ms: ${stderr()}`);
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      if (address === null || typeof address === "string") {
        server.close();
        reject(new Error("Could not read the probed port"));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}
