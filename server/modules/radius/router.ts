import { z } from "zod";
import { listInput } from "@/server/list";
import { t } from "@/server/trpc/init";
import { tenantProcedure } from "@/server/trpc/procedures";
import { listAuthAttempts } from "./auth-log";
import { createNas, deleteNas, getNas, listNas, nasInput, radiusReloadStatus, updateNas } from "./nas";
import { disconnectSubscriberSessions } from "./provisioning";
import { listLiveSessions, listSessionHistory, radiusStats, subscriberLiveSessions, usagePerDay } from "./sessions";

const nasId = z.object({ id: z.number().int().positive() });
const subscriberId = z.object({ subscriberId: z.string().uuid() });

export const radiusRouter = t.router({
  nas: t.router({
    list: tenantProcedure("nas.read")
      .input(listInput)
      .query(({ ctx, input }) => listNas(ctx.svc, input)),
    get: tenantProcedure("nas.read")
      .input(nasId)
      .query(({ ctx, input }) => getNas(ctx.svc, input.id)),
    create: tenantProcedure("nas.write")
      .input(nasInput)
      .mutation(({ ctx, input }) => createNas(ctx.svc, input)),
    update: tenantProcedure("nas.write")
      .input(z.object({ id: z.number().int().positive(), data: nasInput.partial() }))
      .mutation(({ ctx, input }) => updateNas(ctx.svc, input.id, input.data)),
    delete: tenantProcedure("nas.write")
      .input(nasId)
      .mutation(({ ctx, input }) => deleteNas(ctx.svc, input.id)),
    reloadStatus: tenantProcedure("nas.read").query(() => radiusReloadStatus()),
  }),
  sessions: t.router({
    live: tenantProcedure("session.read")
      .input(listInput)
      .query(({ ctx, input }) => listLiveSessions(ctx.svc, input)),
    history: tenantProcedure("session.read")
      .input(listInput)
      .query(({ ctx, input }) => listSessionHistory(ctx.svc, input)),
    ofSubscriber: tenantProcedure("session.read")
      .input(subscriberId)
      .query(({ ctx, input }) => subscriberLiveSessions(ctx.svc, input.subscriberId)),
    usage: tenantProcedure("session.read")
      .input(subscriberId.extend({ days: z.number().int().min(1).max(400).default(30) }))
      .query(({ ctx, input }) => usagePerDay(ctx.svc, input.subscriberId, input.days)),
    stats: tenantProcedure("session.read").query(({ ctx }) => radiusStats(ctx.svc)),
    disconnect: tenantProcedure("session.control")
      .input(subscriberId.extend({ sessionId: z.string().max(200).optional() }))
      .mutation(({ ctx, input }) =>
        disconnectSubscriberSessions(ctx.svc, input.subscriberId, { sessionId: input.sessionId }),
      ),
  }),
  authLog: tenantProcedure("session.read")
    .input(listInput)
    .query(({ ctx, input }) => listAuthAttempts(ctx.svc, input)),
});
