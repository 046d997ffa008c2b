import { z } from "zod";
import { listInput } from "@/server/list";

const ipv4 = z.string().regex(/^(\d{1,3}\.){3}\d{1,3}$/, "Enter an IPv4 address like 100.64.0.1");

export const createPoolInput = z.object({
  name: z.string().trim().min(1).max(100),
  prefix: z.string().regex(/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/, "Enter a prefix like 100.64.0.0/22"),
  gateway: ipv4.optional().nullable(),
  purpose: z.enum(["SUBSCRIBER", "MANAGEMENT", "INFRASTRUCTURE"]).default("SUBSCRIBER"),
  vlanId: z.string().uuid().optional().nullable(),
  dnsServers: z.array(ipv4).max(4).default([]),
  description: z.string().max(500).optional(),
  /** The BNG hands out this pool's addresses itself from its pool of this name (RADIUS Framed-Pool). */
  framedPool: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, "Use the BNG's pool name: letters, digits and . _ - only")
    .optional()
    .nullable(),
});
export type CreatePoolInput = z.input<typeof createPoolInput>;

export const listPoolsInput = listInput;
export const listAddressesInput = listInput.extend({ poolId: z.string().uuid() });

export const reserveInput = z.object({
  poolId: z.string().uuid(),
  address: ipv4,
  description: z.string().trim().min(1).max(200),
});

export const createVlanInput = z.object({
  vid: z.number().int().min(1).max(4094),
  name: z.string().trim().min(1).max(100),
  purpose: z.enum(["SUBSCRIBER", "MANAGEMENT", "MULTICAST"]).default("SUBSCRIBER"),
  description: z.string().max(500).optional(),
});
export type CreateVlanInput = z.input<typeof createVlanInput>;
