// The partners module's zod shapes (tRPC inputs and the REST API's).
import { z } from "zod";
import { readableBrand, unreadableBrandMessage } from "@/lib/contrast";

export const PARTNER_TYPES = ["RESELLER", "AGENT", "REFERRAL"] as const;
export const PARTNER_TYPE_LABELS: Record<(typeof PARTNER_TYPES)[number], string> = {
  RESELLER: "Reseller",
  AGENT: "Agent",
  REFERRAL: "Referral partner",
};
export const COMMISSION_KINDS = ["PERCENT_RECURRING", "FLAT_ACTIVATION", "TIERED"] as const;
export const COMMISSION_KIND_LABELS: Record<(typeof COMMISSION_KINDS)[number], string> = {
  PERCENT_RECURRING: "Percentage of recurring revenue",
  FLAT_ACTIVATION: "Flat amount per activation",
  TIERED: "Percentage tiered by paying customers",
};

const color = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, "Use a colour like #0b6bcb");
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((s) => s || null)
    .nullish();

export const brandingInput = z.object({
  brandName: optionalText(120),
  logoUrl: z
    .string()
    .trim()
    .max(500)
    .refine((s) => s === "" || /^https:\/\/|^\//.test(s), "Use an https:// address or a path on this site")
    .transform((s) => s || null)
    .nullish(),
  // The shell puts white text on it and uses it for links (WCAG 1.4.3).
  primaryColor: color
    .refine(readableBrand, { error: (issue) => unreadableBrandMessage(String(issue.input)) })
    .nullish(),
  accentColor: color.nullish(),
  supportEmail: z
    .union([z.literal(""), z.email("Enter a valid email address")])
    .transform((s) => s || null)
    .nullish(),
  supportPhone: optionalText(40),
});
export type BrandingInput = z.infer<typeof brandingInput>;

export const partnerInput = z.object({
  name: z.string().trim().min(2, "Enter the partner's name").max(120),
  type: z.enum(PARTNER_TYPES),
  parentId: z.string().uuid().nullish(),
  commissionPlanId: z.string().uuid().nullish(),
  branding: brandingInput.optional(),
});
export type PartnerInput = z.infer<typeof partnerInput>;

export const partnerUpdateInput = z.object({
  id: z.string().uuid(),
  name: z.string().trim().min(2, "Enter the partner's name").max(120).optional(),
  status: z.enum(["ACTIVE", "SUSPENDED"]).optional(),
  commissionPlanId: z.string().uuid().nullish(),
  branding: brandingInput.optional(),
});

const tier = z.object({
  minCustomers: z.number().int().min(0),
  basisPoints: z.number().int().min(0).max(10_000),
});

export const commissionPlanInput = z
  .object({
    name: z.string().trim().min(2, "Name the plan").max(120),
    kind: z.enum(COMMISSION_KINDS),
    basisPoints: z.number().int().min(0).max(10_000).default(0),
    flatMinor: z.number().int().min(0).default(0),
    tiers: z.array(tier).max(20).default([]),
    maxMonths: z.number().int().min(1).max(240).nullish(),
    clawbackDays: z.number().int().min(0).max(3650).default(90),
  })
  .superRefine((p, ctx) => {
    if (p.kind === "PERCENT_RECURRING" && p.basisPoints <= 0)
      ctx.addIssue({ code: "custom", path: ["basisPoints"], message: "Enter the percentage" });
    if (p.kind === "FLAT_ACTIVATION" && p.flatMinor <= 0)
      ctx.addIssue({ code: "custom", path: ["flatMinor"], message: "Enter the amount per activation" });
    if (p.kind === "TIERED" && p.tiers.length === 0)
      ctx.addIssue({ code: "custom", path: ["tiers"], message: "Add at least one tier" });
  });
export type CommissionPlanInput = z.input<typeof commissionPlanInput>;

export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Use a month like 2026-11");
