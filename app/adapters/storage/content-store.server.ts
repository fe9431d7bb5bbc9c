// Where encrypted article versions are kept: a local folder, or 0G Storage. Both name content by its 0G Merkle root.
export interface StoredContent {
  /** 0G Merkle root of the bytes, 0x-prefixed bytes32 hex. */
  root: string;
  size: number;
}

export interface ContentStore {
  readonly kind: "local" | "0g";
  put(bytes: Uint8Array): Promise<StoredContent>;
  /** The bytes whose root is `root`; refuses bytes that do not hash to it. */
  get(root: string): Promise<Uint8Array>;
}
