import { z } from "zod";
import { t } from "@/server/trpc/init";
import { tenantProcedure } from "@/server/trpc/procedures";
import { changePlanNow, restoreSubscriber, suspendSubscriber, terminateSubscriber } from "./actions";
import {
  createSubscriberInput,
  passwordSchema,
  subscriberFields,
  subscriberListInput,
  transitionInput,
} from "./schemas";
import {
  createSubscriber,
  getSubscriber,
  listSubscribers,
  setSubscriberPassword,
  subscriberHistory,
  transitionSubscriber,
  updateSubscriber,
  withoutPassword,
} from "./service";

const id = z.object({ id: z.string().uuid() });

export const subscribersRouter = t.router({
  list: tenantProcedure("subscriber.read")
    .input(subscriberListInput)
    .query(({ ctx, input }) => listSubscribers(ctx.svc, input)),
  get: tenantProcedure("subscriber.read")
    .input(id)
    .query(async ({ ctx, input }) => withoutPassword(await getSubscriber(ctx.svc, input.id))),
  credentials: tenantProcedure("subscriber.write")
    .input(id)
    .query(async ({ ctx, input }) => {
      const s = await getSubscriber(ctx.svc, input.id);
      return { username: s.username, password: s.password };
    }),
  history: tenantProcedure("subscriber.read")
    .input(id)
    .query(({ ctx, input }) => subscriberHistory(ctx.svc, input.id)),
  create: tenantProcedure("subscriber.write")
    .input(createSubscriberInput)
    .mutation(async ({ ctx, input }) => withoutPassword(await createSubscriber(ctx.svc, input))),
  update: tenantProcedure("subscriber.write")
    .input(z.object({ id: z.string().uuid(), data: subscriberFields }))
    .mutation(({ ctx, input }) => updateSubscriber(ctx.svc, input.id, input.data)),
  setPassword: tenantProcedure("subscriber.write")
    .input(z.object({ id: z.string().uuid(), password: passwordSchema.optional() }))
    .mutation(({ ctx, input }) => setSubscriberPassword(ctx.svc, input.id, input.password)),
  changePlan: tenantProcedure("subscriber.provision")
    .input(z.object({ id: z.string().uuid(), planId: z.string().uuid() }))
    .mutation(({ ctx, input }) => changePlanNow(ctx.svc, input.id, input.planId)),
  transition: tenantProcedure("subscriber.provision")
    .input(transitionInput)
    .mutation(({ ctx, input }) => transitionSubscriber(ctx.svc, input.id, input.to, { reason: input.reason })),
  suspend: tenantProcedure("subscriber.suspend")
    .input(z.object({ id: z.string().uuid(), reason: z.enum(["NON_PAYMENT", "FRAUD", "REQUESTED", "ADMINISTRATIVE"]) }))
    .mutation(({ ctx, input }) => suspendSubscriber(ctx.svc, input.id, input.reason)),
  restore: tenantProcedure("subscriber.suspend")
    .input(id)
    .mutation(({ ctx, input }) => restoreSubscriber(ctx.svc, input.id)),
  terminate: tenantProcedure("subscriber.terminate")
    .input(z.object({ id: z.string().uuid(), reason: z.string().trim().max(500).optional() }))
    .mutation(({ ctx, input }) => terminateSubscriber(ctx.svc, input.id, input.reason)),
});
