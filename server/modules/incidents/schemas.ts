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
