import { listInput } from "@/server/list";
import { t } from "@/server/trpc/init";
import { authedProcedure, publicProcedure, tenantProcedure } from "@/server/trpc/procedures";
import { createApiToken, listApiTokens, revokeApiToken } from "./api-tokens";
import {
  acceptInvitation,
  describeInvitation,
  inviteUser,
  listInvitations,
  resendInvitation,
  revokeInvitation,
} from "./invitations";
import { changeOwnPassword } from "./own-account";
import { completePasswordReset, describePasswordReset, requestPasswordReset } from "./password-reset";
import { PERMISSIONS, PORTAL_HOME, permissionsAllowedFor } from "./permissions";
import { createRole, deleteRole, listRoles, updateRole } from "./roles-service";
import {
  acceptInvitationInput,
  changePasswordInput,
  changeRoleInput,
  completeResetInput,
  createApiTokenInput,
  idInput,
  invitationListInput,
  inviteInput,
  requestResetInput,
  roleInput,
  tokenInput,
  updateRoleInput,
} from "./schemas";
import { describeSignInLink, requestSignInLink } from "./sign-in-link";
import { changeUserRole, getUser, listUsers, setUserStatus } from "./users";

export const identityRouter = t.router({
  me: authedProcedure.query(({ ctx }) => ({
    id: ctx.user.id,
    email: ctx.user.email,
    name: ctx.user.name,
    audience: ctx.user.audience,
    tenantId: ctx.user.tenantId,
    role: ctx.user.roleKey,
    permissions: [...ctx.user.permissions],
    home: PORTAL_HOME[ctx.user.audience],
  })),
  changePassword: authedProcedure
    .input(changePasswordInput)
    .mutation(({ ctx, input }) => changeOwnPassword(ctx.user.id, input, ctx.ip)),

  users: t.router({
    list: tenantProcedure("user.read")
      .input(listInput)
      .query(({ ctx, input }) => listUsers(ctx.svc, input)),
    get: tenantProcedure("user.read")
      .input(idInput)
      .query(({ ctx, input }) => getUser(ctx.svc, input.id)),
    changeRole: tenantProcedure("user.manage")
      .input(changeRoleInput)
      .mutation(({ ctx, input }) => changeUserRole(ctx.svc, input)),
    disable: tenantProcedure("user.manage")
      .input(idInput)
      .mutation(({ ctx, input }) => setUserStatus(ctx.svc, { id: input.id, status: "DISABLED" })),
    enable: tenantProcedure("user.manage")
      .input(idInput)
      .mutation(({ ctx, input }) => setUserStatus(ctx.svc, { id: input.id, status: "ACTIVE" })),
  }),

  invitations: t.router({
    list: tenantProcedure("user.read")
      .input(invitationListInput)
      .query(({ ctx, input }) => listInvitations(ctx.svc, input)),
    create: tenantProcedure("user.invite")
      .input(inviteInput)
      .mutation(({ ctx, input }) => inviteUser(ctx.svc, input)),
    resend: tenantProcedure("user.invite")
      .input(idInput)
      .mutation(({ ctx, input }) => resendInvitation(ctx.svc, input.id)),
    revoke: tenantProcedure("user.invite")
      .input(idInput)
      .mutation(({ ctx, input }) => revokeInvitation(ctx.svc, input.id)),
    /** What the acceptance page shows (the token is the credential). */
    lookup: publicProcedure.input(tokenInput).query(({ input }) => describeInvitation(input.token)),
    accept: publicProcedure
      .input(acceptInvitationInput)
      .mutation(({ ctx, input }) => acceptInvitation(input.token, input, ctx.ip)),
  }),

  passwordReset: t.router({
    request: publicProcedure
      .input(requestResetInput)
      .mutation(({ ctx, input }) => requestPasswordReset(input.email, ctx.ip)),
    lookup: publicProcedure.input(tokenInput).query(({ input }) => describePasswordReset(input.token)),
    complete: publicProcedure
      .input(completeResetInput)
      .mutation(({ ctx, input }) => completePasswordReset(input.token, input.password, ctx.ip)),
  }),

  signInLink: t.router({
    request: publicProcedure
      .input(requestResetInput)
      .mutation(({ ctx, input }) => requestSignInLink(input.email, ctx.ip)),
    lookup: publicProcedure.input(tokenInput).query(({ input }) => describeSignInLink(input.token)),
  }),

  roles: t.router({
    list: tenantProcedure("user.read").query(({ ctx }) => listRoles(ctx.svc)),
    /** The permissions a custom staff role may hold, with descriptions. */
    catalogue: tenantProcedure("role.manage").query(() =>
      permissionsAllowedFor("STAFF").map((key) => ({ key, description: PERMISSIONS[key] })),
    ),
    create: tenantProcedure("role.manage")
      .input(roleInput)
      .mutation(({ ctx, input }) => createRole(ctx.svc, input)),
    update: tenantProcedure("role.manage")
      .input(updateRoleInput)
      .mutation(({ ctx, input }) => updateRole(ctx.svc, input)),
    delete: tenantProcedure("role.manage")
      .input(idInput)
      .mutation(({ ctx, input }) => deleteRole(ctx.svc, input.id)),
  }),

  apiTokens: t.router({
    list: tenantProcedure("integration.manage")
      .input(listInput)
      .query(({ ctx, input }) => listApiTokens(ctx.svc, input)),
    create: tenantProcedure("integration.manage")
      .input(createApiTokenInput)
      .mutation(({ ctx, input }) => createApiToken(ctx.svc, input)),
    revoke: tenantProcedure("integration.manage")
      .input(idInput)
      .mutation(({ ctx, input }) => revokeApiToken(ctx.svc, input.id)),
  }),
});
