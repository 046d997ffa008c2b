// Work order shapes shared by the use cases, the routers and the pages (zod only), and the
// checklist each type starts with.
import { z } from "zod";

export const WORK_ORDER_TYPES = ["INSTALL", "REPAIR", "SURVEY", "REMOVAL", "MAINTENANCE"] as const;
export const WORK_ORDER_STATUSES = [
  "NEW",
  "SCHEDULED",
  "EN_ROUTE",
  "ON_SITE",
  "IN_PROGRESS",
  "COMPLETED",
  "FAILED",
  "CANCELLED",
] as const;
export const WORK_ORDER_PRIORITIES = ["LOW", "NORMAL", "HIGH", "URGENT"] as const;
export type WorkOrderTypeKey = (typeof WORK_ORDER_TYPES)[number];
export type WorkOrderStatusKey = (typeof WORK_ORDER_STATUSES)[number];

export const WORK_ORDER_TYPE_LABELS: Record<WorkOrderTypeKey, string> = {
  INSTALL: "Install",
  REPAIR: "Repair",
  SURVEY: "Site survey",
  REMOVAL: "Equipment removal",
  MAINTENANCE: "Maintenance",
};
export const WORK_ORDER_STATUS_LABELS: Record<WorkOrderStatusKey, string> = {
  NEW: "New",
  SCHEDULED: "Scheduled",
  EN_ROUTE: "On the way",
  ON_SITE: "On site",
  IN_PROGRESS: "In progress",
  COMPLETED: "Completed",
  FAILED: "Failed",
  CANCELLED: "Cancelled",
};

export type ChecklistItem = { key: string; label: string; done: boolean };

/** The checklist an order of each type starts with. */
export const CHECKLIST_TEMPLATES: Record<WorkOrderTypeKey, Omit<ChecklistItem, "done">[]> = {
  INSTALL: [
    { key: "drop", label: "Fibre drop run and terminated" },
    { key: "onu", label: "ONU mounted and powered" },
    { key: "cpe", label: "Router connected and WiFi shown to the customer" },
    { key: "tidy", label: "Site left tidy" },
  ],
  REPAIR: [
    { key: "diagnose", label: "Fault found" },
    { key: "fix", label: "Fault fixed and service tested" },
  ],
  SURVEY: [
    { key: "route", label: "Drop route from the street checked" },
    { key: "entry", label: "Entry point and ONU location agreed" },
  ],
  REMOVAL: [
    { key: "collect", label: "Equipment collected" },
    { key: "label", label: "Equipment labelled for return" },
  ],
  MAINTENANCE: [{ key: "work", label: "Planned work done" }],
};

/**
 * What an order of each type needs before it can be completed. Installs and repairs prove the
 * line works (optical power), installs also the equipment fitted, photos and the customer's
 * signature; removals the equipment taken.
 */
export const COMPLETION_REQUIREMENTS: Record<
  WorkOrderTypeKey,
  { opticalPower: boolean; onuSerial: boolean; photos: number; signature: boolean; notes: boolean }
> = {
  INSTALL: { opticalPower: true, onuSerial: true, photos: 1, signature: true, notes: false },
  REPAIR: { opticalPower: true, onuSerial: false, photos: 0, signature: false, notes: true },
  SURVEY: { opticalPower: false, onuSerial: false, photos: 0, signature: false, notes: true },
  REMOVAL: { opticalPower: false, onuSerial: false, photos: 0, signature: true, notes: false },
  MAINTENANCE: { opticalPower: false, onuSerial: false, photos: 0, signature: false, notes: true },
};

/** What technicians can be good at; a job type requires some of them (REQUIRED_SKILLS). */
export const TECHNICIAN_SKILLS = ["fibre_install", "splicing", "fault_finding", "site_survey"] as const;
export type TechnicianSkill = (typeof TECHNICIAN_SKILLS)[number];
export const TECHNICIAN_SKILL_LABELS: Record<TechnicianSkill, string> = {
  fibre_install: "Fibre installs",
  splicing: "Splicing",
  fault_finding: "Fault finding",
  site_survey: "Site surveys",
};
/** The skills a technician needs to be offered a job of each type. */
export const REQUIRED_SKILLS: Record<WorkOrderTypeKey, TechnicianSkill[]> = {
  INSTALL: ["fibre_install"],
  REPAIR: ["fault_finding"],
  SURVEY: ["site_survey"],
  REMOVAL: [],
  MAINTENANCE: ["splicing"],
};

const uuid = z.string().uuid();
const when = z.coerce.date();

export const createWorkOrderInput = z
  .object({
    type: z.enum(WORK_ORDER_TYPES),
    title: z.string().trim().min(3, "Write a title of at least 3 characters").max(200, "At most 200 characters"),
    description: z.string().trim().max(10_000).default(""),
    priority: z.enum(WORK_ORDER_PRIORITIES).default("NORMAL"),
    customerId: uuid.optional(),
    subscriberId: uuid.optional(),
    serviceAddressId: uuid.optional(),
    ticketId: uuid.optional(),
    incidentId: uuid.optional(),
    leadId: uuid.optional(),
    addressText: z.string().trim().max(500).optional(),
    latitude: z.number().min(-90).max(90).optional(),
    longitude: z.number().min(-180).max(180).optional(),
    assigneeId: uuid.optional(),
    windowStart: when.optional(),
    windowEnd: when.optional(),
  })
  .refine((v) => !v.windowStart === !v.windowEnd, { message: "Give both ends of the arrival window" })
  .refine((v) => !v.windowStart || !v.windowEnd || v.windowStart < v.windowEnd, {
    message: "The arrival window must end after it starts",
  })
  .refine((v) => v.type !== "INSTALL" || v.subscriberId, { message: "An install needs the subscriber it installs" });
export type CreateWorkOrderInput = z.input<typeof createWorkOrderInput>;

export const assignInput = z
  .object({
    workOrderId: uuid,
    assigneeId: uuid.nullable(),
    windowStart: when.optional(),
    windowEnd: when.optional(),
  })
  .refine((v) => !v.windowStart === !v.windowEnd, { message: "Give both ends of the arrival window" })
  .refine((v) => !v.windowStart || !v.windowEnd || v.windowStart < v.windowEnd, {
    message: "The arrival window must end after it starts",
  });
export type AssignInput = z.input<typeof assignInput>;

export const recordInput = z.object({
  workOrderId: uuid,
  checklist: z.record(z.string(), z.boolean()).optional(),
  opticalPowerDbm: z.number().min(-40, "Optical power is between −40 and +10 dBm").max(10).nullable().optional(),
  onuSerial: z.string().trim().toUpperCase().min(4).max(32).nullable().optional(),
  cpeSerial: z.string().trim().toUpperCase().min(4).max(32).nullable().optional(),
  notes: z.string().trim().max(10_000).optional(),
});
export type RecordInput = z.input<typeof recordInput>;

export const listWorkOrdersInput = z.object({
  status: z.array(z.enum(WORK_ORDER_STATUSES)).optional(),
  type: z.enum(WORK_ORDER_TYPES).optional(),
  assigneeId: uuid.nullable().optional(),
  subscriberId: uuid.optional(),
  leadId: uuid.optional(),
  from: when.optional(),
  to: when.optional(),
  limit: z.number().int().min(1).max(500).default(200),
});
export type ListWorkOrdersInput = z.input<typeof listWorkOrdersInput>;

/** The half-day slots (UTC hours) a visit is booked in: the slot search's and the board's. */
export const SLOT_HOURS = [
  [8, 12],
  [12, 16],
  [16, 20],
] as const;

/** Where a technician's van starts the day: the first point of their route on the dispatch map. */
export const technicianBase = z.object({
  label: z.string().trim().min(1, "Name the base (e.g. the depot)").max(200),
  latitude: z
    .number({ error: "Enter the base's latitude" })
    .min(-90, "Latitude is -90 to 90")
    .max(90, "Latitude is -90 to 90"),
  longitude: z
    .number({ error: "Enter the base's longitude" })
    .min(-180, "Longitude is -180 to 180")
    .max(180, "Longitude is -180 to 180"),
});

/** Makes a user who may work orders a technician (on the board), or updates their profile. */
export const technicianProfileInput = z.object({
  userId: uuid,
  skills: z.array(z.enum(TECHNICIAN_SKILLS)).max(TECHNICIAN_SKILLS.length).default([]),
  zoneIds: z.array(uuid).max(200).default([]),
  /** Null: no base (the route starts at the first job). */
  base: technicianBase.nullable().default(null),
});
export type TechnicianProfileInput = z.input<typeof technicianProfileInput>;

/** Free slots in a period (at most 14 days); with a work order, only technicians who can take it. */
export const slotSearchInput = z
  .object({ from: when, to: when, workOrderId: uuid.optional() })
  .refine((v) => v.to > v.from, { message: "The search must end after it starts" })
  .refine((v) => v.to.getTime() - v.from.getTime() <= 14 * 86_400_000, {
    message: "Search at most 14 days at a time",
  });
export type SlotSearchInput = z.input<typeof slotSearchInput>;
