import { z } from "zod";
import { listInput } from "@/server/list";

export const createSiteInput = z.object({
  name: z.string().trim().min(1).max(100),
  kind: z.enum(["CENTRAL_OFFICE", "CABINET", "POP"]).default("CENTRAL_OFFICE"),
  address: z.string().max(300).optional(),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
});
export type CreateSiteInput = z.infer<typeof createSiteInput>;

export const registerOltInput = z.object({
  name: z.string().trim().min(1).max(100),
  hostAndPort: z
    .string()
    .trim()
    .regex(/^[\w.-]+:\d{1,5}$/, "Enter the OLT's management address as host:port, e.g. 10.0.0.10:9191"),
  deviceType: z.string().max(50).default("openolt"),
  siteId: z.string().uuid().optional().nullable(),
  technology: z.enum(["GPON", "XGS_PON"]).default("GPON"),
  splitRatio: z.number().int().min(2).max(256).default(64),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
});
export type RegisterOltInput = z.input<typeof registerOltInput> & {
  technology?: "GPON" | "XGS_PON";
  splitRatio?: number;
};

export const updatePonPortInput = z.object({
  technology: z.enum(["GPON", "XGS_PON"]).optional(),
  splitRatio: z.number().int().min(2).max(256).optional(),
  capacityDownMbps: z.number().int().min(1).max(100_000).optional(),
  capacityUpMbps: z.number().int().min(1).max(100_000).optional(),
});
export type UpdatePonPortInput = z.infer<typeof updatePonPortInput>;

export const listOnusInput = listInput.extend({
  oltId: z.string().uuid().optional(),
  ponPortId: z.string().uuid().optional(),
  state: z.enum(["DISCOVERED", "PREPROVISIONED", "ACTIVATING", "ACTIVE", "DISABLED", "LOS", "FAILED"]).optional(),
});
export type ListOnusInput = z.infer<typeof listOnusInput>;

export const bandwidthInput = z.object({
  downstreamKbps: z.number().int().min(64).max(10_000_000),
  upstreamKbps: z.number().int().min(64).max(10_000_000),
  profileName: z.string().max(64).optional(),
});
export type BandwidthInput = z.infer<typeof bandwidthInput>;

export const activateOnuInput = bandwidthInput.partial().extend({ idempotencyKey: z.string().max(200).optional() });

export const firmwareInput = z.object({
  version: z.string().trim().min(1).max(100),
  url: z.string().url().optional(),
  onuSerial: z.string().max(64).optional(),
});

export const wifiInput = z.object({
  ssid: z.string().trim().min(1).max(32),
  passphrase: z.string().min(8, "A WPA2 passphrase needs at least 8 characters").max(63).optional(),
  band: z.enum(["2.4GHz", "5GHz", "both"]).default("both"),
});
export type WifiInput = z.infer<typeof wifiInput>;

export const diagnosticInput = z.object({
  kind: z.enum(["ping", "download", "upload", "traceroute"]),
  host: z.string().max(200).optional(),
  url: z.string().url().optional(),
  repetitions: z.number().int().min(1).max(20).optional(),
});
export type DiagnosticInput = z.infer<typeof diagnosticInput>;

// VOLTHA discovery/alarm webhook body: an event.Event as JSON (header + device_event).
export const volthaEventBody = z.object({
  header: z.object({
    id: z.string().min(1).max(200),
    type: z.string().optional(),
    category: z.string().optional(),
    sub_category: z.string().optional(),
    raised_ts: z.union([z.string(), z.number()]).optional(),
    reported_ts: z.union([z.string(), z.number()]).optional(),
  }),
  device_event: z.object({
    resource_id: z.string().optional(),
    device_event_name: z.string().min(1).max(200),
    description: z.string().optional(),
    context: z.record(z.string(), z.string()).default({}),
  }),
});
export type VolthaEventBody = z.infer<typeof volthaEventBody>;
