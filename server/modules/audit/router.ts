import { t } from "@/server/trpc/init";
import { platformProcedure, tenantProcedure } from "@/server/trpc/procedures";
import { auditSearchInput } from "./schemas";
import { searchAudit } from "./search";

export const auditRouter = t.router({
  search: tenantProcedure("audit.read")
    .input(auditSearchInput)
    .query(({ ctx, input }) => searchAudit(ctx.svc.tenantId, input)),
  /** The whole installation's audit trail (platform staff). */
  searchAll: platformProcedure("platform.tenants.manage")
    .input(auditSearchInput)
    .query(({ input }) => searchAudit(null, input)),
});
