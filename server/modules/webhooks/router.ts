// Webhook procedures for the settings pages: endpoints (subscribe, change, enable/disable,
// delete, reveal and rotate the secret), the delivery log and replays.
import { z } from "zod";
import { listInput } from "@/server/list";
import { t } from "@/server/trpc/init";
import { tenantProcedure } from "@/server/trpc/procedures";
import {
  createEndpoint,
  deleteEndpoint,
  endpointInput,
  endpointUpdate,
  replayDelivery,
  revealSecret,
  rotateInput,
  rotateSecret,
  updateEndpoint,
} from "./endpoints";
import { WEBHOOK_EVENT_TYPES } from "./events";
import { endpointView, listDeliveries, listEndpoints } from "./list";

const idInput = z.object({ id: z.uuid() });

export const webhooksRouter = t.router({
  eventTypes: tenantProcedure("integration.manage").query(() =>
    Object.entries(WEBHOOK_EVENT_TYPES).map(([type, description]) => ({ type, description })),
  ),
  list: tenantProcedure("integration.manage")
    .input(listInput)
    .query(({ ctx, input }) => listEndpoints(ctx.svc, input)),
  get: tenantProcedure("integration.manage")
    .input(idInput)
    .query(({ ctx, input }) => endpointView(ctx.svc, input.id)),
  create: tenantProcedure("integration.manage")
    .input(endpointInput)
    .mutation(({ ctx, input }) => createEndpoint(ctx.svc, input)),
  update: tenantProcedure("integration.manage")
    .input(endpointUpdate.extend({ id: z.uuid() }))
    .mutation(async ({ ctx, input: { id, ...change } }) => {
      await updateEndpoint(ctx.svc, id, change);
      return endpointView(ctx.svc, id);
    }),
  delete: tenantProcedure("integration.manage")
    .input(idInput)
    .mutation(({ ctx, input }) => deleteEndpoint(ctx.svc, input.id)),
  // A mutation: every read of a secret is audited.
  revealSecret: tenantProcedure("integration.manage")
    .input(idInput)
    .mutation(async ({ ctx, input }) => ({ secret: await revealSecret(ctx.svc, input.id) })),
  rotateSecret: tenantProcedure("integration.manage")
    .input(rotateInput.extend({ id: z.uuid() }))
    .mutation(async ({ ctx, input: { id, ...options } }) => {
      const rotated = await rotateSecret(ctx.svc, id, options);
      return { ...rotated, secret: await revealSecret(ctx.svc, id) };
    }),
  deliveries: tenantProcedure("integration.manage")
    .input(listInput.extend({ endpointId: z.uuid() }))
    .query(({ ctx, input: { endpointId, ...list } }) => listDeliveries(ctx.svc, endpointId, list)),
  replay: tenantProcedure("integration.manage")
    .input(idInput)
    .mutation(async ({ ctx, input }) => {
      const replay = await replayDelivery(ctx.svc, input.id);
      return { id: replay.id };
    }),
});
