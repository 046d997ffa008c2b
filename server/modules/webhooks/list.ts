// Reading a tenant's webhook endpoints and an endpoint's delivery log, a page at a time (the
// settings pages). Secrets never leave through these.
import type { Prisma } from "@/server/generated/prisma/client";
import { type ListInput, orderBy, pageArgs } from "@/server/list";
import type { ServiceContext } from "@/server/service-context";
import { getEndpoint } from "./endpoints";

const endpointFields = {
  id: true,
  url: true,
  description: true,
  events: true,
  enabled: true,
  consecutiveFailures: true,
  disabledAt: true,
  disabledReason: true,
  previousSecretExpiresAt: true,
  createdAt: true,
} as const;

export async function listEndpoints(svc: ServiceContext, input: ListInput) {
  const where: Prisma.WebhookEndpointWhereInput = {};
  if (input.search)
    where.OR = [
      { url: { contains: input.search, mode: "insensitive" } },
      { description: { contains: input.search, mode: "insensitive" } },
    ];
  if (input.filters?.enabled === "true" || input.filters?.enabled === "false")
    where.enabled = input.filters.enabled === "true";
  const [rows, total] = await Promise.all([
    svc.db.webhookEndpoint.findMany({
      where,
      select: endpointFields,
      orderBy: orderBy(input, ["url", "createdAt"] as const, { createdAt: "desc" }),
      ...pageArgs(input),
    }),
    svc.db.webhookEndpoint.count({ where }),
  ]);
  return { rows, total };
}

/** One endpoint without its secrets. */
export async function endpointView(svc: ServiceContext, id: string) {
  await getEndpoint(svc, id);
  return svc.db.webhookEndpoint.findFirstOrThrow({ where: { id }, select: endpointFields });
}

const STATUSES = ["PENDING", "SUCCEEDED", "FAILED"] as const;

/** An endpoint's deliveries, newest first, each with its event and every attempt. */
export async function listDeliveries(svc: ServiceContext, endpointId: string, input: ListInput) {
  await getEndpoint(svc, endpointId);
  const status = input.filters?.status as (typeof STATUSES)[number] | undefined;
  const where: Prisma.WebhookDeliveryWhereInput = {
    endpointId,
    ...(status && STATUSES.includes(status) ? { status } : {}),
    ...(input.search ? { event: { type: { contains: input.search, mode: "insensitive" } } } : {}),
  };
  const [rows, total] = await Promise.all([
    svc.db.webhookDelivery.findMany({
      where,
      include: {
        event: { select: { id: true, type: true, createdAt: true } },
        attemptLog: { orderBy: { attempt: "asc" } },
      },
      orderBy: orderBy(input, ["createdAt", "status"] as const, { createdAt: "desc" }),
      ...pageArgs(input),
    }),
    svc.db.webhookDelivery.count({ where }),
  ]);
  return { rows, total };
}
