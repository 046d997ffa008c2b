import { z } from "zod";

/** Discounts above this (basis points: 15%) wait for someone with quote.approve. */
export const DISCOUNT_APPROVAL_BP = 1500;

const money = z.number().int().min(0).max(100_000_000);

export const createQuoteInput = z.object({
  leadId: z.string().uuid(),
  planId: z.string().uuid(),
  /** Default: the plan's setup fee. */
  installationFeeMinor: money.optional(),
  equipment: z
    .array(
      z.object({
        description: z.string().trim().min(1, { message: "Describe the equipment" }).max(200),
        unitMinor: money,
        quantity: z.number().int().min(1).max(100).default(1),
      }),
    )
    .max(20)
    .default([]),
  addons: z
    .array(z.object({ description: z.string().trim().min(1).max(200), unitMinor: money }))
    .max(20)
    .default([]),
  discountBasisPoints: z.number().int().min(0).max(10_000).default(0),
  validDays: z.number().int().min(1).max(90).default(14),
});
export type CreateQuoteInput = z.input<typeof createQuoteInput>;

export const CONSENT_TEXT = "I accept this quote and its terms, and agree that typing my name here is my signature.";

export const acceptInput = z.object({
  token: z.string().min(10).max(2000),
  name: z.string().trim().min(2, { message: "Type your full name" }).max(200),
  consent: z.literal(true, { message: "Tick the box to accept" }),
  /** A drawn signature as an SVG path (optional). */
  signature: z.string().max(50_000).optional(),
});
export type AcceptInput = z.input<typeof acceptInput>;
