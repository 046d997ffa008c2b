import { z } from "zod";
import { applyPlanToSessions } from "@/server/modules/radius";
import { t } from "@/server/trpc/init";
import { tenantProcedure } from "@/server/trpc/procedures";
import {
  cancellationInput,
  cancellationState,
  previewCancellation,
  requestCancellation,
  withdrawCancellation,
} from "./cancellation";
import {
  portalCancellationInput,
  portalCancellations,
  previewPortalCancellation,
  requestPortalCancellation,
  withdrawPortalCancellation,
} from "./portal-cancellation";
import { portalServicesOverview } from "./portal-overview";
import {
  portalPlanChangeInput,
  portalPlanOptions,
  previewPortalPlanChange,
  startPortalPlanChange,
} from "./portal-plan-change";
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
  // A CoA with the plan's rates to the subscriber's live sessions (the RADIUS module is below
  // this one: it is given the plan).
  applyPlanToSessions: tenantProcedure("session.control")
    .input(id)
    .mutation(async ({ ctx, input }) => {
      const s = await getSubscriber(ctx.svc, input.id);
      return applyPlanToSessions(ctx.svc, s.id, s.plan);
    }),
  setPassword: tenantProcedure("subscriber.write")
    .input(z.object({ id: z.string().uuid(), password: passwordSchema.optional() }))
    .mutation(({ ctx, input }) => setSubscriberPassword(ctx.svc, input.id, input.password)),
  // The subscriber portal: its services with billing's overview, their plan change (J2) through
  // the change-plan saga, and their cancellation (J4).
  portal: t.router({
    overview: tenantProcedure("portal.self").query(({ ctx }) => portalServicesOverview(ctx.svc, ctx.user.customerId)),
    planOptions: tenantProcedure("portal.self").query(({ ctx }) => portalPlanOptions(ctx.svc, ctx.user.customerId)),
    previewPlanChange: tenantProcedure("portal.self")
      .input(portalPlanChangeInput)
      .query(({ ctx, input }) => previewPortalPlanChange(ctx.svc, ctx.user.customerId, input)),
    changePlan: tenantProcedure("portal.self")
      .input(portalPlanChangeInput.extend({ idempotencyKey: z.string().min(8).max(100) }))
      .mutation(({ ctx, input }) => startPortalPlanChange(ctx.svc, ctx.user.customerId, input, input.idempotencyKey)),
    // Cancelling a service on a later day (J4), the staff's cancellation; withdrawn before the day.
    cancellations: tenantProcedure("portal.self").query(({ ctx }) => portalCancellations(ctx.svc, ctx.user.customerId)),
    previewCancellation: tenantProcedure("portal.self")
      .input(portalCancellationInput)
      .query(({ ctx, input }) => previewPortalCancellation(ctx.svc, ctx.user.customerId, input)),
    cancel: tenantProcedure("portal.self")
      .input(portalCancellationInput.extend({ idempotencyKey: z.string().min(8).max(100) }))
      .mutation(({ ctx, input: { idempotencyKey, ...input } }) =>
        requestPortalCancellation(ctx.svc, ctx.user.customerId, input, idempotencyKey),
      ),
    withdrawCancellation: tenantProcedure("portal.self")
      .input(id)
      .mutation(({ ctx, input }) => withdrawPortalCancellation(ctx.svc, ctx.user.customerId, input.id)),
  }),
  // Lifecycle changes (provision, suspend, restore, change plan) run their sagas:
  // orchestration.* (server/modules/subscribers/*.ts), previewed with orchestration.preview.*.
  // A teardown is a cancellation on a day (J4): today it starts the saga, later it is scheduled.
  cancellation: t.router({
    get: tenantProcedure("subscriber.read")
      .input(z.object({ subscriberId: z.string().uuid() }))
      .query(({ ctx, input }) => cancellationState(ctx.svc, input.subscriberId)),
    preview: tenantProcedure("subscriber.terminate")
      .input(cancellationInput)
      .query(({ ctx, input }) => previewCancellation(ctx.svc, input)),
    request: tenantProcedure("subscriber.terminate")
      .input(cancellationInput.extend({ idempotencyKey: z.string().max(200).optional() }))
      .mutation(({ ctx, input: { idempotencyKey, ...input } }) => requestCancellation(ctx.svc, input, idempotencyKey)),
    withdraw: tenantProcedure("subscriber.terminate")
      .input(id)
      .mutation(({ ctx, input }) => withdrawCancellation(ctx.svc, input.id)),
  }),
});
