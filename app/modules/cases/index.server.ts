// Public API of the cases module.
export * from "./model";
export { findDraftIdentifiers, applyResolutions, importFhirBundle, importMmePatient, ImportError, type ImportResult, type FhirBundle } from "./ingest";
export {
  createCase,
  exportCaseAsMme,
  exportConsentsAsFhir,
  getCaseForClinician,
  hashToken,
  listCasesFor,
  recordCaseConsent,
  renewPatientLink,
  reviewDraft,
  validateDraft,
  warmLibrary,
  withdrawCase,
  linkCasePublication,
  casePublicationsOf,
  type CasesDeps,
} from "./cases.server";
export { searchCases, parseSearchInput, type SearchDeps } from "./search.server";
export { addPeer, canManageFederation, hashPeerToken, listPeersFor, queryPeers, updatePeerSettings, type FederationDeps } from "./federation.server";
export { handleMatchRequest, heartbeat, metrics, type MmeDeps, type MmeHttpResponse } from "./mme-node.server";
export { patientView, revokeByPatient, type PatientDeps } from "./patient.server";
export { caseLibrary, toMatchCase } from "./library.server";
export { allInstitutionsForConsent } from "./institutions.server";
export { caseHpo, searchHpoTerms } from "./hpo.server";
