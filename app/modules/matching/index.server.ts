// Public API of the matching module.
export {
  SCORING,
  combineScores,
  geneKey,
  genotypeScore,
  variantKey,
  type CaseContact,
  type CaseDisorder,
  type CaseFeature,
  type CaseGenomicFeature,
  type CaseVariant,
  type ExcludedTermPenalty,
  type MatchCase,
  type MatchExplanation,
  type MatchResult,
  type MatchedTermPair,
  type TermRef,
} from "./model";
export { resnik, pairwiseScore, resolveFeatures, meanIc, penaltyFor, type PairwiseScore, type ResnikResult } from "./similarity";
export { MatchIndex, type MatchIndexOptions, type QueryOptions, type QueryStats } from "./match-index";
export {
  MME_CONTENT_TYPE_V1_0,
  MME_CONTENT_TYPE_V1_1,
  MME_LATEST_VERSION,
  MME_SUPPORTED_VERSIONS,
  buildMatchResponse,
  caseToMmePatient,
  mmeContentType,
  mmeError,
  mmeErrors,
  mmeMatchRequestSchema,
  mmeMatchResponseSchema,
  mmePatientSchema,
  mmePatientToCase,
  negotiateMmeVersion,
  parseMatchRequest,
  validateMatchResponse,
  validateMmePatient,
  type MmeErrorResponse,
  type MmeMatchRequest,
  type MmeMatchResponse,
  type MmePatient,
  type MmeVersion,
  type Negotiation,
} from "./mme";
export { SyntheticCohort, mulberry32, type SyntheticCase, type SyntheticOptions } from "./synthetic";
export { loadBenchmarkPatients } from "./benchmark-patients.server";
