// The REST routes of the desk (/api/v1/tickets): a trouble ticket shaped like TM Forum's
// TMF621 TroubleTicket (name, description, ticket_type, priority, severity, status,
// channel, related_party, related_entity, note, expected_resolution_date, resolution_date),
// in the API's snake_case, through the same use cases as the desk.
import { z } from "zod";
import { notFound } from "@/server/errors";
import { withIdempotency } from "@/server/idempotency";
import { cursorPage, cursorQuery, defineRoute, pageOf } from "@/server/rest";
import type { ServiceContext } from "@/server/service-context";
import { ticketNumber } from "./history";
import { openTicket } from "./open-ticket";
import { replyToTicket } from "./reply";
import { TICKET_CHANNELS, TICKET_PRIORITIES, TICKET_SEVERITIES, TICKET_STATUSES, TICKET_TYPES } from "./schemas";
import { updateTicket } from "./update-ticket";

const timestamp = z.iso.datetime({ offset: true });

const note = z.object({
  id: z.uuid(),
  author: z.string(),
  author_type: z.enum(["STAFF", "CUSTOMER", "SYSTEM"]),
  internal: z.boolean().describe("Internal notes are never shown to the customer"),
  text: z.string(),
  date: timestamp,
});

const ticketOut = z.object({
  id: z.uuid(),
  href: z.string(),
  reference: z.string().describe("T-<number>"),
  name: z.string().describe("The subject"),
  description: z.string(),
  ticket_type: z.enum(TICKET_TYPES),
  priority: z.enum(TICKET_PRIORITIES),
  severity: z.enum(TICKET_SEVERITIES),
  status: z.enum(TICKET_STATUSES),
  channel: z.enum(TICKET_CHANNELS),
  team: z.string(),
  assignee_id: z.uuid().nullable(),
  tags: z.array(z.string()),
  creation_date: timestamp,
  last_update: timestamp,
  expected_first_response_date: timestamp.nullable().describe("While the clock runs"),
  expected_resolution_date: timestamp.nullable().describe("While the clock runs"),
  resolution_date: timestamp.nullable(),
  related_party: z.array(z.object({ role: z.enum(["customer", "partner"]), id: z.uuid() })),
  related_entity: z.array(
    z.object({ role: z.enum(["subscriber", "invoice", "work_order", "incident"]), id: z.uuid() }),
  ),
  note: z.array(note).optional().describe("The thread (on GET /tickets/{ticket_id})"),
});

type TicketRow = {
  id: string;
  number: number;
  subject: string;
  description: string;
  type: (typeof TICKET_TYPES)[number];
  priority: (typeof TICKET_PRIORITIES)[number];
  severity: (typeof TICKET_SEVERITIES)[number];
  status: (typeof TICKET_STATUSES)[number];
  channel: (typeof TICKET_CHANNELS)[number];
  team: string;
  assigneeId: string | null;
  tags: string[];
  createdAt: Date;
  updatedAt: Date;
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  resolvedAt: Date | null;
  firstRespondedAt: Date | null;
  customerId: string | null;
  partnerId: string | null;
  subscriberId: string | null;
  invoiceId: string | null;
  workOrderId: string | null;
  incidentId: string | null;
};

function present(t: TicketRow) {
  const entity = (role: "subscriber" | "invoice" | "work_order" | "incident", id: string | null) =>
    id ? [{ role, id }] : [];
  return {
    id: t.id,
    href: `/api/v1/tickets/${t.id}`,
    reference: ticketNumber(t.number),
    name: t.subject,
    description: t.description,
    ticket_type: t.type,
    priority: t.priority,
    severity: t.severity,
    status: t.status,
    channel: t.channel,
    team: t.team,
    assignee_id: t.assigneeId,
    tags: t.tags,
    creation_date: t.createdAt,
    last_update: t.updatedAt,
    expected_first_response_date: t.firstRespondedAt ? null : t.firstResponseDueAt,
    expected_resolution_date: t.resolutionDueAt,
    resolution_date: t.resolvedAt,
    related_party: [
      ...(t.customerId ? [{ role: "customer" as const, id: t.customerId }] : []),
      ...(t.partnerId ? [{ role: "partner" as const, id: t.partnerId }] : []),
    ],
    related_entity: [
      ...entity("subscriber", t.subscriberId),
      ...entity("invoice", t.invoiceId),
      ...entity("work_order", t.workOrderId),
      ...entity("incident", t.incidentId),
    ],
  };
}

/** A ticket as the REST API shows it, with its thread (also the TMF621 facade's source). */
export async function ticketApiView(svc: ServiceContext, id: string) {
  const t = await svc.db.ticket.findFirst({ where: { id }, include: { entries: { orderBy: { createdAt: "asc" } } } });
  if (!t) throw notFound("The ticket");
  return {
    ...present(t),
    note: t.entries.map((e) => ({
      id: e.id,
      author: e.authorName,
      author_type: e.author,
      internal: e.internal,
      text: e.body,
      date: e.createdAt,
    })),
  };
}

/** A ticket as the API shows it; `note` (the thread) only where one ticket is read. */
export type TicketApiView = ReturnType<typeof present> & { note?: Awaited<ReturnType<typeof ticketApiView>>["note"] };

/** A page of tickets by offset, oldest first, without merged duplicates (the TMF621 list). */
export async function ticketApiPage(
  svc: ServiceContext,
  input: { offset: number; limit: number; status?: (typeof TICKET_STATUSES)[number] },
): Promise<TicketApiView[]> {
  const rows = await svc.db.ticket.findMany({
    where: { mergedIntoId: null, ...(input.status ? { status: input.status } : {}) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    skip: input.offset,
    take: input.limit,
  });
  return rows.map(present);
}

const ticketId = z.object({ ticket_id: z.uuid() });

const createBody = z.object({
  name: z.string().describe("The subject"),
  description: z.string(),
  ticket_type: z.enum(TICKET_TYPES).default("GENERAL"),
  priority: z.enum(TICKET_PRIORITIES).default("NORMAL"),
  severity: z.enum(TICKET_SEVERITIES).default("MINOR"),
  channel: z.enum(TICKET_CHANNELS).default("SYSTEM"),
  team: z.string().optional(),
  tags: z.array(z.string()).default([]),
  customer_id: z.uuid().optional(),
  subscriber_id: z.uuid().optional(),
  invoice_id: z.uuid().optional(),
  work_order_id: z.uuid().optional(),
  incident_id: z.uuid().optional(),
  requester_email: z.string().optional(),
  requester_name: z.string().optional(),
});

const patchBody = z.object({
  status: z.enum(TICKET_STATUSES).optional(),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  severity: z.enum(TICKET_SEVERITIES).optional(),
  ticket_type: z.enum(TICKET_TYPES).optional(),
  team: z.string().optional(),
  assignee_id: z.uuid().nullable().optional(),
  tags: z.array(z.string()).optional(),
});

const noteBody = z.object({
  text: z.string(),
  internal: z.boolean().default(false),
  status: z.enum(TICKET_STATUSES).optional().describe("Status to set with the note (e.g. PENDING_CUSTOMER)"),
});

export const ticketRoutes = [
  defineRoute({
    method: "GET",
    path: "/tickets",
    tag: "TMF621 Trouble tickets",
    summary: "Tickets, oldest first",
    permission: "ticket.read",
    query: cursorQuery.extend({ status: z.enum(TICKET_STATUSES).optional() }),
    response: pageOf(ticketOut),
    handler: ({ svc, query }) =>
      cursorPage(
        query,
        (page) =>
          svc.db.ticket.findMany({
            ...page,
            where: { ...page.where, mergedIntoId: null, ...(query.status ? { status: query.status } : {}) },
          }),
        present,
      ),
  }),
  defineRoute({
    method: "POST",
    path: "/tickets",
    tag: "TMF621 Trouble tickets",
    summary: "Open a ticket",
    description: "Links are checked against the tenant's records; the SLA clocks start from the tenant's policy.",
    permission: "ticket.write",
    body: createBody,
    status: 201,
    response: ticketOut,
    async handler({ svc, body, idempotencyKey }) {
      const id = await withIdempotency(svc, "ticket.open", idempotencyKey, body, async () => {
        const t = await openTicket(svc, {
          subject: body.name,
          description: body.description,
          type: body.ticket_type,
          priority: body.priority,
          severity: body.severity,
          channel: body.channel,
          team: body.team,
          tags: body.tags,
          customerId: body.customer_id,
          subscriberId: body.subscriber_id,
          invoiceId: body.invoice_id,
          workOrderId: body.work_order_id,
          incidentId: body.incident_id,
          requesterEmail: body.requester_email,
          requesterName: body.requester_name,
        });
        return t.id;
      });
      return ticketApiView(svc, id);
    },
  }),
  defineRoute({
    method: "GET",
    path: "/tickets/{ticket_id}",
    tag: "TMF621 Trouble tickets",
    summary: "A ticket with its thread",
    permission: "ticket.read",
    params: ticketId,
    response: ticketOut,
    handler: ({ svc, params }) => ticketApiView(svc, params.ticket_id),
  }),
  defineRoute({
    method: "PATCH",
    path: "/tickets/{ticket_id}",
    tag: "TMF621 Trouble tickets",
    summary: "Change status, priority, severity, type, team, assignee or tags",
    description: "Status moves follow the ticket's status machine; an illegal one is refused with the allowed ones.",
    permission: "ticket.write",
    params: ticketId,
    body: patchBody,
    response: ticketOut,
    async handler({ svc, params, body }) {
      await updateTicket(svc, {
        ticketId: params.ticket_id,
        status: body.status,
        priority: body.priority,
        severity: body.severity,
        type: body.ticket_type,
        team: body.team,
        assigneeId: body.assignee_id,
        tags: body.tags,
      });
      return ticketApiView(svc, params.ticket_id);
    },
  }),
  defineRoute({
    method: "POST",
    path: "/tickets/{ticket_id}/notes",
    tag: "TMF621 Trouble tickets",
    summary: "Reply to the customer (emailed) or add an internal note",
    permission: "ticket.write",
    params: ticketId,
    body: noteBody,
    status: 201,
    response: note,
    async handler({ svc, params, body, idempotencyKey }) {
      const entryId = await withIdempotency(svc, "ticket.note", idempotencyKey, { ...params, ...body }, async () => {
        const r = await replyToTicket(svc, {
          ticketId: params.ticket_id,
          body: body.text,
          internal: body.internal,
          status: body.status,
        });
        return r.entry.id;
      });
      const e = await svc.db.ticketEntry.findFirst({ where: { id: entryId } });
      if (!e) throw notFound("The note");
      return {
        id: e.id,
        author: e.authorName,
        author_type: e.author,
        internal: e.internal,
        text: e.body,
        date: e.createdAt,
      };
    },
  }),
];
