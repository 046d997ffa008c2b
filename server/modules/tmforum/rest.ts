// TM Forum Open API facades on the platform's own resources, with the TM Forum field names:
// TMF638 Service Inventory (v4) — a subscriber's service is a Service — and TMF622 Product
// Ordering (v4) — a productOrder with an "add" item starts the provisioning workflow, and the
// order's state follows the workflow's job. Lists follow TMF630 (offset/limit, an array).
// TMF621 (tmf621.ts) and TMF642 (tmf642.ts) are listed here too.
import { z } from "zod";
import { notFound } from "@/server/errors";
import type { SubscriberStatus } from "@/server/generated/prisma/enums";
import { getJob, type JobView, startSaga } from "@/server/modules/orchestration";
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

const ORDER_STATE: Record<string, string> = {
  PENDING: "acknowledged",
  RUNNING: "inProgress",
  ROLLING_BACK: "inProgress",
  COMPLETED: "completed",
  ROLLED_BACK: "failed",
  ROLLBACK_FAILED: "failed",
  CANCELLED: "cancelled",
};

const partyRef = z.object({
  id: z.uuid(),
  role: z.string().optional(),
  name: z.string().optional(),
  "@referredType": z.string().optional(),
});
const placeRef = z.object({ id: z.uuid(), role: z.string().optional(), "@referredType": z.string().optional() });
const CHARACTERISTICS = ["onuSerial", "cpeMac", "accessType", "username", "staticIpv4", "vlan"] as const;

const orderBody = z.object({
  description: z.string().max(1000).optional(),
  category: z.string().max(100).optional(),
  relatedParty: z
    .array(partyRef)
    .min(1)
    .refine((p) => p.some((x) => (x.role ?? "Customer") === "Customer"), "Name the customer (role Customer)"),
  productOrderItem: z
    .array(
      z.object({
        id: z.string().min(1).max(50),
        action: z.literal("add", { message: 'Only "add" is supported: an order provisions a new service' }),
        quantity: z.literal(1).default(1),
        productOffering: z.object({ id: z.uuid().describe("The plan"), name: z.string().optional() }),
        product: z
          .object({
            place: z.array(placeRef).max(1).optional(),
            productCharacteristic: z
              .array(z.object({ name: z.enum(CHARACTERISTICS), value: z.union([z.string(), z.number()]) }))
              .optional(),
          })
          .optional(),
      }),
    )
    .length(1, "One productOrderItem per order (one service)"),
});

const productOrder = z.object({
  id: z.uuid(),
  href: z.string(),
  state: z.enum(["acknowledged", "inProgress", "completed", "failed", "cancelled"]),
  orderDate: timestamp,
  completionDate: timestamp.nullable(),
  productOrderItem: z.array(
    z.object({
      id: z.string(),
      action: z.literal("add"),
      state: z.enum(["acknowledged", "inProgress", "completed", "failed", "cancelled"]),
      product: z.object({ id: z.uuid().nullable().describe("The service (TMF638) once created") }),
    }),
  ),
  errorMessage: z.array(z.object({ code: z.string(), reason: z.string(), message: z.string() })),
  "@type": z.literal("ProductOrder"),
});

function presentOrder(job: JobView) {
  const state = ORDER_STATE[job.status] as z.infer<typeof productOrder>["state"];
  return {
    id: job.id,
    href: `/api/v1${PO}/productOrder/${job.id}`,
    state,
    orderDate: job.createdAt,
    completionDate: job.finishedAt,
    productOrderItem: [{ id: "1", action: "add" as const, state, product: { id: job.subscriberId } }],
    errorMessage: job.error
      ? [{ code: "PROVISIONING_FAILED", reason: job.failedStep ?? "provisioning", message: job.error }]
      : [],
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
    summary: "Order a service: starts provisioning",
    description:
      "One productOrderItem with action add; productOffering.id is the plan, the relatedParty with role " +
      "Customer the customer, product.place the installation address, productCharacteristic onuSerial, " +
      "cpeMac, accessType, username, staticIpv4, vlan. The order's state follows the provisioning job.",
    permission: "subscriber.provision",
    body: orderBody,
    status: 201,
    response: productOrder,
    async handler({ svc, body, idempotencyKey }) {
      const item = body.productOrderItem[0]!;
      const customer = body.relatedParty.find((p) => (p.role ?? "Customer") === "Customer")!;
      const chars = Object.fromEntries((item.product?.productCharacteristic ?? []).map((c) => [c.name, c.value]));
      const job = await startSaga(
        svc,
        "provision-subscriber",
        {
          customerId: customer.id,
          planId: item.productOffering.id,
          serviceAddressId: item.product?.place?.[0]?.id,
          onuSerial: chars.onuSerial === undefined ? undefined : String(chars.onuSerial),
          cpeMac: chars.cpeMac === undefined ? undefined : String(chars.cpeMac),
          accessType: chars.accessType,
          username: chars.username === undefined ? undefined : String(chars.username),
          staticIpv4: chars.staticIpv4 === undefined ? undefined : String(chars.staticIpv4),
          vlan: chars.vlan === undefined ? undefined : Number(chars.vlan),
        },
        idempotencyKey,
      );
      return presentOrder(job);
    },
  }),
  defineRoute({
    method: "GET",
    path: `${PO}/productOrder/{id}`,
    tag: "TMF622 Product Ordering",
    summary: "One product order, its state following the provisioning job",
    permission: "job.read",
    params: z.object({ id: z.uuid() }),
    response: productOrder,
    async handler({ svc, params }) {
      const job = await getJob(svc, params.id);
      if (job.type !== "provision-subscriber") throw notFound("Product order");
      return presentOrder(job);
    },
  }),
  ...troubleTicketRoutes,
  ...alarmRoutes,
];
