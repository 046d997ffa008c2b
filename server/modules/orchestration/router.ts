import { z } from "zod";
import {
  changePlanInput,
  deprovisionInput,
  provisionInput,
  restoreInput,
  suspendInput,
} from "@/server/modules/subscribers";
import { t } from "@/server/trpc/init";
import { tenantProcedure } from "@/server/trpc/procedures";
import { jobListInput } from "./schemas";
import { cancel, getJob, jobStats, listJobs, previewSaga, retry, startSaga, subscriberJobs } from "./service";

// The subscribers' schemas are read lazily (z.lazy): the module cycle can build this router
// before the subscribers module has finished loading.
const id = z.object({ id: z.string().uuid() });
// The saga inputs are read lazily: this router does not depend on the order the faces load in.
const key = { idempotencyKey: z.string().max(200).optional() };

export const orchestrationRouter = t.router({
  jobs: t.router({
    list: tenantProcedure("job.read")
      .input(jobListInput)
      .query(({ ctx, input }) => listJobs(ctx.svc, input)),
    get: tenantProcedure("job.read")
      .input(id)
      .query(({ ctx, input }) => getJob(ctx.svc, input.id)),
    stats: tenantProcedure("job.read").query(({ ctx }) => jobStats(ctx.svc)),
    forSubscriber: tenantProcedure("job.read")
      .input(z.object({ subscriberId: z.string().uuid() }))
      .query(({ ctx, input }) => subscriberJobs(ctx.svc, input.subscriberId)),
    retry: tenantProcedure("job.manage")
      .input(id)
      .mutation(({ ctx, input }) => retry(ctx.svc, input.id)),
    cancel: tenantProcedure("job.manage")
      .input(id)
      .mutation(({ ctx, input }) => cancel(ctx.svc, input.id)),
  }),
  provisionSubscriber: tenantProcedure("subscriber.provision")
    .input(z.object({ input: z.lazy(() => provisionInput), ...key }))
    .mutation(({ ctx, input }) => startSaga(ctx.svc, "provision-subscriber", input.input, input.idempotencyKey)),
  suspendSubscriber: tenantProcedure("subscriber.suspend")
    .input(z.object({ input: z.lazy(() => suspendInput), ...key }))
    .mutation(({ ctx, input }) => startSaga(ctx.svc, "suspend-subscriber", input.input, input.idempotencyKey)),
  restoreSubscriber: tenantProcedure("subscriber.suspend")
    .input(z.object({ input: z.lazy(() => restoreInput), ...key }))
    .mutation(({ ctx, input }) => startSaga(ctx.svc, "restore-subscriber", input.input, input.idempotencyKey)),
  changePlan: tenantProcedure("subscriber.provision")
    .input(z.object({ input: z.lazy(() => changePlanInput), ...key }))
    .mutation(({ ctx, input }) => startSaga(ctx.svc, "change-plan", input.input, input.idempotencyKey)),
  // The teardown starts as a cancellation (subscribers.cancellation.request): one per subscriber.
  // Dry runs: each step's intended change, nothing written or sent (Preview in the UI).
  preview: t.router({
    provisionSubscriber: tenantProcedure("subscriber.provision")
      .input(z.object({ input: z.lazy(() => provisionInput) }))
      .query(({ ctx, input }) => previewSaga(ctx.svc, "provision-subscriber", input.input)),
    suspendSubscriber: tenantProcedure("subscriber.suspend")
      .input(z.object({ input: z.lazy(() => suspendInput) }))
      .query(({ ctx, input }) => previewSaga(ctx.svc, "suspend-subscriber", input.input)),
    restoreSubscriber: tenantProcedure("subscriber.suspend")
      .input(z.object({ input: z.lazy(() => restoreInput) }))
      .query(({ ctx, input }) => previewSaga(ctx.svc, "restore-subscriber", input.input)),
    changePlan: tenantProcedure("subscriber.provision")
      .input(z.object({ input: z.lazy(() => changePlanInput) }))
      .query(({ ctx, input }) => previewSaga(ctx.svc, "change-plan", input.input)),
    deprovisionSubscriber: tenantProcedure("subscriber.terminate")
      .input(z.object({ input: z.lazy(() => deprovisionInput) }))
      .query(({ ctx, input }) => previewSaga(ctx.svc, "deprovision-subscriber", input.input)),
  }),
});
