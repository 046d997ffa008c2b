import { z } from "zod";
import { OrchestrationJobStatus } from "@/server/generated/prisma/enums";
import { listInput } from "@/server/list";
import { sagaTypes } from "./sagas";

// Checked when parsed, not when this file loads: the sagas import the modules they drive.
const sagaType = z.string().refine((t) => (sagaTypes() as string[]).includes(t), "Unknown workflow type");

export const jobListInput = listInput.extend({
  status: z.enum(OrchestrationJobStatus).optional(),
  type: sagaType.optional(),
  subscriberId: z.string().uuid().optional(),
  alertsOnly: z.boolean().optional(),
});
export type JobListInput = z.infer<typeof jobListInput>;

export const startJobInput = z.object({
  type: sagaType,
  input: z.record(z.string(), z.unknown()),
  idempotencyKey: z.string().max(200).optional(),
});

/** The REST body of POST /api/v1/orchestration/provision-subscriber (snake_case). */
export const restProvisionBody = z.object({
  subscriber_id: z.string().uuid().optional(),
  customer_id: z.string().uuid().optional(),
  service_plan_id: z.string().uuid().optional(),
  service_address_id: z.string().uuid().optional(),
  access_type: z.enum(["PPPOE", "IPOE"]).optional(),
  onu_serial: z.string().optional(),
  cpe_mac: z.string().optional(),
  username: z.string().optional(),
  password: z.string().optional(),
  static_ipv4: z.string().optional(),
  nas_id: z.number().int().optional(),
  vlan: z.number().int().optional(),
  pool_id: z.string().uuid().optional(),
  wifi: z.object({ ssid: z.string(), passphrase: z.string() }).optional(),
});
