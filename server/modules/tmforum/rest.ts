// TM Forum Open API facades on the platform's own resources, with the TM Forum field names:
// TMF638 Service Inventory (v4) — a subscriber's service is a Service — and TMF622 Product
// Ordering (v4) — a productOrder installs a service, from an accepted quote or from the
// catalogue for an existing customer, and its state follows the install and provisioning. Lists follow TMF630 (offset/limit, an array).
// TMF621 (tmf621.ts) and TMF642 (tmf642.ts) are listed here too.
import { z } from "zod";
import type { SubscriberStatus } from "@/server/generated/prisma/enums";
import { withIdempotency } from "@/server/idempotency";
import {
  getProductOrder,
  listProductOrders,
  PRODUCT_ORDER_STATES,
  type ProductOrderView,
  placeProductOrder,
} from "@/server/modules/quotes";
import { type InventoryService, serviceInventory, serviceOf } from "@/server/modules/subscribers";
import { defineRoute } from "@/server/rest";
import { troubleTicketRoutes } from "./tmf621";
import { alarmRoutes } from "./tmf642";

const SI = "/tmf-api/serviceInventoryManagement/v4";
const PO = "/tmf-api/productOrderingManagement/v4";
const timestamp = z.iso.datetime({ offset: true });

// ------------------------------------------------------------------ TMF638 Service

const SERVICE_STATES = ["feasibilityChecked", "designed", "reserved", "inactive", "active", "terminated"] as const;
const STATE_OF: Record<SubscriberStatus, (typeof SERVICE_STATES)[number]> = {
  PENDING: "designed",
  PROVISIONING: "reserved",
  PROVISIONING_FAILED: "inactive",
  ACTIVE: "active",
  SUSPENDED: "inactive",
  TERMINATED: "terminated",
};
const STATUS_OF = Object.fromEntries(
  SERVICE_STATES.map((s) => [s, (Object.keys(STATE_OF) as SubscriberStatus[]).filter((k) => STATE_OF[k] === s)]),
) as Record<(typeof SERVICE_STATES)[number], SubscriberStatus[]>;

const ref = (type: string) =>
  z.object({
    id: z.string(),
    href: z.string().optional(),
    name: z.string().optional(),
    role: z.string().optional(),
    "@referredType": z.literal(type).or(z.string()),
  });

const characteristic = z.object({ name: z.string(), valueType: z.string(), value: z.unknown() });

const service = z.object({
  id: z.uuid(),
  href: z.string(),
  name: z.string(),
  category: z.literal("CustomerFacingService"),
  serviceType: z.string(),
  state: z.enum(SERVICE_STATES),
  isServiceEnabled: z.boolean(),
  hasStarted: z.boolean(),
  startDate: timestamp.nullable(),
  endDate: timestamp.nullable(),
  serviceDate: timestamp,
  serviceSpecification: z.object({
    id: z.uuid(),
    name: z.string(),
    "@referredType": z.literal("ServiceSpecification"),
  }),
  serviceCharacteristic: z.array(characteristic),
  relatedParty: z.array(ref("Individual")),
  place: z.array(ref("GeographicAddress")),
  supportingResource: z.array(ref("Resource")),
  "@type": z.literal("Service"),
});

function presentService(s: InventoryService) {
  const chars: { name: string; valueType: string; value: unknown }[] = [
    { name: "username", valueType: "string", value: s.username },
    { name: "accessType", valueType: "string", value: s.accessType },
    { name: "downstreamKbps", valueType: "integer", value: s.plan.downloadKbps },
    { name: "upstreamKbps", valueType: "integer", value: s.plan.uploadKbps },
    { name: "lifecycleStatus", valueType: "string", value: s.status },
  ];
  if (s.suspendReason) chars.push({ name: "suspendReason", valueType: "string", value: s.suspendReason });
  if (s.ipv4Address) chars.push({ name: "ipv4Address", valueType: "string", value: s.ipv4Address });
  if (s.vlan !== null) chars.push({ name: "vlan", valueType: "integer", value: s.vlan });
  const resources = [
    ...(s.onuSerial ? [{ id: s.onuSerial, name: `ONU ${s.onuSerial}`, role: "ONU", "@referredType": "Resource" }] : []),
    ...(s.cpeMac ? [{ id: s.cpeMac, name: `CPE ${s.cpeMac}`, role: "CPE", "@referredType": "Resource" }] : []),
  ];
  return {
    id: s.id,
    href: `/api/v1${SI}/service/${s.id}`,
    name: `${s.plan.name} — ${s.username}`,
    category: "CustomerFacingService" as const,
    serviceType: "FTTH internet access",
    state: STATE_OF[s.status],
    isServiceEnabled: s.status === "ACTIVE",
    hasStarted: s.activatedAt !== null,
    startDate: s.activatedAt,
    endDate: s.terminatedAt,
    serviceDate: s.createdAt,
    serviceSpecification: { id: s.plan.id, name: s.plan.name, "@referredType": "ServiceSpecification" as const },
    serviceCharacteristic: chars,
    relatedParty: [
      {
        id: s.customer.id,
        name: s.customer.companyName ?? s.customer.name,
        role: "Customer",
        "@referredType": s.customer.kind === "BUSINESS" ? "Organization" : "Individual",
      },
    ],
    place: s.serviceAddressId
      ? [{ id: s.serviceAddressId, role: "InstallationAddress", "@referredType": "GeographicAddress" }]
      : [],
    supportingResource: resources,
    "@type": "Service" as const,
  };
}

// ------------------------------------------------------------------ TMF622 ProductOrder

const partyRef = z.object({
  id: z.uuid(),
  role: z.string().optional(),
  name: z.string().optional(),
  "@referredType": z.string().optional(),
});
const placeRef = z.object({ id: z.uuid(), role: z.string().optional(), "@referredType": z.string().optional() });
const ORDER_STATES = PRODUCT_ORDER_STATES;

const orderItem = z.object({
  id: z.string().min(1).max(50),
  action: z.literal("add", { message: 'Only "add" is supported: an order installs a new service' }),
  quantity: z.literal(1).default(1),
  productOffering: z.object({ id: z.uuid().describe("The plan"), name: z.string().optional() }),
  product: z
    .object({ place: z.array(placeRef).max(1).optional().describe("The customer's service address") })
    .optional(),
});

const orderBody = z
  .object({
    externalId: z.string().max(100).optional(),
    description: z.string().max(1000).optional(),
    category: z.string().max(100).optional(),
    requestedCompletionDate: timestamp.optional(),
    quote: z
      .array(z.object({ id: z.uuid(), name: z.string().optional(), "@referredType": z.string().optional() }))
      .max(1, "One quote per order")
      .optional()
      .describe("An accepted quote: the order is its conversion"),
    relatedParty: z.array(partyRef).optional(),
    productOrderItem: z.array(orderItem).max(1, "One productOrderItem per order (one service)").optional(),
  })
  .superRefine((o, ctx) => {
    if (o.quote?.length) return;
    if (o.productOrderItem?.length !== 1)
      ctx.addIssue({
        code: "custom",
        path: ["productOrderItem"],
        message: "Without a quote, order one productOrderItem",
      });
    else if (!o.productOrderItem[0]?.product?.place?.length)
      ctx.addIssue({
        code: "custom",
        path: ["productOrderItem", 0, "product", "place"],
        message: "Name the installation address (one of the customer's service addresses)",
      });
    if (!o.relatedParty?.some((p) => (p.role ?? "Customer") === "Customer"))
      ctx.addIssue({ code: "custom", path: ["relatedParty"], message: "Name the customer (role Customer)" });
  });

const productOrder = z.object({
  id: z.uuid(),
  href: z.string(),
  externalId: z.string().nullable(),
  description: z.string(),
  state: z.enum(ORDER_STATES),
  orderDate: timestamp,
  requestedCompletionDate: timestamp.nullable(),
  completionDate: timestamp.nullable(),
  cancellationDate: timestamp.nullable(),
  cancellationReason: z.string().nullable(),
  quote: z.array(ref("Quote")),
  relatedParty: z.array(ref("Customer")),
  productOrderItem: z.array(
    z.object({
      id: z.string(),
      quantity: z.literal(1),
      action: z.literal("add"),
      state: z.enum(ORDER_STATES),
      productOffering: ref("ProductOffering"),
      product: z.object({
        id: z.uuid().nullable().describe("The service (TMF638) the order created"),
        href: z.string().nullable(),
        place: z.array(ref("GeographicAddress")),
      }),
      "@type": z.literal("ProductOrderItem"),
    }),
  ),
  note: z.array(z.object({ text: z.string() })).describe("The install work order and its status"),
  errorMessage: z.array(z.object({ code: z.string(), reason: z.string(), message: z.string() })),
  "@type": z.literal("ProductOrder"),
});

function presentOrder(o: ProductOrderView) {
  const cancelled = o.state === "cancelled";
  const errors = [
    ...(o.error ? [{ code: "ORDER_SETUP_FAILED", reason: "conversion", message: o.error }] : []),
    ...(o.state === "failed"
      ? [{ code: "PROVISIONING_FAILED", reason: "provisioning", message: "Provisioning the service failed" }]
      : []),
  ];
  return {
    id: o.id,
    href: `/api/v1${PO}/productOrder/${o.id}`,
    externalId: o.externalId,
    description: o.description,
    state: o.state,
    orderDate: o.createdAt,
    requestedCompletionDate: o.requestedCompletionDate,
    completionDate: o.completedAt,
    cancellationDate: cancelled ? (o.workOrder?.updatedAt ?? o.updatedAt) : null,
    cancellationReason: cancelled ? (o.workOrder?.failureReason ?? "Installation cancelled") : null,
    quote: o.quote
      ? [{ id: o.quote.id, href: `/api/v1/quotes/${o.quote.id}`, name: o.quote.number, "@referredType": "Quote" }]
      : [],
    relatedParty: o.customerId ? [{ id: o.customerId, role: "Customer", "@referredType": "Customer" }] : [],
    productOrderItem: [
      {
        id: "1",
        quantity: 1 as const,
        action: "add" as const,
        state: o.state,
        productOffering: { id: o.plan.id, name: o.plan.name, "@referredType": "ProductOffering" },
        product: {
          id: o.subscriberId,
          href: o.subscriberId ? `/api/v1${SI}/service/${o.subscriberId}` : null,
          place: o.serviceAddressId
            ? [{ id: o.serviceAddressId, role: "InstallationAddress", "@referredType": "GeographicAddress" }]
            : [],
        },
        "@type": "ProductOrderItem" as const,
      },
    ],
    note: o.workOrder
      ? [{ text: `Install work order ${o.workOrder.number}: ${o.workOrder.status.toLowerCase().replace("_", " ")}` }]
      : [],
    errorMessage: errors,
    "@type": "ProductOrder" as const,
  };
}

// ------------------------------------------------------------------ routes

export const tmforumRoutes = [
  defineRoute({
    method: "GET",
    path: `${SI}/service`,
    tag: "TMF638 Service Inventory",
    summary: "List services (one per subscriber)",
    permission: "subscriber.read",
    query: z.object({
      offset: z.coerce.number().int().min(0).default(0),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      state: z.enum(SERVICE_STATES).optional(),
      "relatedParty.id": z.uuid().optional().describe("Only this customer's services"),
    }),
    response: z.array(service),
    async handler({ svc, query }) {
      const statuses = query.state ? STATUS_OF[query.state] : [undefined];
      // A TMF state can stand for several lifecycle statuses: one page per status, in order.
      const rows: InventoryService[] = [];
      let skip = query.offset;
      for (const status of statuses) {
        const page = await serviceInventory(svc, {
          offset: skip,
          limit: query.limit - rows.length,
          status,
          customerId: query["relatedParty.id"],
        });
        rows.push(...page.rows);
        skip = Math.max(0, skip - page.total);
        if (rows.length >= query.limit) break;
      }
      return rows.map(presentService);
    },
  }),
  defineRoute({
    method: "GET",
    path: `${SI}/service/{id}`,
    tag: "TMF638 Service Inventory",
    summary: "One service",
    permission: "subscriber.read",
    params: z.object({ id: z.uuid() }),
    response: service,
    handler: async ({ svc, params }) => presentService(await serviceOf(svc, params.id)),
  }),
  defineRoute({
    method: "POST",
    path: `${PO}/productOrder`,
    tag: "TMF622 Product Ordering",
    summary: "Order a service: from an accepted quote, or from the catalogue for an existing customer",
    description:
      "With quote[0].id (an accepted quote) the order is that quote's conversion: customer, pending subscriber " +
      "and billing, install work order. Without a quote: one productOrderItem with action add, productOffering.id " +
      "the plan, product.place[0].id one of the customer's service addresses, and the relatedParty with role " +
      "Customer. The order is acknowledged, inProgress once the install work order exists, completed when " +
      "provisioning has activated the service, failed when provisioning failed, cancelled when the install was.",
    permission: "subscriber.provision",
    body: orderBody,
    status: 201,
    response: productOrder,
    async handler({ svc, body, idempotencyKey }) {
      const item = body.productOrderItem?.[0];
      const customerId = body.relatedParty?.find((p) => (p.role ?? "Customer") === "Customer")?.id;
      const common = {
        externalId: body.externalId,
        description: body.description,
        requestedCompletionDate: body.requestedCompletionDate ? new Date(body.requestedCompletionDate) : undefined,
      };
      const id = await withIdempotency(svc, "tmf622.product-order", idempotencyKey, body, async () => {
        const quoteId = body.quote?.[0]?.id;
        const order = quoteId
          ? await placeProductOrder(svc, { ...common, quoteId, customerId, planId: item?.productOffering.id })
          : await placeProductOrder(svc, {
              ...common,
              customerId: customerId as string,
              planId: item?.productOffering.id as string,
              serviceAddressId: item?.product?.place?.[0]?.id as string,
            });
        return order.id;
      });
      return presentOrder(await getProductOrder(svc, id));
    },
  }),
  defineRoute({
    method: "GET",
    path: `${PO}/productOrder`,
    tag: "TMF622 Product Ordering",
    summary: "List product orders, oldest first",
    permission: "subscriber.read",
    query: z.object({
      offset: z.coerce.number().int().min(0).default(0),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      "relatedParty.id": z.uuid().optional().describe("Only this customer's orders"),
    }),
    response: z.array(productOrder),
    async handler({ svc, query }) {
      const orders = await listProductOrders(svc, {
        offset: query.offset,
        limit: query.limit,
        customerId: query["relatedParty.id"],
      });
      return orders.map(presentOrder);
    },
  }),
  defineRoute({
    method: "GET",
    path: `${PO}/productOrder/{id}`,
    tag: "TMF622 Product Ordering",
    summary: "One product order, its state following the install and provisioning",
    permission: "subscriber.read",
    params: z.object({ id: z.uuid() }),
    response: productOrder,
    handler: async ({ svc, params }) => presentOrder(await getProductOrder(svc, params.id)),
  }),
  ...troubleTicketRoutes,
  ...alarmRoutes,
];
