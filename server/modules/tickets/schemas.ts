// Ticket shapes shared by the use cases, the routers and the pages (zod only).
import { z } from "zod";
import { listInput } from "@/server/list";

export const TICKET_TYPES = ["FAULT", "BILLING", "INSTALLATION", "OUTAGE_REPORT", "GENERAL"] as const;
export const TICKET_PRIORITIES = ["LOW", "NORMAL", "HIGH", "URGENT"] as const;
export const TICKET_SEVERITIES = ["MINOR", "MAJOR", "CRITICAL"] as const;
export const TICKET_STATUSES = [
  "NEW",
  "OPEN",
  "PENDING_CUSTOMER",
  "PENDING_THIRD_PARTY",
  "RESOLVED",
  "CLOSED",
] as const;
export const TICKET_CHANNELS = ["PORTAL", "EMAIL", "PHONE", "PARTNER", "SYSTEM"] as const;
export type TicketStatusKey = (typeof TICKET_STATUSES)[number];
export type TicketPriorityKey = (typeof TICKET_PRIORITIES)[number];

export const TICKET_STATUS_LABELS: Record<TicketStatusKey, string> = {
  NEW: "New",
  OPEN: "Open",
  PENDING_CUSTOMER: "Waiting on customer",
  PENDING_THIRD_PARTY: "Waiting on third party",
  RESOLVED: "Resolved",
  CLOSED: "Closed",
};
export const TICKET_TYPE_LABELS: Record<(typeof TICKET_TYPES)[number], string> = {
  FAULT: "Fault",
  BILLING: "Billing",
  INSTALLATION: "Installation",
  OUTAGE_REPORT: "Outage report",
  GENERAL: "General",
};

const uuid = z.string().uuid();
const subject = z.string().trim().min(3, "Write a subject of at least 3 characters").max(200, "At most 200 characters");
const body = z.string().trim().min(1, "Write a message").max(20_000, "At most 20,000 characters");

export const openTicketInput = z.object({
  subject,
  description: body,
  type: z.enum(TICKET_TYPES, { message: "Choose a ticket type" }).default("GENERAL"),
  priority: z.enum(TICKET_PRIORITIES, { message: "Choose a priority" }).default("NORMAL"),
  severity: z.enum(TICKET_SEVERITIES).default("MINOR"),
  channel: z.enum(TICKET_CHANNELS).default("PHONE"),
  customerId: uuid.optional(),
  subscriberId: uuid.optional(),
  invoiceId: uuid.optional(),
  workOrderId: uuid.optional(),
  incidentId: uuid.optional(),
  team: z.string().trim().min(1).max(60).optional(),
  assigneeId: uuid.optional(),
  tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  requesterName: z.string().trim().max(200).optional(),
  requesterEmail: z.string().trim().email("Enter a valid email address").optional(),
});
export type OpenTicketInput = z.input<typeof openTicketInput>;

export const replyInput = z.object({
  ticketId: uuid,
  body,
  internal: z.boolean().default(false),
  /** Status to set with the reply (e.g. reply and wait on the customer). */
  status: z.enum(TICKET_STATUSES).optional(),
});
export type ReplyInput = z.input<typeof replyInput>;

export const updateTicketInput = z.object({
  ticketId: uuid,
  status: z.enum(TICKET_STATUSES).optional(),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  severity: z.enum(TICKET_SEVERITIES).optional(),
  type: z.enum(TICKET_TYPES).optional(),
  team: z.string().trim().min(1, "Name the team").max(60).optional(),
  assigneeId: uuid.nullable().optional(),
  tags: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
});
export type UpdateTicketInput = z.input<typeof updateTicketInput>;

export const TICKET_VIEWS = [
  "all",
  "mine",
  "unassigned",
  "breaching",
  "open",
  "pending",
  "resolved",
  "closed",
] as const;
export type TicketView = (typeof TICKET_VIEWS)[number];

export const listTicketsInput = listInput.extend({
  view: z.enum(TICKET_VIEWS).default("open"),
  team: z.string().max(60).optional(),
  status: z.enum(TICKET_STATUSES).optional(),
  subscriberId: uuid.optional(),
  customerId: uuid.optional(),
  /** Tickets opened during this planned maintenance window. */
  maintenanceId: uuid.optional(),
});
export type ListTicketsInput = z.input<typeof listTicketsInput>;

export const bulkInput = z.object({
  ticketIds: z.array(uuid).min(1, "Select at least one ticket").max(200),
  action: z.enum(["assign", "close"]),
  assigneeId: uuid.nullable().optional(),
});

export const mergeInput = z.object({ ticketId: uuid, intoTicketId: uuid });

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "Use HH:MM (24-hour)");
export const slaTarget = z.object({
  firstResponseMin: z.number().int().min(1, "At least one minute").max(100_000),
  resolutionMin: z.number().int().min(1, "At least one minute").max(1_000_000),
});
export const slaPolicyInput = z.object({
  targets: z.object({ LOW: slaTarget, NORMAL: slaTarget, HIGH: slaTarget, URGENT: slaTarget }),
  timeZone: z.string().refine((tz) => {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, "Unknown time zone"),
  businessHours: z
    .array(z.object({ day: z.number().int().min(0).max(6), start: clock, end: clock }))
    .min(1, "Add at least one business-hours window")
    .refine((hours) => hours.every((h) => h.end > h.start), "Each window must end after it starts"),
  holidays: z
    .array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use YYYY-MM-DD"))
    .max(400)
    .default([]),
  warnBeforeMin: z.number().int().min(0).max(10_080).default(60),
  reopenDays: z.number().int().min(0).max(365).default(7),
});
export type SlaPolicyInput = z.input<typeof slaPolicyInput>;

export const cannedReplyInput = z.object({
  title: z.string().trim().min(1, "Name the reply").max(80),
  body,
});

export const portalOpenInput = z.object({
  subject,
  description: body,
  type: z.enum(TICKET_TYPES, { message: "Choose a category" }).default("GENERAL"),
  subscriberId: uuid.optional(),
});
export const portalReplyInput = z.object({ ticketId: uuid, body });
