// Content kept as files in one folder, each named by its 0G Merkle root; reads check the bytes against the name.
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { DomainError } from "../../utils/errors";
import { computeContentRoot, parseContentRoot } from "./content-root.server";
import type { ContentStore } from "./content-store.server";

export const DEFAULT_CONTENT_DIR = path.join("data", "content");

export function createLocalContentStore(options: { dir?: string } = {}): ContentStore {
  const dir = path.resolve(options.dir ?? DEFAULT_CONTENT_DIR);
  const fileOf = (root: string) => path.join(dir, `${root.slice(2)}.bin`);

  return {
    kind: "local",

    async put(bytes) {
      const root = await computeContentRoot(bytes);
      await mkdir(dir, { recursive: true });
      // Written under a temporary name and renamed: a reader never sees half a file.
      const temporary = `${fileOf(root)}.${randomBytes(6).toString("hex")}.tmp`;
      await writeFile(temporary, bytes);
      await rename(temporary, fileOf(root));
      return { root, size: bytes.byteLength };
    },

    async get(rawRoot) {
      const root = parseContentRoot(rawRoot);
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await readFile(fileOf(root)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") {
          throw new DomainError("NOT_FOUND", `No content with root ${root} in the local content store.`);
        }
        throw error;
      }
      const actual = bytes.byteLength === 0 ? "(empty file)" : await computeContentRoot(bytes);
      if (actual !== root) {
        throw new DomainError(
          "CONFLICT",
          `The stored content for ${root} is corrupt or was tampered with (its Merkle root is ${actual}); refusing to serve it.`,
        );
      }
      return bytes;
    },
  };
}
