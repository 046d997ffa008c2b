// The only ways to declare a procedure. Each carries its permission in `meta`, which the
// permission-matrix test reads.
import { TRPCError } from "@trpc/server";
import type { Permission } from "@/server/modules/identity";
import { enforceRateLimits, LIMITS } from "@/server/rate-limit";
import { partnerContext, tenantContext, userActor } from "@/server/service-context";
import { domainErrors, t } from "./init";

const base = t.procedure.use(domainErrors);

/** Open to anyone, so limited per client IP (each procedure counted on its own). */
export const publicProcedure = base.meta({ permission: "public" }).use(async ({ ctx, path, next }) => {
  if (ctx.ip) await enforceRateLimits([[`public:${path}:${ctx.ip}`, LIMITS.publicPerIp]]);
  return next();
});

export const authedProcedure = base.meta({ permission: "authenticated" }).use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in" });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** Platform-level procedures (no tenant): platform staff only. */
export function platformProcedure(permission: Permission) {
  return base.meta({ permission }).use(({ ctx, next }) => {
    if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in" });
    if (!ctx.user.permissions.has(permission))
      throw new TRPCError({ code: "FORBIDDEN", message: "You do not have permission to do that" });
    return next({ ctx: { ...ctx, user: ctx.user, actor: userActor(ctx.user, ctx.ip) } });
  });
}

/**
 * Tenant procedures: the caller needs `permission` and belongs to a tenant; the context
 * carries that tenant's scoped database (`ctx.svc.db`) for the service to use.
 */
export function tenantProcedure(permission: Permission) {
  return base.meta({ permission }).use(({ ctx, next }) => {
    if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in" });
    if (!ctx.user.tenantId || !ctx.user.permissions.has(permission)) {
      throw new TRPCError({ code: "FORBIDDEN", message: "You do not have permission to do that" });
    }
    // A partner's users get the partner scope beside the tenant's (the partners module widens
    // it to the sub-partners); one without a partner sees nothing.
    if (ctx.user.audience === "PARTNER" && !ctx.user.partnerId)
      throw new TRPCError({ code: "FORBIDDEN", message: "Your account is not linked to a partner" });
    const actor = userActor(ctx.user, ctx.ip);
    const svc =
      ctx.user.audience === "PARTNER" && ctx.user.partnerId
        ? partnerContext(ctx.user.tenantId, [ctx.user.partnerId], actor)
        : tenantContext(ctx.user.tenantId, actor);
    return next({ ctx: { ...ctx, user: ctx.user, svc } });
  });
}
