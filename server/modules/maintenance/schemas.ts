// Maintenance window shapes for the router and the pages.
import { z } from "zod";
import { listInput } from "@/server/list";

export const MAINTENANCE_STATUSES = ["SCHEDULED", "IN_PROGRESS", "COMPLETED", "CANCELLED"] as const;

const elementKey = z.string().regex(/^(olt|pon):[0-9a-f-]{36}$/, "Choose OLTs or PON ports of the network");

const elements = z.array(elementKey).min(1, "Choose at least one OLT or PON port").max(100);

export const previewMaintenanceInput = z.object({ elements });

export const scheduleMaintenanceInput = z
  .object({
    title: z.string().trim().min(3, "Give the window a title (at least 3 characters)").max(120),
    description: z.string().trim().max(2000).default(""),
    elements,
    startsAt: z.coerce.date({ message: "Give a start time" }),
    endsAt: z.coerce.date({ message: "Give an end time" }),
    noticeHours: z.array(z.number().int().min(1).max(720)).max(4).default([72, 24]),
  })
  .refine((v) => v.endsAt > v.startsAt, { message: "The window must end after it starts", path: ["endsAt"] });
export type ScheduleMaintenanceInput = z.input<typeof scheduleMaintenanceInput>;

export const maintenanceIdInput = z.object({ id: z.string().uuid() });
export const affectedInput = listInput.extend({ windowId: z.string().uuid() });
