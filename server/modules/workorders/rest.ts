// Appointments over REST, shaped like TM Forum's TMF646 Appointment: an appointment is a work
// order's visit (its arrival window and technician). Book or move one, read it, and search the
// free time slots of the technicians on given days.
import { z } from "zod";
import { invalid, notFound } from "@/server/errors";
import { defineRoute } from "@/server/rest";
import type { ServiceContext } from "@/server/service-context";
import { assignWorkOrder } from "./assign";
import { searchTimeSlots } from "./technicians";

const BASE = "/tmf-api/appointment/v4";
const TAG = "TMF646 Appointment";
const timestamp = z.iso.datetime({ offset: true });
const validFor = z.object({ startDateTime: timestamp, endDateTime: timestamp });

const STATUS: Record<string, "initialized" | "confirmed" | "inProgress" | "completed" | "failed" | "cancelled"> = {
  NEW: "initialized",
  SCHEDULED: "confirmed",
  EN_ROUTE: "inProgress",
  ON_SITE: "inProgress",
  IN_PROGRESS: "inProgress",
  COMPLETED: "completed",
  FAILED: "failed",
  CANCELLED: "cancelled",
};

const appointmentOut = z.object({
  id: z.uuid(),
  href: z.string(),
  status: z.enum(["initialized", "confirmed", "inProgress", "completed", "failed", "cancelled"]),
  category: z.string().describe("The work order's type"),
  description: z.string(),
  validFor: validFor.nullable(),
  relatedEntity: z.array(z.object({ id: z.uuid(), role: z.string(), "@referredType": z.string() })),
  relatedParty: z.array(z.object({ id: z.uuid(), role: z.string() })),
  relatedPlace: z.object({ name: z.string().nullable(), role: z.string() }),
});

type Order = {
  id: string;
  status: string;
  type: string;
  title: string;
  windowStart: Date | null;
  windowEnd: Date | null;
  assigneeId: string | null;
  subscriberId: string | null;
  addressText: string | null;
};

function present(o: Order) {
  return {
    id: o.id,
    href: `/api/v1${BASE}/appointment/${o.id}`,
    status: STATUS[o.status] ?? "initialized",
    category: o.type.toLowerCase(),
    description: o.title,
    validFor:
      o.windowStart && o.windowEnd
        ? { startDateTime: o.windowStart.toISOString(), endDateTime: o.windowEnd.toISOString() }
        : null,
    relatedEntity: [
      { id: o.id, role: "workOrder", "@referredType": "WorkOrder" },
      ...(o.subscriberId ? [{ id: o.subscriberId, role: "service", "@referredType": "Subscriber" }] : []),
    ],
    relatedParty: o.assigneeId ? [{ id: o.assigneeId, role: "technician" }] : [],
    relatedPlace: { name: o.addressText, role: "interventionAddress" },
  };
}

async function orderOf(svc: ServiceContext, id: string) {
  const o = await svc.db.workOrder.findFirst({ where: { id } });
  if (!o) throw notFound("Appointment");
  return o;
}

const bookBody = z.object({
  relatedEntity: z
    .array(z.object({ id: z.uuid(), role: z.string() }))
    .describe("The work order to book: role workOrder"),
  relatedParty: z.array(z.object({ id: z.uuid(), role: z.string() })).describe("The technician: role technician"),
  validFor,
});

const technicianOf = (parties: { id: string; role: string }[]) => parties.find((p) => p.role === "technician")?.id;

export const appointmentRoutes = [
  defineRoute({
    method: "POST",
    path: `${BASE}/appointment`,
    tag: TAG,
    summary: "Book a work order's visit: its technician and arrival window",
    description: "The customer is told the window (not again when a later move stays inside it).",
    permission: "workorder.dispatch",
    body: bookBody,
    status: 201,
    response: appointmentOut,
    async handler({ svc, body }) {
      const order = body.relatedEntity.find((e) => e.role === "workOrder");
      const technician = technicianOf(body.relatedParty);
      if (!order || !technician)
        throw invalid("Name the work order (role workOrder) and the technician (role technician)");
      const after = await assignWorkOrder(svc, {
        workOrderId: order.id,
        assigneeId: technician,
        windowStart: new Date(body.validFor.startDateTime),
        windowEnd: new Date(body.validFor.endDateTime),
      });
      return present(after);
    },
  }),
  defineRoute({
    method: "GET",
    path: `${BASE}/appointment/{id}`,
    tag: TAG,
    summary: "A work order's visit",
    permission: "workorder.read",
    params: z.object({ id: z.uuid() }),
    response: appointmentOut,
    handler: async ({ svc, params }) => present(await orderOf(svc, params.id)),
  }),
  defineRoute({
    method: "PATCH",
    path: `${BASE}/appointment/{id}`,
    tag: TAG,
    summary: "Move a visit (window or technician)",
    permission: "workorder.dispatch",
    params: z.object({ id: z.uuid() }),
    body: z.object({
      validFor: validFor.optional(),
      relatedParty: z.array(z.object({ id: z.uuid(), role: z.string() })).optional(),
    }),
    response: appointmentOut,
    async handler({ svc, params, body }) {
      const before = await orderOf(svc, params.id);
      const after = await assignWorkOrder(svc, {
        workOrderId: before.id,
        assigneeId: (body.relatedParty && technicianOf(body.relatedParty)) ?? before.assigneeId,
        windowStart: body.validFor ? new Date(body.validFor.startDateTime) : undefined,
        windowEnd: body.validFor ? new Date(body.validFor.endDateTime) : undefined,
      });
      return present(after);
    },
  }),
  defineRoute({
    method: "POST",
    path: `${BASE}/searchTimeSlot`,
    tag: TAG,
    summary: "Free half-day slots of the technicians who can take a work order (at most 14 days)",
    description:
      "With relatedEntity naming a work order (role workOrder): only technicians with the skills its type requires who work in its zone (the coverage area it lies in). Without: every technician.",
    permission: "workorder.dispatch",
    body: z.object({
      requestedTimeSlot: z.array(z.object({ validFor })).min(1).max(1),
      relatedEntity: z.array(z.object({ id: z.uuid(), role: z.string() })).optional(),
    }),
    response: z.object({
      availableTimeSlot: z.array(
        z.object({ validFor, relatedParty: z.object({ id: z.uuid(), name: z.string(), role: z.string() }) }),
      ),
    }),
    async handler({ svc, body }) {
      const asked = body.requestedTimeSlot[0] as { validFor: z.infer<typeof validFor> };
      const { slots } = await searchTimeSlots(svc, {
        from: new Date(asked.validFor.startDateTime),
        to: new Date(asked.validFor.endDateTime),
        workOrderId: body.relatedEntity?.find((e) => e.role === "workOrder")?.id,
      });
      return {
        availableTimeSlot: slots.map((s) => ({
          validFor: { startDateTime: s.start.toISOString(), endDateTime: s.end.toISOString() },
          relatedParty: { id: s.technicianId, name: s.technician, role: "technician" },
        })),
      };
    },
  }),
];
