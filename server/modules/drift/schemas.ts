import { z } from "zod";
import { listInput } from "@/server/list";

export const findingStatuses = ["OPEN", "RESOLVED"] as const;

/** Findings list: filters `status` (default open), `type`, `system`, `subscriberId`; search by username. */
export const findingListInput = listInput;
export type FindingListInput = z.infer<typeof findingListInput>;

export const findingId = z.object({ id: z.string().uuid() });

/** GET /api/v1/drift query (snake_case). */
export const restDriftQuery = z.object({
  status: z.enum(["open", "resolved"]).default("open"),
  type: z.string().max(40).optional(),
  system: z.string().max(40).optional(),
  subscriber_id: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
