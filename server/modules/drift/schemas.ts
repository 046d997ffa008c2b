import { z } from "zod";
import { listInput } from "@/server/list";

export const findingStatuses = ["OPEN", "RESOLVED"] as const;

/** Findings list: filters `status` (default open), `type`, `system`, `subscriberId`; search by username. */
export const findingListInput = listInput;
export type FindingListInput = z.infer<typeof findingListInput>;

export const findingId = z.object({ id: z.string().uuid() });
