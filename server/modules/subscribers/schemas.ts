import { z } from "zod";
import { listInput } from "@/server/list";

const ipv4 = z
  .string()
  .trim()
  .regex(/^(\d{1,3}\.){3}\d{1,3}$/, "Enter an IPv4 address like 100.64.0.10");
const mac = z
  .string()
  .trim()
  .regex(/^([0-9A-Fa-f]{2}[:-]?){5}[0-9A-Fa-f]{2}$/, "Enter a MAC address like AA:BB:CC:00:11:22");

export const usernameSchema = z
  .string()
  .trim()
  .min(3)
  .max(64)
  .regex(/^[A-Za-z0-9._@-]+$/, "Use letters, digits and . _ @ - only");
export const passwordSchema = z
  .string()
  .min(6)
  .max(64)
  .regex(/^[\x21-\x7e]+$/, "Printable characters without spaces");

export const subscriberFields = z.object({
  serviceAddressId: z.string().uuid().nullish(),
  accessType: z.enum(["PPPOE", "IPOE"]).optional(),
  onuSerial: z
    .string()
    .trim()
    .max(32)
    .transform((s) => s.toUpperCase())
    .nullish(),
  cpeMac: mac.nullish(),
  staticIpv4: ipv4.nullish(),
  ipv6Prefix: z.string().trim().max(64).nullish(),
  vlan: z.number().int().min(1).max(4094).nullish(),
  nasId: z.number().int().positive().nullish(),
  partnerId: z.string().uuid().nullish(),
  oltOnuId: z.string().max(100).nullish(),
  acsDeviceId: z.string().max(200).nullish(),
});

export const createSubscriberInput = subscriberFields.extend({
  customerId: z.string().uuid(),
  planId: z.string().uuid(),
  username: usernameSchema.optional(),
  password: passwordSchema.optional(),
  idempotencyKey: z.string().max(200).optional(),
});
export type CreateSubscriberInput = z.input<typeof createSubscriberInput>;
export type SubscriberFieldsInput = z.input<typeof subscriberFields>;

export const subscriberListInput = listInput.extend({});
