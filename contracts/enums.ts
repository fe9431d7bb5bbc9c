// The contracts' Solidity enums as TypeScript values, shared by the deploy script, the tests and the app's adapter.

/** Mirrors `ArticleToken.PayeeRole`. */
export enum PayeeRole {
  Author = 0,
  Reviewer = 1,
  Institution = 2,
  Platform = 3,
}

/** Mirrors `LicenseManager.LicenseKind`. */
export enum LicenseKind {
  PersonalReading = 0,
  Institutional = 1,
  Commercial = 2,
  AITraining = 3,
}
