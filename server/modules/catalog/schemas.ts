import { z } from "zod";
import { listInput } from "@/server/list";

const kbps = z.number().int().min(64).max(100_000_000);

export const planInput = z.object({
  code: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9_-]+$/, "Use letters, digits, - and _ only"),
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(2000).nullish(),
  downloadKbps: kbps,
  uploadKbps: kbps,
  burstDownloadKbps: kbps.nullish(),
  burstUploadKbps: kbps.nullish(),
  dataCapGb: z.number().int().min(1).nullish(),
  priceMinor: z.number().int().min(0),
  currency: z
    .string()
    .length(3)
    .transform((c) => c.toUpperCase()),
  setupFeeMinor: z.number().int().min(0).default(0),
  overagePerGbMinor: z.number().int().min(0).default(0),
  taxRateId: z.string().uuid().nullish(),
  active: z.boolean().default(true),
  /** Subscribers may switch to this plan themselves in the portal. */
  portalSwitchable: z.boolean().default(false),
});
export type PlanInput = z.input<typeof planInput>;

export const planListInput = listInput.extend({});
export const planUpdateInput = z.object({ id: z.string().uuid(), data: planInput.partial() });
