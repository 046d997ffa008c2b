// Open a work order: sales (survey, install), support and incidents (repair), teardowns
// (removal), the NOC (maintenance). Links to a subscriber or customer are checked against the
// tenant's records and bring the service address (text and coordinates for the map); the
// checklist starts from the type's template. Given an assignee and window it is scheduled.
import { Prisma } from "@/server/db";
import { invalid } from "@/server/errors";
import { getCustomer } from "@/server/modules/customers";
import { getSubscriber } from "@/server/modules/subscribers";
import type { ServiceContext } from "@/server/service-context";
import { tenantSql } from "@/server/sql";
import { assertAssignable } from "./assign";
import { recordWorkOrderEvent, workOrderNumber } from "./history";
import { tellWindow } from "./notify-customer";
import { CHECKLIST_TEMPLATES, type CreateWorkOrderInput, createWorkOrderInput } from "./schemas";

export async function createWorkOrder(svc: ServiceContext, raw: CreateWorkOrderInput) {
  const input = createWorkOrderInput.parse(raw);
  const place = await resolvePlace(svc, input);
  const assignee = input.assigneeId ? await assertAssignable(svc, input.assigneeId) : null;
  const scheduled = Boolean(assignee && input.windowStart);
  const order = await svc.db.$transaction(async (tx) => {
    const [{ last }] = await tenantSql(tx, svc.tenantId).query<Array<{ last: number }>>(Prisma.sql`
      INSERT INTO "WorkOrderCounter" ("tenantId", "last") VALUES (${svc.tenantId}::uuid, 1)
      ON CONFLICT ("tenantId") DO UPDATE SET "last" = "WorkOrderCounter"."last" + 1
      RETURNING "last"`);
    const created = await tx.workOrder.create({
      data: {
        tenantId: svc.tenantId,
        number: last,
        type: input.type,
        status: scheduled ? "SCHEDULED" : "NEW",
        priority: input.priority,
        title: input.title,
        description: input.description,
        ...place,
        ticketId: input.ticketId ?? null,
        incidentId: input.incidentId ?? null,
        leadId: input.leadId ?? null,
        assigneeId: input.assigneeId ?? null,
        windowStart: input.windowStart ?? null,
        windowEnd: input.windowEnd ?? null,
        checklist: CHECKLIST_TEMPLATES[input.type].map((i) => ({ ...i, done: false })),
        createdById: svc.actor.userId,
      },
    });
    await recordWorkOrderEvent(tx, svc, created.id, "created", `${workOrderNumber(last)} opened: ${input.title}`, {
      after: { number: last, type: input.type, subscriberId: place.subscriberId, leadId: input.leadId },
    });
    return created;
  });
  if (assignee && scheduled) await tellWindow(svc, order, assignee.name);
  return order;
}

type Place = {
  customerId: string | null;
  subscriberId: string | null;
  serviceAddressId: string | null;
  addressText: string | null;
  latitude: number | null;
  longitude: number | null;
};

/** The customer, subscriber and address the order is for (NOT_FOUND for another tenant's). */
async function resolvePlace(svc: ServiceContext, input: ReturnType<typeof createWorkOrderInput.parse>): Promise<Place> {
  let customerId = input.customerId ?? null;
  let serviceAddressId = input.serviceAddressId ?? null;
  if (input.subscriberId) {
    const sub = await getSubscriber(svc, input.subscriberId);
    if (customerId && customerId !== sub.customerId)
      throw invalid("The subscriber belongs to another customer than the one chosen");
    customerId = sub.customerId;
    serviceAddressId ??= sub.serviceAddressId;
  }
  let address: {
    id: string;
    line1: string;
    city: string;
    postcode: string;
    latitude: number | null;
    longitude: number | null;
  } | null = null;
  if (customerId) {
    const customer = await getCustomer(svc, customerId);
    if (serviceAddressId) {
      address = customer.serviceAddresses.find((a) => a.id === serviceAddressId) ?? null;
      if (!address) throw invalid("The service address must belong to the order's customer");
    } else address = customer.serviceAddresses[0] ?? null;
    serviceAddressId ??= address?.id ?? null;
  } else if (serviceAddressId) throw invalid("A service address needs the customer it belongs to");
  return {
    customerId,
    subscriberId: input.subscriberId ?? null,
    serviceAddressId,
    addressText: input.addressText ?? (address ? `${address.line1}, ${address.postcode} ${address.city}` : null),
    latitude: input.latitude ?? address?.latitude ?? null,
    longitude: input.longitude ?? address?.longitude ?? null,
  };
}
