import { z } from "zod";
import { listInput } from "@/server/list";

const dateish = z
  .string()
  .trim()
  .refine((v) => v === "" || !Number.isNaN(Date.parse(v)), "Use a date like 2026-11-24")
  .transform((v) => v || undefined)
  .optional();

export const auditSearchInput = listInput.extend({
  actor: z.string().trim().max(200).optional(),
  action: z.string().trim().max(100).optional(),
  targetType: z.string().trim().max(100).optional(),
  targetId: z.string().trim().max(100).optional(),
  from: dateish,
  to: dateish,
});
export type AuditSearchInput = z.infer<typeof auditSearchInput>;
