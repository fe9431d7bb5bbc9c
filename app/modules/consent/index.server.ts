// Public API of the consent module.
export * from "./model";
export { consentToFhir, type FhirConsent } from "./fhir";
export { consentHistory, currentConsents, parseConsentInput, recordConsentVersion, revokeConsentVersion, toConsentRecord } from "./consents.server";
export { accessLogForCase, logAccess, logAccessIn, verifyAccessLog, type AccessEvent } from "./access-log.server";
export { GENESIS_HASH, canonicalJson, entryHash, verifyChain, type ChainProblem, type ChainedEntry } from "./audit-chain.server";
