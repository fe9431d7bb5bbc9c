// The name of a piece of content: its 0G Storage Merkle root, computed offline, so a local file and an upload to 0G
// carry the same id and the root written on chain at mint names the bytes wherever they are kept.
import { MemData } from "@0glabs/0g-ts-sdk";
import { DomainError } from "../../utils/errors";

const ROOT_PATTERN = /^0x[0-9a-f]{64}$/;

/** The 0G Merkle root of `bytes` as 0x-prefixed lower-case hex (bytes32). Refuses empty input, which has no root. */
export async function computeContentRoot(bytes: Uint8Array): Promise<string> {
  if (bytes.byteLength === 0) {
    throw new DomainError("VALIDATION", "Cannot store empty content: 0G Storage has no Merkle root for 0 bytes.");
  }
  const [tree, error] = await new MemData(bytes).merkleTree();
  const root = tree?.rootHash();
  if (error || !root) throw new Error(`Could not compute the 0G Merkle root: ${error?.message ?? "no root"}`);
  return root.toLowerCase();
}

/** Normalises a root given by a caller, refusing anything that is not a bytes32 hex string. */
export function parseContentRoot(root: string): string {
  const normalised = root.trim().toLowerCase();
  if (!ROOT_PATTERN.test(normalised)) {
    throw new DomainError("VALIDATION", `Not a content root: expected 0x followed by 64 hex digits, got "${root}".`);
  }
  return normalised;
}
