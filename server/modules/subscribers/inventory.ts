// Subscribers' services for inventory views (the TM Forum service inventory facade): a page in
// id order with plan, customer and network identifiers; never credentials.

import { notFound } from "@/server/errors";
import type { SubscriberStatus } from "@/server/generated/prisma/enums";
import type { ServiceContext } from "@/server/service-context";

const select = {
  id: true,
  username: true,
  status: true,
  suspendReason: true,
  accessType: true,
  onuSerial: true,
  cpeMac: true,
  ipv4Address: true,
  vlan: true,
  serviceAddressId: true,
  activatedAt: true,
  suspendedAt: true,
  terminatedAt: true,
  createdAt: true,
  customer: { select: { id: true, name: true, companyName: true, kind: true } },
  plan: { select: { id: true, code: true, name: true, downloadKbps: true, uploadKbps: true } },
} as const;

export async function serviceInventory(
  svc: ServiceContext,
  input: { offset: number; limit: number; status?: SubscriberStatus; customerId?: string },
) {
  const where = {
    ...(input.status ? { status: input.status } : {}),
    ...(input.customerId ? { customerId: input.customerId } : {}),
  };
  const [rows, total] = await Promise.all([
    svc.db.subscriber.findMany({ where, select, orderBy: { id: "asc" }, skip: input.offset, take: input.limit }),
    svc.db.subscriber.count({ where }),
  ]);
  return { rows, total };
}

export async function serviceOf(svc: ServiceContext, id: string) {
  const row = await svc.db.subscriber.findFirst({ where: { id }, select });
  if (!row) throw notFound("Service");
  return row;
}

export type InventoryService = Awaited<ReturnType<typeof serviceOf>>;
