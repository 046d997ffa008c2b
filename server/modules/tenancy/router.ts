import { z } from "zod";
import { getEmail, listEmails } from "@/server/adapters/email";
import { listInput } from "@/server/list";
import { t } from "@/server/trpc/init";
import { authedProcedure, platformProcedure, tenantProcedure } from "@/server/trpc/procedures";
import { createTenantInput, firstAdminSchema, tenantIdInput, tenantSettingsInput } from "./schemas";
import {
  createTenant,
  getTenant,
  getTenantProfile,
  getTenantSettings,
  inviteTenantAdmin,
  listTenants,
  setTenantStatus,
  updateTenantSettings,
} from "./service";

const reasonInput = tenantIdInput.extend({ reason: z.string().trim().max(500).optional() });
const emailIdInput = z.object({ id: z.string().uuid("Not a valid id") });

export const tenancyRouter = t.router({
  /** Platform staff: the ISPs on this installation. */
  tenants: t.router({
    list: platformProcedure("platform.tenants.manage")
      .input(listInput)
      .query(({ input }) => listTenants(input)),
    get: platformProcedure("platform.tenants.manage")
      .input(tenantIdInput)
      .query(({ input }) => getTenant(input.id)),
    create: platformProcedure("platform.tenants.manage")
      .input(createTenantInput)
      .mutation(({ ctx, input }) => createTenant(ctx.actor, input)),
    inviteAdmin: platformProcedure("platform.tenants.manage")
      .input(tenantIdInput.extend(firstAdminSchema.shape))
      .mutation(({ ctx, input }) => inviteTenantAdmin(ctx.actor, { tenantId: input.id, ...input })),
    suspend: platformProcedure("platform.tenants.manage")
      .input(reasonInput)
      .mutation(({ ctx, input }) => setTenantStatus(ctx.actor, { ...input, status: "SUSPENDED" })),
    reactivate: platformProcedure("platform.tenants.manage")
      .input(reasonInput)
      .mutation(({ ctx, input }) => setTenantStatus(ctx.actor, { ...input, status: "ACTIVE" })),
  }),

  /** The signed-in user's own tenant. */
  settings: t.router({
    get: tenantProcedure("tenant.read").query(({ ctx }) => getTenantSettings(ctx.svc)),
    update: tenantProcedure("tenant.manage")
      .input(tenantSettingsInput)
      .mutation(({ ctx, input }) => updateTenantSettings(ctx.svc, input)),
  }),

  /** Name, brand and formatting (currency, timezone, locale) of the caller's tenant, for any tenant user. */
  profile: authedProcedure.query(({ ctx }) => (ctx.user.tenantId ? getTenantProfile(ctx.user.tenantId) : null)),
});

export const mailboxRouter = t.router({
  list: tenantProcedure("mailbox.read")
    .input(listInput)
    .query(({ ctx, input }) => listEmails(ctx.svc.tenantId, input)),
  get: tenantProcedure("mailbox.read")
    .input(emailIdInput)
    .query(({ ctx, input }) => getEmail(ctx.svc.tenantId, input.id)),
  listAll: platformProcedure("platform.mailbox.read")
    .input(listInput)
    .query(({ input }) => listEmails(undefined, input)),
  getAny: platformProcedure("platform.mailbox.read")
    .input(emailIdInput)
    .query(({ input }) => getEmail(undefined, input.id)),
});
