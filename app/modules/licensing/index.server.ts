export {
  compressedPublicKey,
  decryptArticle,
  encryptArticle,
  openSealed,
  parseContentKek,
  sealToPublicKey,
  unwrapContentKey,
  wrapContentKey,
  ENVELOPE_VERSION,
} from "./crypto.server";
export { storeArticleContent, type StoreArticleContentDeps, type StoreArticleContentInput, type StoredArticleContent } from "./store-article-content.server";
export { mintArticleToken, type MintArticleTokenDeps, type MintedArticleToken } from "./mint-article-token.server";
export { releaseArticleKey, type ReleaseKeyDeps } from "./release-key.server";
export {
  issueWalletLinkNonce,
  linkWallet,
  listWallets,
  localWalletSigner,
  provisionLocalWallet,
  WALLET_LINK_STATEMENT,
  type LocalWalletDeps,
  type WalletLinkChallenge,
  type WalletLinkDeps,
} from "./wallets.server";
export * from "./model";
