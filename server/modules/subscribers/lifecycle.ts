// The service lifecycle: which status may follow which.
//
//   PENDING → PROVISIONING → ACTIVE ⇄ SUSPENDED → TERMINATED
//                  ↘ PROVISIONING_FAILED → PROVISIONING (retry) | TERMINATED
//   PENDING → TERMINATED (cancelled before provisioning)
//   ACTIVE → PROVISIONING_FAILED: an activation that landed after its job's deadline (the
//   provisioning saga's rollback takes it back).
import type { SubscriberStatus } from "@/server/generated/prisma/enums";

export const SUBSCRIBER_STATUSES = [
  "PENDING",
  "PROVISIONING",
  "PROVISIONING_FAILED",
  "ACTIVE",
  "SUSPENDED",
  "TERMINATED",
] as const satisfies readonly SubscriberStatus[];

export const TRANSITIONS: Record<SubscriberStatus, readonly SubscriberStatus[]> = {
  PENDING: ["PROVISIONING", "TERMINATED"],
  PROVISIONING: ["ACTIVE", "PROVISIONING_FAILED", "PENDING"],
  PROVISIONING_FAILED: ["PROVISIONING", "PENDING", "TERMINATED"],
  ACTIVE: ["SUSPENDED", "TERMINATED", "PROVISIONING_FAILED"],
  SUSPENDED: ["ACTIVE", "TERMINATED"],
  TERMINATED: [],
};

export const STATUS_LABELS: Record<SubscriberStatus, string> = {
  PENDING: "Pending",
  PROVISIONING: "Provisioning",
  PROVISIONING_FAILED: "Provisioning failed",
  ACTIVE: "Active",
  SUSPENDED: "Suspended",
  TERMINATED: "Terminated",
};

export function canTransition(from: SubscriberStatus, to: SubscriberStatus) {
  return TRANSITIONS[from].includes(to);
}

export function transitionError(from: SubscriberStatus, to: SubscriberStatus) {
  const allowed = TRANSITIONS[from];
  const next = allowed.length
    ? `From ${STATUS_LABELS[from]} it can go to: ${allowed.map((s) => STATUS_LABELS[s]).join(", ")}.`
    : "Terminated is final; create a new subscriber instead.";
  return `A subscriber cannot go from ${STATUS_LABELS[from]} to ${STATUS_LABELS[to]}. ${next}`;
}
