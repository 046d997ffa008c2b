// Inventory shapes shared by the use cases, the routers and the REST routes (zod only).
import { z } from "zod";

export const INVENTORY_KINDS = ["ONU", "CPE", "ROUTER", "SFP", "CABLE", "CONSUMABLE"] as const;
export const LOCATION_KINDS = ["WAREHOUSE", "VAN", "CUSTOMER", "RMA", "SCRAP"] as const;
export const ITEM_CONDITIONS = ["NEW", "GOOD", "REFURBISHED", "NEEDS_INSPECTION", "FAULTY", "SCRAPPED"] as const;
export const MOVEMENT_KINDS = ["RECEIVE", "TRANSFER", "ASSIGN", "RETURN", "INSPECT", "WRITE_OFF"] as const;
/** What an inspection decides for a returned item. */
export const INSPECTION_OUTCOMES = ["GOOD", "REFURBISH", "RMA", "SCRAP"] as const;
export type InspectionOutcome = (typeof INSPECTION_OUTCOMES)[number];

export const MOVEMENT_LABELS: Record<(typeof MOVEMENT_KINDS)[number], string> = {
  RECEIVE: "Received",
  TRANSFER: "Transferred",
  ASSIGN: "Assigned to subscriber",
  RETURN: "Returned",
  INSPECT: "Inspected",
  WRITE_OFF: "Written off",
};

const uuid = z.string().uuid();
export const serialSchema = z
  .string()
  .trim()
  .min(4, "A serial has at least 4 characters")
  .max(32, "A serial has at most 32 characters")
  .transform((s) => s.toUpperCase());

export const modelInput = z.object({
  code: z.string().trim().min(1).max(40),
  name: z.string().trim().min(1).max(120),
  kind: z.enum(INVENTORY_KINDS),
  serialised: z.boolean(),
  unit: z.string().trim().max(10).default("pcs"),
  priceMinor: z.number().int().min(0).default(0),
});
export type ModelInput = z.input<typeof modelInput>;

export const receiveInput = z
  .object({
    locationId: uuid,
    modelId: uuid,
    items: z.array(z.object({ serial: serialSchema, mac: z.string().trim().max(17).optional() })).default([]),
    quantity: z.number().int().positive().optional(),
    note: z.string().trim().max(500).default(""),
  })
  .refine((v) => v.items.length > 0 || v.quantity, { message: "Give the serials received, or a quantity" });
export type ReceiveInput = z.input<typeof receiveInput>;

export const transferInput = z
  .object({
    toLocationId: uuid,
    serial: serialSchema.optional(),
    fromLocationId: uuid.optional(),
    modelId: uuid.optional(),
    quantity: z.number().int().positive().optional(),
    note: z.string().trim().max(500).default(""),
  })
  .refine((v) => v.serial || (v.fromLocationId && v.modelId && v.quantity), {
    message: "Give a serial, or a source location, model and quantity",
  });
export type TransferInput = z.input<typeof transferInput>;

export const assignInput = z.object({
  serial: serialSchema,
  subscriberId: uuid,
  workOrderId: uuid.optional(),
  /** The item must come from this technician's van (a technician fitting it from their stock). */
  fromTechnicianId: uuid.optional(),
});
export type AssignEquipmentInput = z.input<typeof assignInput>;

export const returnInput = z.object({
  serial: serialSchema,
  toLocationId: uuid.optional(),
  workOrderId: uuid.optional(),
  note: z.string().trim().max(500).default(""),
});
export type ReturnEquipmentInput = z.input<typeof returnInput>;

export const inspectInput = z.object({
  serial: serialSchema,
  outcome: z.enum(INSPECTION_OUTCOMES),
  note: z.string().trim().max(500).default(""),
});
export type InspectInput = z.input<typeof inspectInput>;
