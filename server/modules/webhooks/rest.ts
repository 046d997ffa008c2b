// The REST routes of outbound webhooks (/api/v1/webhooks): endpoints, their delivery log, replay.
import { z } from "zod";
import { cursorPage, cursorQuery, defineRoute, pageOf } from "@/server/rest";
import type { ServiceContext } from "@/server/service-context";
import {
  createEndpoint,
  deleteEndpoint,
  endpointInput,
  endpointUpdate,
  getEndpoint,
  replayDelivery,
  revealSecret,
  rotateSecret,
  updateEndpoint,
} from "./endpoints";
import { WEBHOOK_EVENT_NAMES, WEBHOOK_EVENT_TYPES } from "./events";

const TAG = "Webhooks";
const timestamp = z.iso.datetime({ offset: true });
const eventType = z.enum(WEBHOOK_EVENT_NAMES as [string, ...string[]]);

const endpoint = z.object({
  id: z.uuid(),
  url: z.string(),
  description: z.string(),
  events: z.array(eventType),
  enabled: z.boolean(),
  consecutive_failures: z.number().int().describe("Deliveries in a row that failed after every retry"),
  disabled_at: timestamp.nullable(),
  disabled_reason: z.string().nullable(),
  previous_secret_expires_at: timestamp.nullable().describe("After a rotation: until then the old secret also signs"),
  created_at: timestamp,
});

type EndpointRow = Awaited<ReturnType<typeof getEndpoint>>;
const presentEndpoint = (e: Omit<EndpointRow, "secret" | "previousSecret">) => ({
  id: e.id,
  url: e.url,
  description: e.description,
  events: e.events,
  enabled: e.enabled,
  consecutive_failures: e.consecutiveFailures,
  disabled_at: e.disabledAt,
  disabled_reason: e.disabledReason,
  previous_secret_expires_at: e.previousSecretExpiresAt,
  created_at: e.createdAt,
});

const delivery = z.object({
  id: z.uuid(),
  event: z.object({ id: z.uuid(), type: eventType, created_at: timestamp }),
  status: z.enum(["PENDING", "SUCCEEDED", "FAILED"]),
  attempts: z.number().int(),
  replay_of: z.uuid().nullable(),
  last_status_code: z.number().int().nullable(),
  last_error: z.string().nullable(),
  next_attempt_at: timestamp.nullable(),
  delivered_at: timestamp.nullable(),
  created_at: timestamp,
  attempt_log: z.array(
    z.object({
      attempt: z.number().int(),
      status_code: z.number().int().nullable(),
      error: z.string().nullable(),
      duration_ms: z.number().int(),
      at: timestamp,
    }),
  ),
});

const deliveryInclude = {
  event: { select: { id: true, type: true, createdAt: true } },
  attemptLog: { orderBy: { attempt: "asc" } },
} as const;

async function deliveryView(svc: ServiceContext, id: string) {
  const d = await svc.db.webhookDelivery.findFirstOrThrow({ where: { id }, include: deliveryInclude });
  return presentDelivery(d);
}

function presentDelivery(d: {
  id: string;
  event: { id: string; type: string; createdAt: Date };
  status: "PENDING" | "SUCCEEDED" | "FAILED";
  attempts: number;
  replayOfId: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
  attemptLog: { attempt: number; statusCode: number | null; error: string | null; durationMs: number; at: Date }[];
}) {
  return {
    id: d.id,
    event: { id: d.event.id, type: d.event.type, created_at: d.event.createdAt },
    status: d.status,
    attempts: d.attempts,
    replay_of: d.replayOfId,
    last_status_code: d.lastStatusCode,
    last_error: d.lastError,
    next_attempt_at: d.nextAttemptAt,
    delivered_at: d.deliveredAt,
    created_at: d.createdAt,
    attempt_log: d.attemptLog.map((a) => ({
      attempt: a.attempt,
      status_code: a.statusCode,
      error: a.error,
      duration_ms: a.durationMs,
      at: a.at,
    })),
  };
}

const idParams = z.object({ id: z.uuid() });

export const webhookRoutes = [
  defineRoute({
    method: "GET",
    path: "/webhooks/event-types",
    tag: TAG,
    summary: "The events an endpoint can subscribe to",
    permission: "integration.manage",
    response: z.object({ data: z.array(z.object({ type: eventType, description: z.string() })) }),
    handler: async () => ({
      data: Object.entries(WEBHOOK_EVENT_TYPES).map(([type, description]) => ({ type, description })),
    }),
  }),
  defineRoute({
    method: "GET",
    path: "/webhooks/endpoints",
    tag: TAG,
    summary: "List webhook endpoints",
    permission: "integration.manage",
    query: cursorQuery,
    response: pageOf(endpoint),
    handler: ({ svc, query }) => cursorPage(query, (page) => svc.db.webhookEndpoint.findMany(page), presentEndpoint),
  }),
  defineRoute({
    method: "POST",
    path: "/webhooks/endpoints",
    tag: TAG,
    summary: "Subscribe an endpoint to events",
    description:
      "Deliveries are POSTed as `{id, type, created_at, data}` with the header " +
      '`FiberOps-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the secret>`. ' +
      "Read the secret with GET /webhooks/endpoints/{id}/secret. Private and loopback addresses are refused.",
    permission: "integration.manage",
    body: endpointInput,
    status: 201,
    response: endpoint,
    handler: async ({ svc, body }) => presentEndpoint(await createEndpoint(svc, body)),
  }),
  defineRoute({
    method: "GET",
    path: "/webhooks/endpoints/{id}/secret",
    tag: TAG,
    summary: "The endpoint's signing secret (each read is audited)",
    permission: "integration.manage",
    params: z.object({ id: z.uuid() }),
    response: z.object({ secret: z.string().describe("whsec_…: verify FiberOps-Signature with it") }),
    handler: async ({ svc, params }) => ({ secret: await revealSecret(svc, params.id) }),
  }),
  defineRoute({
    method: "POST",
    path: "/webhooks/endpoints/{id}/rotate-secret",
    tag: TAG,
    summary: "Rotate the endpoint's signing secret",
    description:
      "The old secret keeps signing beside the new one (a second v1 in FiberOps-Signature) for overlap_hours " +
      "(default 24, 0 = stop at once). Read the new secret with GET /webhooks/endpoints/{id}/secret.",
    permission: "integration.manage",
    params: idParams,
    body: z.object({ overlap_hours: z.number().int().min(0).max(168).default(24) }).default({ overlap_hours: 24 }),
    response: z.object({
      id: z.uuid(),
      rotated_at: timestamp,
      previous_secret_expires_at: timestamp.nullable().describe("Until then both secrets sign"),
    }),
    async handler({ svc, params, body }) {
      const r = await rotateSecret(svc, params.id, { overlapHours: body.overlap_hours });
      return { id: params.id, rotated_at: r.rotatedAt, previous_secret_expires_at: r.previousSecretExpiresAt };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/webhooks/endpoints/{id}",
    tag: TAG,
    summary: "One webhook endpoint",
    permission: "integration.manage",
    params: idParams,
    response: endpoint,
    handler: async ({ svc, params }) => presentEndpoint(await getEndpoint(svc, params.id)),
  }),
  defineRoute({
    method: "PATCH",
    path: "/webhooks/endpoints/{id}",
    tag: TAG,
    summary: "Change an endpoint, or enable/disable it",
    description: "Enabling a disabled endpoint resets its failure count.",
    permission: "integration.manage",
    params: idParams,
    body: endpointUpdate,
    response: endpoint,
    handler: async ({ svc, params, body }) => presentEndpoint(await updateEndpoint(svc, params.id, body)),
  }),
  defineRoute({
    method: "GET",
    path: "/webhooks/endpoints/{id}/deliveries",
    tag: TAG,
    summary: "An endpoint's deliveries with every attempt",
    permission: "integration.manage",
    params: idParams,
    query: cursorQuery.extend({ status: z.enum(["PENDING", "SUCCEEDED", "FAILED"]).optional() }),
    response: pageOf(delivery),
    handler: async ({ svc, params, query }) => {
      await getEndpoint(svc, params.id);
      return cursorPage(
        query,
        (page) =>
          svc.db.webhookDelivery.findMany({
            ...page,
            where: { ...page.where, endpointId: params.id, ...(query.status ? { status: query.status } : {}) },
            include: deliveryInclude,
          }),
        presentDelivery,
      );
    },
  }),
  defineRoute({
    method: "POST",
    path: "/webhooks/deliveries/{id}/replay",
    tag: TAG,
    summary: "Send a delivery's event to its endpoint again",
    permission: "integration.manage",
    params: idParams,
    status: 202,
    response: delivery,
    handler: async ({ svc, params }) => deliveryView(svc, (await replayDelivery(svc, params.id)).id),
  }),
  defineRoute({
    method: "DELETE",
    path: "/webhooks/endpoints/{id}",
    tag: TAG,
    summary: "Delete an endpoint and its delivery log",
    permission: "integration.manage",
    params: idParams,
    response: z.object({ id: z.uuid(), deleted: z.literal(true) }),
    handler: async ({ svc, params }) => {
      await deleteEndpoint(svc, params.id);
      return { id: params.id, deleted: true as const };
    },
  }),
];
