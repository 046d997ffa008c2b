import { z } from "zod";
import { t } from "@/server/trpc/init";
import { tenantProcedure } from "@/server/trpc/procedures";
import { createSubscriberInput, passwordSchema, subscriberFields, subscriberListInput } from "./schemas";
import {
  createSubscriber,
  getSubscriber,
  listSubscribers,
  setSubscriberPassword,
  subscriberHistory,
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
  // Lifecycle changes (provision, suspend, restore, change plan, terminate) run their sagas:
  // orchestration.* (server/modules/subscribers/*.ts), previewed with orchestration.preview.*.
});
