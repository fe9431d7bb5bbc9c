// Encrypts an article version under a fresh key, stores the envelope and keeps the key wrapped under the KEK.
import type { Db } from "../../../db/client";
import type { ContentStore } from "../../adapters/storage/index.server";
import { DomainError } from "../../utils/errors";
import { encryptArticle, wrapContentKey } from "./crypto.server";
import * as q from "./queries.server";

export interface StoreArticleContentDeps {
  db: Db;
  store: ContentStore;
  /** The key-encryption key (CONTENT_KEK), 32 bytes. */
  kek: Uint8Array;
}

export interface StoreArticleContentInput {
  plaintext: Uint8Array;
  manuscriptId?: string | null;
}

export interface StoredArticleContent {
  contentKeyId: string;
  /** 0G Merkle root of the encrypted envelope: the storage root to mint with. */
  contentRoot: string;
  size: number;
}

export async function storeArticleContent(deps: StoreArticleContentDeps, input: StoreArticleContentInput): Promise<StoredArticleContent> {
  if (input.plaintext.byteLength === 0) throw new DomainError("VALIDATION", "The article text is empty: there is nothing to encrypt.");
  const { envelope, key } = encryptArticle(input.plaintext);
  const { root, size } = await deps.store.put(envelope);
  const row = await q.insertContentKey(deps.db, {
    contentRoot: root,
    contentSize: size,
    manuscriptId: input.manuscriptId ?? null,
    wrappedKey: wrapContentKey(deps.kek, key, root),
  });
  // A fresh key and iv make every envelope unique, so its root cannot already be taken.
  if (!row) throw new Error(`Content root ${root} already has a key`);
  return { contentKeyId: row.id, contentRoot: root, size };
}
