// Diagnostics procedures: run a check (or a speed test, or a ping) on a subscriber's line, read a
// run (which completes it once the CPE has answered), and the runs of a ticket or subscriber.
import { z } from "zod";
import { t } from "@/server/trpc/init";
import { tenantProcedure } from "@/server/trpc/procedures";
import { getDiagnostic, listDiagnostics, runDiagnostics } from "./run-diagnostics";
import { runDiagnosticsInput } from "./schemas";

export const diagnosticsRouter = t.router({
  run: tenantProcedure("diagnostic.run")
    .input(runDiagnosticsInput)
    .mutation(({ ctx, input }) => runDiagnostics(ctx.svc, input)),
  get: tenantProcedure("diagnostic.run")
    .input(z.object({ id: z.string().uuid() }))
    .query(({ ctx, input }) => getDiagnostic(ctx.svc, input.id)),
  list: tenantProcedure("diagnostic.run")
    .input(
      z
        .object({ subscriberId: z.string().uuid().optional(), ticketId: z.string().uuid().optional() })
        .refine((f) => f.subscriberId || f.ticketId, "Give a subscriber or a ticket"),
    )
    .query(({ ctx, input }) => listDiagnostics(ctx.svc, input)),
});
