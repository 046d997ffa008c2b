// Product orders (TMF622 on REST, presented by the tmforum module). A service is ordered either
// from an accepted quote — the order is that quote's conversion (customer, PENDING subscriber,
// pending billing, install work order), run again if it had stopped — or straight from the
// catalogue for an existing customer at one of their service addresses: a PENDING subscriber on
// the plan, its pending billing subscription and the install work order. Completing the install
// provisions the service (workorders), so the order's state is read from what it made:
// acknowledged until the install work order exists, then inProgress; completed once the service
// went live, failed when its provisioning failed, cancelled when the install was cancelled.
// Each step records its result on the order and is skipped once done, so placing the order again
// (the same idempotency key) resumes instead of making a second subscriber.

import { conflict, invalid, isUniqueViolation, notFound } from "@/server/errors";
import type { Prisma, ProductOrder } from "@/server/generated/prisma/client";
import { recordAudit } from "@/server/modules/audit";
import { createPendingBillingSubscription } from "@/server/modules/billing";
import { getPlan } from "@/server/modules/catalog";
import { getCustomer } from "@/server/modules/customers";
import { createSubscriber, getSubscriber } from "@/server/modules/subscribers";
import { createWorkOrder, getWorkOrder } from "@/server/modules/workorders";
import type { ServiceContext } from "@/server/service-context";
import { convertQuote } from "./convert-quote";

export const PRODUCT_ORDER_STATES = ["acknowledged", "inProgress", "completed", "failed", "cancelled"] as const;
export type ProductOrderState = (typeof PRODUCT_ORDER_STATES)[number];

type Common = { externalId?: string; description?: string; requestedCompletionDate?: Date };
export type PlaceProductOrderInput = Common &
  (
    | { quoteId: string; customerId?: string; planId?: string }
    | { quoteId?: undefined; customerId: string; planId: string; serviceAddressId: string }
  );

const message = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 1000);

export async function placeProductOrder(svc: ServiceContext, input: PlaceProductOrderInput) {
  const order = input.quoteId
    ? await orderFromQuote(svc, { ...input, quoteId: input.quoteId })
    : await orderFromCatalogue(svc, input as Extract<PlaceProductOrderInput, { serviceAddressId: string }>);
  return getProductOrder(svc, order.id);
}

async function create(svc: ServiceContext, data: Omit<Prisma.ProductOrderUncheckedCreateInput, "tenantId">) {
  return svc.db.$transaction(async (tx) => {
    const order = await tx.productOrder.create({
      data: { ...data, tenantId: svc.tenantId, createdById: svc.actor.userId },
    });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "product_order.create",
      targetType: "ProductOrder",
      targetId: order.id,
      after: order,
    });
    return order;
  });
}

async function orderFromQuote(
  svc: ServiceContext,
  input: Common & { quoteId: string; customerId?: string; planId?: string },
) {
  const quote = await svc.db.quote.findFirst({ where: { id: input.quoteId } });
  if (!quote) throw notFound("The quote");
  if (quote.status !== "ACCEPTED")
    throw invalid(
      `Quote ${quote.number} is ${quote.status.toLowerCase().replace("_", " ")}: only an accepted quote is ordered`,
    );
  if (input.planId && input.planId !== quote.planId)
    throw invalid(`The productOffering is not the plan of quote ${quote.number}`);
  if (input.customerId && quote.customerId && input.customerId !== quote.customerId)
    throw invalid(`Quote ${quote.number} belongs to another customer`);
  const existing = await svc.db.productOrder.findFirst({ where: { quoteId: quote.id } });
  if (existing) throw conflict(`Quote ${quote.number} is already ordered (product order ${existing.id})`);
  // Usually converted at acceptance; a conversion that stopped is run again here.
  let converted = quote;
  let error: string | null = null;
  try {
    converted = await convertQuote(svc, quote.id);
  } catch (e) {
    error = message(e);
    converted = (await svc.db.quote.findFirst({ where: { id: quote.id } })) ?? quote;
  }
  const customer = converted.customerId ? await getCustomer(svc, converted.customerId) : null;
  const subscriber = converted.subscriberId ? await getSubscriber(svc, converted.subscriberId) : null;
  try {
    return await create(svc, {
      quoteId: quote.id,
      customerId: converted.customerId,
      partnerId: customer?.partnerId ?? null,
      planId: quote.planId,
      serviceAddressId: subscriber?.serviceAddressId ?? null,
      subscriberId: converted.subscriberId,
      workOrderId: converted.workOrderId,
      externalId: input.externalId ?? null,
      description: input.description ?? "",
      requestedCompletionDate: input.requestedCompletionDate ?? null,
      error,
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict(`Quote ${quote.number} is already ordered`);
    throw e;
  }
}

async function orderFromCatalogue(
  svc: ServiceContext,
  input: Common & { customerId: string; planId: string; serviceAddressId: string },
) {
  const customer = await getCustomer(svc, input.customerId);
  const address = customer.serviceAddresses.find((a) => a.id === input.serviceAddressId);
  if (!address) throw invalid("product.place must be one of the customer's service addresses");
  const plan = await getPlan(svc, input.planId);
  if (!plan.active) throw invalid(`Plan ${plan.name} is retired; order an active plan`);
  const order = await create(svc, {
    customerId: customer.id,
    partnerId: customer.partnerId,
    planId: plan.id,
    serviceAddressId: address.id,
    externalId: input.externalId ?? null,
    description: input.description ?? "",
    requestedCompletionDate: input.requestedCompletionDate ?? null,
  });
  return setUpFromCatalogue(
    svc,
    order,
    `${address.line1}${address.line2 ? `, ${address.line2}` : ""}, ${address.city}`,
    {
      latitude: address.latitude,
      longitude: address.longitude,
    },
  );
}

/** The order's subscriber, its pending billing and the install work order; each step once. */
async function setUpFromCatalogue(
  svc: ServiceContext,
  start: ProductOrder,
  where: string,
  at: { latitude: number | null; longitude: number | null },
) {
  let order = start;
  const record = async (data: { subscriberId?: string; workOrderId?: string; error?: string | null }) => {
    order = await svc.db.productOrder.update({ where: { id: order.id }, data });
  };
  try {
    if (!order.subscriberId) {
      const subscriber = await createSubscriber(svc, {
        customerId: order.customerId as string,
        planId: order.planId,
        serviceAddressId: order.serviceAddressId ?? undefined,
        idempotencyKey: `product-order:${order.id}`,
      });
      await record({ subscriberId: subscriber.id });
    }
    const subscriberId = order.subscriberId as string;
    // Billing starts when provisioning activates the service; asking again returns it as it is.
    await createPendingBillingSubscription(
      svc,
      { id: subscriberId, customerId: order.customerId as string, planId: order.planId },
      { planId: order.planId },
    );
    if (!order.workOrderId) {
      const plan = await getPlan(svc, order.planId);
      const install = await createWorkOrder(svc, {
        type: "INSTALL",
        title: `Install ${plan.name} at ${where}`.slice(0, 200),
        description: `Product order ${order.externalId ?? order.id}${order.description ? `: ${order.description}` : ""}`,
        customerId: order.customerId ?? undefined,
        subscriberId,
        serviceAddressId: order.serviceAddressId ?? undefined,
        addressText: where,
        ...(at.latitude != null && at.longitude != null ? { latitude: at.latitude, longitude: at.longitude } : {}),
      });
      await record({ workOrderId: install.id });
    }
    if (order.error) await record({ error: null });
  } catch (e) {
    await record({ error: message(e) });
  }
  return order;
}

export type ProductOrderView = Awaited<ReturnType<typeof getProductOrder>>;

/** The order with its state read from what it made. */
export async function getProductOrder(svc: ServiceContext, id: string) {
  const order = await svc.db.productOrder.findFirst({ where: { id } });
  if (!order) throw notFound("The product order");
  return view(svc, order);
}

export async function listProductOrders(
  svc: ServiceContext,
  filter: { offset: number; limit: number; customerId?: string },
) {
  const rows = await svc.db.productOrder.findMany({
    where: filter.customerId ? { customerId: filter.customerId } : {},
    orderBy: { id: "asc" },
    skip: filter.offset,
    take: filter.limit,
  });
  return Promise.all(rows.map((o) => view(svc, o)));
}

async function view(svc: ServiceContext, order: ProductOrder) {
  const [plan, subscriber, workOrder, quote] = await Promise.all([
    getPlan(svc, order.planId),
    order.subscriberId ? getSubscriber(svc, order.subscriberId) : null,
    order.workOrderId ? getWorkOrder(svc, order.workOrderId) : null,
    order.quoteId ? svc.db.quote.findFirst({ where: { id: order.quoteId }, select: { id: true, number: true } }) : null,
  ]);
  let state: ProductOrderState = "acknowledged";
  if (workOrder?.status === "CANCELLED" || (subscriber?.status === "TERMINATED" && !subscriber.activatedAt))
    state = "cancelled";
  else if (subscriber?.activatedAt) state = "completed";
  else if (subscriber?.status === "PROVISIONING_FAILED") state = "failed";
  else if (workOrder) state = "inProgress";
  return {
    ...order,
    state,
    plan: { id: plan.id, name: plan.name },
    quote,
    subscriberStatus: subscriber?.status ?? null,
    completedAt: state === "completed" ? (subscriber?.activatedAt ?? null) : null,
    workOrder: workOrder
      ? {
          id: workOrder.id,
          number: workOrder.number,
          status: workOrder.status,
          failureReason: workOrder.failureReason,
          updatedAt: workOrder.updatedAt,
        }
      : null,
  };
}
