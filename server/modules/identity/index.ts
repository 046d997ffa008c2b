// The identity module's face: users, roles and permissions, invitations, sessions, sign-in.
export { type ApiTokenCaller, apiTokenCaller } from "./api-tokens";
export { createInvitationRecord, invitationStatus, recentInvitations, sendInvitationEmail } from "./invitations";
export { identityJobs } from "./jobs";
export { hashPassword } from "./password";
export {
  ALL_PERMISSIONS,
  audienceMayOpen,
  BUILT_IN_ROLES,
  type BuiltInRole,
  PERMISSIONS,
  type Permission,
  PORTAL_HOME,
} from "./permissions";
export { builtInRole, syncBuiltInRoles } from "./roles";
export { identityRouter } from "./router";
export { linkPortalAccount, platformUserCount, portalAccount, seedUser, userCountsByTenant } from "./seed";
export {
  endSession,
  loadSessionUser,
  type SessionClaims,
  type SessionUser,
  startSession,
  userOfSession,
} from "./session";
export { type SignInResult, verifyCredentials } from "./sign-in";
export { describeSignInLink, magicLinkAllowed, signInWithLink } from "./sign-in-link";
export { audienceOf, linkPartnerUser, roleName, staffUserIds, staffWithPermission, tenantAdmins } from "./users";
