export {
  createArticleChain,
  LicenseKind,
  PayeeRole,
  type ArticleChain,
  type ArticleChainConfig,
  type ArticlePayee,
  type LicenseTermsInput,
  type MintArticleInput,
  type OnChainLicense,
  type PurchasedLicense,
  type Withdrawal,
  type TransferProofInput,
} from "./article-chain.server";
