// The zod inputs of the crm use cases (addresses come from the addresses module's face).
import { z } from "zod";
import { listInput } from "@/server/list";
import { addressInput } from "@/server/modules/addresses";
import { ACTIVITY_KINDS, LEAD_SOURCES, LEAD_STAGES } from "./schemas";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || undefined);

export const leadInput = z
  .object({
    name: z.string().trim().min(1, { message: "Enter the person's name" }).max(200),
    email: z
      .string()
      .trim()
      .max(320)
      .optional()
      .transform((v) => v || undefined)
      .pipe(z.email({ message: "Enter a valid email address" }).optional()),
    phone: optionalText(40),
    address: addressInput.optional(),
    source: z.enum(LEAD_SOURCES).default("PHONE"),
    ownerId: z.string().uuid().nullish(),
    partnerId: z.string().uuid().nullish(),
    planId: z.string().uuid().nullish(),
    notes: optionalText(4000),
  })
  .refine((l) => l.email || l.phone, { message: "Give an email address or a phone number", path: ["email"] });
export type LeadInput = z.input<typeof leadInput>;

export const listLeadsInput = listInput.extend({});

export const moveLeadInput = z
  .object({
    id: z.string().uuid(),
    stage: z.enum(LEAD_STAGES),
    lostReason: z.string().trim().max(200).optional(),
  })
  .refine((m) => m.stage !== "LOST" || m.lostReason, {
    message: "Say why the lead was lost",
    path: ["lostReason"],
  });

export const activityInput = z.object({
  leadId: z.string().uuid(),
  kind: z.enum(ACTIVITY_KINDS),
  body: z.string().trim().min(1, { message: "Write what happened" }).max(4000),
});

export const taskInput = z.object({
  leadId: z.string().uuid(),
  title: z.string().trim().min(1, { message: "Name the follow-up" }).max(200),
  dueAt: z.coerce.date(),
  ownerId: z.string().uuid().nullish(),
});

export const publicSignUpInput = z.object({
  tenant: z.string().trim().min(1).max(80),
  name: z.string().trim().min(1, { message: "Enter your name" }).max(200),
  email: z.email({ message: "Enter a valid email address" }).max(320),
  phone: optionalText(40),
  address: addressInput,
  planId: z.string().uuid().nullish(),
  consent: z.literal(true, { message: "Tick the box so we may contact you" }),
  /** The honeypot: a field people never see; bots fill it. */
  website: z.string().max(500).optional(),
});
export type PublicSignUpInput = z.input<typeof publicSignUpInput>;
