// Incident shapes for the router and the pages.
import { z } from "zod";
import { listInput } from "@/server/list";

export const INCIDENT_STATUSES = ["OPEN", "ACKNOWLEDGED", "RESOLVED"] as const;
export const listIncidentsInput = listInput;
export const incidentIdInput = z.object({ id: z.string().uuid() });
export const impactInput = listInput.extend({ incidentId: z.string().uuid() });
export const resolveIncidentInput = z.object({
  id: z.string().uuid(),
  note: z.string().trim().min(3, "Say why it is resolved while alarms may still be raised").max(500),
});
export const creditPolicyInput = z.object({
  enabled: z.boolean(),
  minOutageMinutes: z.number().int().min(0, "At least 0 minutes").max(10_080, "At most a week"),
  percentOfMonthly: z.number().int().min(0, "At least 0 %").max(100, "At most 100 %"),
});
export type CreditPolicyInput = z.input<typeof creditPolicyInput>;
