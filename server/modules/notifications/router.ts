// tRPC: notifications.* — each procedure validates, declares its permission, calls one service.
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { listInput } from "@/server/list";
import { t } from "@/server/trpc/init";
import { tenantProcedure } from "@/server/trpc/procedures";
import {
  bulkPreviewInput,
  cancelBulkJob,
  createBulkInput,
  createBulkJob,
  getBulkJob,
  listBulkJobs,
  previewBulkRecipients,
} from "./bulk";
import {
  archiveInboxItem,
  deliveryListInput,
  getPreferences,
  inboxListInput,
  listDeliveries,
  listInbox,
  listTemplates,
  markInboxRead,
  overrideInput,
  portalOwner,
  preferencesInput,
  previewInput,
  previewTemplate,
  pushSubscriptionInput,
  registerPushSubscription,
  removePushSubscription,
  sendInput,
  sendNotification,
  setPreferences,
  setTemplateOverride,
  vapidPublicKey,
} from "./manage";

const idInput = z.object({ id: z.uuid() });
const readInput = z.object({ ids: z.array(z.uuid()).max(500).optional(), all: z.boolean().optional() });

/** Staff inbox: every staff role holds `inbox.read`; each user sees their own items only. */
const staffInbox = tenantProcedure("inbox.read");

const portal = tenantProcedure("portal.self");

export const notificationsRouter = t.router({
  deliveries: tenantProcedure("notification.read")
    .input(deliveryListInput)
    .query(({ ctx, input }) => listDeliveries(ctx.svc, input)),
  send: tenantProcedure("notification.send")
    .input(sendInput)
    .mutation(({ ctx, input }) => sendNotification(ctx.svc, input)),

  templates: t.router({
    list: tenantProcedure("notification.read").query(({ ctx }) => listTemplates(ctx.svc)),
    preview: tenantProcedure("notification.read")
      .input(previewInput)
      .query(({ ctx, input }) => previewTemplate(ctx.svc, input)),
    setOverride: tenantProcedure("notification.template.manage")
      .input(overrideInput)
      .mutation(({ ctx, input }) => setTemplateOverride(ctx.svc, input)),
  }),

  bulk: t.router({
    create: tenantProcedure("notification.bulk")
      .input(createBulkInput)
      .mutation(({ ctx, input }) => createBulkJob(ctx.svc, input)),
    preview: tenantProcedure("notification.bulk")
      .input(bulkPreviewInput)
      .query(({ ctx, input }) => previewBulkRecipients(ctx.svc, input)),
    list: tenantProcedure("notification.read")
      .input(listInput)
      .query(({ ctx, input }) => listBulkJobs(ctx.svc, input)),
    get: tenantProcedure("notification.read")
      .input(idInput)
      .query(({ ctx, input }) => getBulkJob(ctx.svc, input.id)),
    cancel: tenantProcedure("notification.bulk")
      .input(idInput)
      .mutation(({ ctx, input }) => cancelBulkJob(ctx.svc, input.id)),
  }),

  preferences: t.router({
    get: tenantProcedure("subscriber.read")
      .input(z.object({ subscriberId: z.uuid() }))
      .query(({ ctx, input }) => getPreferences(ctx.svc, input.subscriberId)),
    set: tenantProcedure("subscriber.write")
      .input(preferencesInput)
      .mutation(({ ctx, input }) => setPreferences(ctx.svc, input)),
  }),

  inbox: t.router({
    list: staffInbox
      .input(inboxListInput)
      .query(({ ctx, input }) => listInbox(ctx.svc, { userId: ctx.user.id }, input)),
    markRead: staffInbox
      .input(readInput)
      .mutation(({ ctx, input }) =>
        markInboxRead(ctx.svc, { userId: ctx.user.id }, input.all ? "all" : (input.ids ?? [])),
      ),
    archive: staffInbox
      .input(idInput)
      .mutation(({ ctx, input }) => archiveInboxItem(ctx.svc, { userId: ctx.user.id }, input.id)),
  }),

  portal: t.router({
    inbox: portal
      .input(inboxListInput)
      .query(async ({ ctx, input }) => listInbox(ctx.svc, await portalOwner(ctx.svc, ctx.user.customerId), input)),
    markRead: portal
      .input(readInput)
      .mutation(async ({ ctx, input }) =>
        markInboxRead(ctx.svc, await portalOwner(ctx.svc, ctx.user.customerId), input.all ? "all" : (input.ids ?? [])),
      ),
    archive: portal
      .input(idInput)
      .mutation(async ({ ctx, input }) =>
        archiveInboxItem(ctx.svc, await portalOwner(ctx.svc, ctx.user.customerId), input.id),
      ),
    /** Preferences of every service of the signed-in customer. */
    preferences: portal.query(async ({ ctx }) => {
      const owner = await portalOwner(ctx.svc, ctx.user.customerId);
      const ids = "subscriberIds" in owner ? owner.subscriberIds : [];
      return Promise.all(ids.map((id) => getPreferences(ctx.svc, id)));
    }),
    setPreferences: portal.input(preferencesInput).mutation(async ({ ctx, input }) => {
      const owner = await portalOwner(ctx.svc, ctx.user.customerId);
      if (!("subscriberIds" in owner) || !owner.subscriberIds.includes(input.subscriberId))
        throw new TRPCError({ code: "NOT_FOUND", message: "Subscriber was not found" });
      return setPreferences(ctx.svc, input);
    }),
    vapidKey: portal.query(() => vapidPublicKey()),
    subscribePush: portal
      .input(pushSubscriptionInput)
      .mutation(({ ctx, input }) =>
        registerPushSubscription(ctx.svc, { userId: ctx.user.id, customerId: ctx.user.customerId }, input),
      ),
    unsubscribePush: portal
      .input(z.object({ endpoint: z.string().max(1000) }))
      .mutation(({ ctx, input }) => removePushSubscription(ctx.svc, ctx.user.id, input.endpoint)),
  }),
});
