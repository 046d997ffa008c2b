// TMF621 Trouble Ticket (v4) on the support desk's tickets, with the TM Forum names: a ticket is
// a TroubleTicket, its thread the notes, its links relatedParty/relatedEntity. The desk's own
// status machine applies (an illegal status change is refused with the allowed ones).
import { z } from "zod";
import { withIdempotency } from "@/server/idempotency";
import {
  openTicket,
  replyToTicket,
  TICKET_CHANNELS,
  TICKET_PRIORITIES,
  TICKET_SEVERITIES,
  type TICKET_STATUSES,
  TICKET_TYPES,
  type TicketApiView,
  ticketApiPage,
  ticketApiView,
  updateTicket,
} from "@/server/modules/tickets";
import { defineRoute } from "@/server/rest";

const TT = "/tmf-api/troubleTicket/v4/troubleTicket";
const TAG = "TMF621 Trouble Ticket";
const timestamp = z.iso.datetime({ offset: true });

type DeskStatus = (typeof TICKET_STATUSES)[number];
const TMF_STATUSES = ["acknowledged", "inProgress", "pending", "held", "resolved", "closed"] as const;
type TmfStatus = (typeof TMF_STATUSES)[number];
const STATUS_OF: Record<DeskStatus, TmfStatus> = {
  NEW: "acknowledged",
  OPEN: "inProgress",
  PENDING_CUSTOMER: "pending",
  PENDING_THIRD_PARTY: "held",
  RESOLVED: "resolved",
  CLOSED: "closed",
};
const DESK_STATUS = Object.fromEntries(Object.entries(STATUS_OF).map(([k, v]) => [v, k])) as Record<
  TmfStatus,
  DeskStatus
>;

// TMF621 leaves these as strings; the desk's values, capitalised as the specification's examples.
const word = (v: string) => v.charAt(0) + v.slice(1).toLowerCase().replaceAll("_", " ");
const fromWord = <T extends string>(values: readonly T[]) =>
  z
    .string()
    .transform((v) => v.trim().toUpperCase().replaceAll(" ", "_"))
    .pipe(z.enum(values as [T, ...T[]]));
const words = (values: readonly string[]) => values.map(word).join(", ");

const ENTITY_TYPES = {
  subscriber: "Service",
  invoice: "CustomerBill",
  work_order: "WorkOrder",
  incident: "Incident",
} as const;

const troubleTicket = z.object({
  id: z.uuid(),
  href: z.string(),
  externalId: z.string().describe("The desk's reference, T-<number>"),
  name: z.string(),
  description: z.string(),
  ticketType: z.string().describe(words(TICKET_TYPES)),
  priority: z.string().describe(words(TICKET_PRIORITIES)),
  severity: z.string().describe(words(TICKET_SEVERITIES)),
  status: z.enum(TMF_STATUSES),
  channel: z.object({ name: z.string() }),
  creationDate: timestamp,
  lastUpdate: timestamp,
  expectedResolutionDate: timestamp.nullable(),
  resolutionDate: timestamp.nullable(),
  relatedParty: z.array(
    z.object({ id: z.uuid(), role: z.string(), "@referredType": z.enum(["Customer", "PartyRole"]) }),
  ),
  relatedEntity: z.array(
    z.object({
      id: z.uuid(),
      role: z.string(),
      "@referredType": z.enum(["Service", "CustomerBill", "WorkOrder", "Incident"]),
    }),
  ),
  note: z.array(
    z.object({ id: z.uuid(), author: z.string(), date: timestamp, text: z.string(), "@type": z.literal("Note") }),
  ),
  "@type": z.literal("TroubleTicket"),
});

function present(t: TicketApiView) {
  return {
    id: t.id,
    href: `/api/v1${TT}/${t.id}`,
    externalId: t.reference,
    name: t.name,
    description: t.description,
    ticketType: word(t.ticket_type),
    priority: word(t.priority),
    severity: word(t.severity),
    status: STATUS_OF[t.status],
    channel: { name: word(t.channel) },
    creationDate: t.creation_date,
    lastUpdate: t.last_update,
    expectedResolutionDate: t.expected_resolution_date,
    resolutionDate: t.resolution_date,
    relatedParty: t.related_party.map((p) => ({
      id: p.id,
      role: p.role === "customer" ? "Customer" : "Partner",
      "@referredType": p.role === "customer" ? ("Customer" as const) : ("PartyRole" as const),
    })),
    relatedEntity: t.related_entity.map((e) => ({ id: e.id, role: e.role, "@referredType": ENTITY_TYPES[e.role] })),
    // Internal notes stay on the desk: TMF621 notes are what the customer may see.
    note: (t.note ?? [])
      .filter((n) => !n.internal)
      .map((n) => ({ id: n.id, author: n.author, date: n.date, text: n.text, "@type": "Note" as const })),
    "@type": "TroubleTicket" as const,
  };
}

const entityRef = z.object({
  id: z.uuid(),
  role: z.string().optional(),
  "@referredType": z.enum(["Service", "CustomerBill", "WorkOrder", "Incident"]),
});

const createBody = z.object({
  name: z.string().trim().min(1).max(200).describe("The subject"),
  description: z.string().trim().min(1).max(20_000),
  ticketType: fromWord(TICKET_TYPES).default("GENERAL").describe(words(TICKET_TYPES)),
  priority: fromWord(TICKET_PRIORITIES).default("NORMAL").describe(words(TICKET_PRIORITIES)),
  severity: fromWord(TICKET_SEVERITIES).describe(words(TICKET_SEVERITIES)),
  channel: z.object({ name: fromWord(TICKET_CHANNELS).describe(words(TICKET_CHANNELS)) }).optional(),
  relatedParty: z
    .array(z.object({ id: z.uuid(), role: z.string().optional(), "@referredType": z.string().optional() }))
    .max(1)
    .optional()
    .describe("The customer"),
  relatedEntity: z
    .array(entityRef)
    .max(4)
    .refine((list) => new Set(list.map((e) => e["@referredType"])).size === list.length, "One entity of each type")
    .optional()
    .describe("Service (the subscriber), CustomerBill (an invoice), WorkOrder, Incident"),
});

const patchBody = z.object({
  status: z.enum(TMF_STATUSES).optional(),
  priority: fromWord(TICKET_PRIORITIES).optional().describe(words(TICKET_PRIORITIES)),
  severity: fromWord(TICKET_SEVERITIES).optional().describe(words(TICKET_SEVERITIES)),
  ticketType: fromWord(TICKET_TYPES).optional().describe(words(TICKET_TYPES)),
  note: z
    .array(z.object({ text: z.string().trim().min(1).max(20_000) }))
    .max(1)
    .optional()
    .describe("A note to add: sent to the customer as a reply"),
});

const idParams = z.object({ id: z.uuid() });

export const troubleTicketRoutes = [
  defineRoute({
    method: "GET",
    path: TT,
    tag: TAG,
    summary: "List trouble tickets, oldest first",
    permission: "ticket.read",
    query: z.object({
      offset: z.coerce.number().int().min(0).default(0),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      status: z.enum(TMF_STATUSES).optional(),
    }),
    response: z.array(troubleTicket),
    handler: async ({ svc, query }) =>
      (
        await ticketApiPage(svc, {
          offset: query.offset,
          limit: query.limit,
          status: query.status ? DESK_STATUS[query.status] : undefined,
        })
      ).map(present),
  }),
  defineRoute({
    method: "GET",
    path: `${TT}/{id}`,
    tag: TAG,
    summary: "One trouble ticket with its notes",
    permission: "ticket.read",
    params: idParams,
    response: troubleTicket,
    handler: async ({ svc, params }) => present(await ticketApiView(svc, params.id)),
  }),
  defineRoute({
    method: "POST",
    path: TT,
    tag: TAG,
    summary: "Open a trouble ticket",
    description:
      "The desk's SLA clocks start from the tenant's policy; links are checked against the tenant's records.",
    permission: "ticket.write",
    body: createBody,
    status: 201,
    response: troubleTicket,
    async handler({ svc, body, idempotencyKey }) {
      const entity = (type: z.infer<typeof entityRef>["@referredType"]) =>
        body.relatedEntity?.find((e) => e["@referredType"] === type)?.id;
      const id = await withIdempotency(svc, "tmf621.create", idempotencyKey, body, async () => {
        const t = await openTicket(svc, {
          subject: body.name,
          description: body.description,
          type: body.ticketType,
          priority: body.priority,
          severity: body.severity,
          channel: body.channel?.name ?? "SYSTEM",
          customerId: body.relatedParty?.[0]?.id,
          subscriberId: entity("Service"),
          invoiceId: entity("CustomerBill"),
          workOrderId: entity("WorkOrder"),
          incidentId: entity("Incident"),
        });
        return t.id;
      });
      return present(await ticketApiView(svc, id));
    },
  }),
  defineRoute({
    method: "PATCH",
    path: `${TT}/{id}`,
    tag: TAG,
    summary: "Change status, priority, severity or type; add a note",
    description: "Status moves follow the desk's status machine; an illegal one is refused with the allowed ones.",
    permission: "ticket.write",
    params: idParams,
    body: patchBody,
    response: troubleTicket,
    async handler({ svc, params, body }) {
      const { note, status, priority, severity, ticketType } = body;
      if (note?.length) await replyToTicket(svc, { ticketId: params.id, body: note[0]!.text });
      if (status || priority || severity || ticketType)
        await updateTicket(svc, {
          ticketId: params.id,
          status: status ? DESK_STATUS[status] : undefined,
          priority,
          severity,
          type: ticketType,
        });
      return present(await ticketApiView(svc, params.id));
    },
  }),
];
