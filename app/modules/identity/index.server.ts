export {
  endSession,
  getProfile,
  hashSessionToken,
  listUsers,
  resolveSession,
  setAdminRole,
  signIn,
  signUp,
  startSession,
  updateOwnProfile,
  SESSION_TTL_MS,
  SIGN_IN_LIMITS,
  type IdentityDeps,
} from "./accounts.server";
export {
  createInstitution,
  decideMembership,
  getInstitution,
  isInstitutionAdmin,
  listInstitutions,
  requestMembership,
} from "./institutions.server";
export { hashPassword, verifyPassword } from "./password.server";
export * from "./model";
export { identityOverview } from "./dashboard.server";
