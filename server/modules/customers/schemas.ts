import { z } from "zod";
import { listInput } from "@/server/list";

const text = (max = 200) => z.string().trim().min(1).max(max);
const optional = (max = 200) => z.string().trim().max(max).nullish();

export const contactInput = z.object({
  name: text(),
  role: optional(80),
  email: z.string().trim().email().nullish(),
  phone: optional(40),
});

export const serviceAddressInput = z.object({
  line1: text(),
  line2: optional(),
  city: text(120),
  postcode: text(20),
  country: z
    .string()
    .length(2)
    .transform((c) => c.toUpperCase()),
  latitude: z.number().min(-90).max(90).nullish(),
  longitude: z.number().min(-180).max(180).nullish(),
  notes: optional(2000),
});

export const customerInput = z.object({
  kind: z.enum(["PERSON", "BUSINESS"]).default("PERSON"),
  name: text(),
  companyName: optional(),
  taxId: optional(40),
  email: z.string().trim().email(),
  phone: optional(40),
  billingLine1: text(),
  billingLine2: optional(),
  billingCity: text(120),
  billingPostcode: text(20),
  billingCountry: z
    .string()
    .length(2)
    .transform((c) => c.toUpperCase()),
  partnerId: z.string().uuid().nullish(),
  locale: optional(10),
  timezone: optional(60),
  notes: optional(4000),
  contacts: z.array(contactInput).max(20).optional(),
  serviceAddresses: z.array(serviceAddressInput).max(50).optional(),
});
export type CustomerInput = z.input<typeof customerInput>;

export const customerUpdateInput = z.object({
  id: z.string().uuid(),
  data: customerInput.omit({ contacts: true, serviceAddresses: true }).partial(),
});
export const customerListInput = listInput.extend({});
export type ServiceAddressInput = z.input<typeof serviceAddressInput>;
export type ContactInput = z.input<typeof contactInput>;
