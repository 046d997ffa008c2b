// REST of a subscriber's cancellation (J4): request it for a day (dry_run previews the teardown
// and the final invoice), read it, withdraw it before its day.
import { z } from "zod";
import { notFound } from "@/server/errors";
import { defineRoute } from "@/server/rest";
import {
  type CancellationView,
  previewCancellation,
  requestCancellation,
  subscriberCancellation,
  withdrawCancellation,
} from "./cancellation";

const TAG = "Subscribers";
const params = z.object({ id: z.uuid().describe("The subscriber's id") });

const cancellationAnswer = z.object({
  id: z.uuid(),
  subscriber_id: z.uuid(),
  effective_on: z.iso.date().describe("The day the service ends; the last billed day is the day before"),
  reason: z.string(),
  status: z.enum(["scheduled", "started", "withdrawn"]),
  job_id: z.uuid().nullable().describe("The teardown job, once started (GET /orchestration/jobs/{id})"),
  created_at: z.iso.datetime({ offset: true }),
});

const rest = (c: CancellationView) => ({
  id: c.id,
  subscriber_id: c.subscriberId,
  effective_on: c.effectiveOn,
  reason: c.reason,
  status: c.status.toLowerCase() as "scheduled" | "started" | "withdrawn",
  job_id: c.jobId,
  created_at: c.createdAt,
});

const body = z.object({
  dry_run: z.boolean().optional(),
  effective_on: z.iso.date().optional().describe("YYYY-MM-DD, today or later (default today)"),
  reason: z.string().max(500).optional(),
});

export const subscriberRoutes = [
  defineRoute({
    method: "POST",
    path: "/subscribers/{id}/cancellation",
    tag: TAG,
    summary: "Cancel a subscriber's service on a day",
    description:
      "Today starts the teardown at once (final prorated invoice, RADIUS, address, ONU, CPE, billing ended); a later day schedules it. Asking again for the same day returns the open cancellation.",
    permission: "subscriber.terminate",
    params,
    body,
    status: 201,
    response: cancellationAnswer,
    handler: async ({ svc, params, body, idempotencyKey }) =>
      rest(
        await requestCancellation(
          svc,
          { subscriberId: params.id, effectiveOn: body.effective_on, reason: body.reason },
          idempotencyKey,
        ),
      ),
    dryRun: {
      response: z.object({
        dry_run: z.literal(true),
        effective_on: z.iso.date(),
        scheduled: z.boolean(),
        ok: z.boolean(),
        steps: z.array(z.object({ name: z.string(), status: z.string(), summary: z.string() })),
      }),
      handler: async ({ svc, params, body }) => {
        const p = await previewCancellation(svc, {
          subscriberId: params.id,
          effectiveOn: body.effective_on,
          reason: body.reason,
        });
        return {
          dry_run: true,
          effective_on: p.effectiveOn,
          scheduled: p.scheduled,
          ok: p.plan.ok,
          steps: p.plan.steps.map((s) => ({ name: s.name, status: s.status, summary: s.summary })),
        };
      },
    },
  }),
  defineRoute({
    method: "GET",
    path: "/subscribers/{id}/cancellation",
    tag: TAG,
    summary: "A subscriber's open cancellation",
    permission: "subscriber.read",
    params,
    response: cancellationAnswer,
    handler: async ({ svc, params }) => {
      const open = await subscriberCancellation(svc, params.id);
      if (!open) throw notFound("Cancellation");
      return rest(open);
    },
  }),
  defineRoute({
    method: "DELETE",
    path: "/subscribers/{id}/cancellation",
    tag: TAG,
    summary: "Withdraw a scheduled cancellation",
    description: "Only before its day: once the teardown has started it answers 409.",
    permission: "subscriber.terminate",
    params,
    response: cancellationAnswer,
    handler: async ({ svc, params }) => {
      const open = await subscriberCancellation(svc, params.id);
      if (!open) throw notFound("Cancellation");
      return rest(await withdrawCancellation(svc, open.id));
    },
  }),
];
