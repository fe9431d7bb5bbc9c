// The publishing dependencies of a running server: the database and the adapters opened at start-up.
import { DomainError } from "../../utils/errors";
import { db } from "../../utils/db.server";
import { getPlatform, localWalletsOf } from "../../utils/platform.server";
import type { PublishingDeps } from "./deps.server";

export function publishingDeps(): PublishingDeps {
  const platform = getPlatform();
  if (!platform) throw new DomainError("UNAVAILABLE", "The chain and content store are not running on this server: start it with `npm start`.");
  return { db: db(), chain: platform.chain.articleChain, store: platform.contentStore, kek: platform.contentKek, localWallets: localWalletsOf(platform) };
}
