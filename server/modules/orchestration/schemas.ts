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

/** `dry_run: true` in a body (or `?dry_run=true`) answers with the plan instead of starting a job. */
const dryRun = { dry_run: z.boolean().optional() };

/** The REST body of POST /api/v1/orchestration/provision-subscriber (snake_case). */
export const restProvisionBody = z.object({
  ...dryRun,
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

/** POST /api/v1/orchestration/suspend */
export const restSuspendBody = z.object({
  ...dryRun,
  subscriber_id: z.string().uuid(),
  reason: z.enum(["NON_PAYMENT", "FRAUD", "REQUESTED", "ADMINISTRATIVE"]).optional(),
  disable_onu: z.boolean().optional(),
});

/** POST /api/v1/orchestration/restore */
export const restRestoreBody = z.object({
  ...dryRun,
  subscriber_id: z.string().uuid(),
  enable_onu: z.boolean().optional(),
});

/** POST /api/v1/orchestration/change-plan */
export const restChangePlanBody = z.object({
  ...dryRun,
  subscriber_id: z.string().uuid(),
  service_plan_id: z.string().uuid(),
  effective: z.enum(["now", "next_cycle"]).optional(),
});

/** POST /api/v1/orchestration/deprovision */
export const restDeprovisionBody = z.object({
  ...dryRun,
  subscriber_id: z.string().uuid(),
  reason: z.string().max(500).optional(),
  /** Last billed day is the day before (YYYY-MM-DD; default today). */
  end_billing_on: z.string().date().optional(),
});
