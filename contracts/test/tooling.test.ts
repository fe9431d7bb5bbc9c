import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseEther } from "ethers";
import { anvilWallets, localProvider, startAnvil } from "../anvil.js";
import { compileContracts, loadArtifact } from "../compile.js";

let workDir: string;

beforeAll(() => {
  workDir = mkdtempSync(path.join(tmpdir(), "mednexus-contracts-"));
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

describe("compileContracts", () => {
  it("reuses cached artifacts until a source changes", () => {
    const sourceDir = path.join(workDir, "src");
    const artifactsDir = path.join(workDir, "artifacts");
    mkdirSync(sourceDir, { recursive: true });
    const source = (value: number) =>
      `// SPDX-License-Identifier: MIT\npragma solidity ^0.8.28;\ncontract Answer { function get() external pure returns (uint256) { return ${value}; } }\n`;
    writeFileSync(path.join(sourceDir, "Answer.sol"), source(42));

    const first = compileContracts({ sourceDir, artifactsDir });
    expect(first.fromCache).toBe(false);
    expect(first.artifacts.Answer.bytecode).toMatch(/^0x[0-9a-f]+$/);
    expect(loadArtifact("Answer", artifactsDir).abi).toEqual(first.artifacts.Answer.abi);

    const second = compileContracts({ sourceDir, artifactsDir });
    expect(second.fromCache).toBe(true);
    expect(second.cacheKey).toBe(first.cacheKey);

    writeFileSync(path.join(sourceDir, "Answer.sol"), source(43));
    const third = compileContracts({ sourceDir, artifactsDir });
    expect(third.fromCache).toBe(false);
    expect(third.cacheKey).not.toBe(first.cacheKey);
    expect(third.artifacts.Answer.bytecode).not.toBe(first.artifacts.Answer.bytecode);
  });

  it("reports compiler errors with their location", () => {
    const sourceDir = path.join(workDir, "broken");
    mkdirSync(sourceDir, { recursive: true });
    writeFileSync(path.join(sourceDir, "Broken.sol"), "pragma solidity ^0.8.28;\ncontract Broken { uint256 x = ; }\n");
    expect(() => compileContracts({ sourceDir, artifactsDir: path.join(workDir, "broken-artifacts") })).toThrow(
      /Solidity compilation failed:[\s\S]*Broken\.sol:2/,
    );
  });
});

describe("startAnvil", () => {
  it("runs instances on distinct loopback ports with funded default accounts", async () => {
    const [first, second] = await Promise.all([startAnvil(), startAnvil()]);
    try {
      expect(first.rpcUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(first.port).not.toBe(second.port);
      const provider = localProvider(first.rpcUrl);
      const [account] = anvilWallets(provider, 1);
      expect(account.address).toBe("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
      expect(await provider.getBalance(account.address)).toBe(parseEther("10000"));
      provider.destroy();
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });

  it("persists the chain to a state file across restarts", async () => {
    const statePath = path.join(workDir, "anvil-state.json");
    const recipient = "0x000000000000000000000000000000000000bEEF";

    const before = await startAnvil({ statePath });
    const provider = localProvider(before.rpcUrl);
    const [sender] = anvilWallets(provider, 1);
    await (await sender.sendTransaction({ to: recipient, value: 12_345n })).wait();
    provider.destroy();
    await before.stop();

    const after = await startAnvil({ statePath });
    const reopened = localProvider(after.rpcUrl);
    try {
      expect(await reopened.getBalance(recipient)).toBe(12_345n);
    } finally {
      reopened.destroy();
      await after.stop();
    }
  });
});
