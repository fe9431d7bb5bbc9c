export { type LocalWallets, type PublishingDeps } from "./deps.server";
export { approveSplit, editSplit, loadArticle, proposeSplit, publicationView } from "./split.server";
export { publishArticle, licenceTermsText, type ArticleBundle } from "./publish-article.server";
export { articlePdf, articleView, licenseArticle, listPublished, myLicences, myPublications, publishingDesk } from "./articles.server";
export { earningsOf, withdrawEarnings } from "./earnings.server";
export { openReview, openReviews, type OpenReview } from "./open-reviews.server";
export { articleJats } from "./jats";
export * from "./model";
export { publishingDeps } from "./platform-deps.server";
