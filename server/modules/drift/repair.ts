// Repairing a finding runs the saga that owns the outcome — never a direct write to the system
// that drifted — so a repair is audited, retried and rolled back like any other change:
// - a live subscriber's RADIUS rows, address or sessions: restore (active; rewrites RADIUS,
//   reconnects the sessions; enables the ONU for an ONU finding) or suspend (suspended) onto itself;
// - an ONU profile, a session's rate or the billed plan: change plan to the current plan;
// - missing IPAM address or billing, CPE configuration: provisioning again (each step skips
//   what is already in place; a failure does not tear down the live service);
// - whatever a terminated subscriber left behind: the teardown.
// The preview shows the saga, its input and its steps before anything runs.
import { forbidden, invalid, notFound } from "@/server/errors";
import type { Permission } from "@/server/modules/identity";
import { previewSaga, type SagaType, startSaga } from "@/server/modules/orchestration";
import { SUBSCRIBER_SAGAS, subscriberIntents } from "@/server/modules/subscribers";
import type { ServiceContext } from "@/server/service-context";
import type { DriftType } from "./types";

export type RepairPlan =
  | { saga: SagaType; title: string; input: Record<string, unknown>; why: string }
  | { saga: null; why: string };

type Sub = { id: string; status: string; planId: string; suspendReason: string | null };

const LEFTOVER = new Set<DriftType>([
  "radius.leftover",
  "ip.leftover",
  "session.leftover",
  "onu.leftover",
  "cpe.leftover",
  "billing.leftover",
]);

export function repairPlanFor(type: DriftType, sub: Sub): RepairPlan {
  const saga = (s: SagaType, input: Record<string, unknown>, why: string): RepairPlan => ({
    saga: s,
    title: SUBSCRIBER_SAGAS[s].title,
    input: { subscriberId: sub.id, ...input },
    why,
  });
  if (type === "session.leftover" && sub.status === "SUSPENDED")
    return saga(
      "suspend-subscriber",
      { reason: sub.suspendReason ?? "ADMINISTRATIVE" },
      "Suspending again disconnects the sessions a suspension should have ended",
    );
  if (LEFTOVER.has(type)) {
    if (sub.status === "TERMINATED")
      return saga("deprovision-subscriber", {}, "The teardown removes what the terminated subscriber left behind");
    return {
      saga: null,
      why: `The subscriber is ${sub.status.toLowerCase()}: retry its provisioning job or terminate it, which cleans up`,
    };
  }
  if (sub.status !== "ACTIVE" && sub.status !== "SUSPENDED")
    return { saga: null, why: `The subscriber is ${sub.status.toLowerCase()}; nothing is repaired before it is live` };
  switch (type) {
    case "radius.credentials":
    case "radius.groups":
    case "ip.reply":
    case "session.ip":
      return sub.status === "ACTIVE"
        ? saga(
            "restore-subscriber",
            { enableOnu: false },
            "Restoring the active subscriber rewrites its RADIUS rows from status, plan and IPAM and reconnects its sessions",
          )
        : saga(
            "suspend-subscriber",
            { reason: sub.suspendReason ?? "ADMINISTRATIVE" },
            "Suspending the suspended subscriber again rewrites its RADIUS rows and reconnects its sessions",
          );
    case "onu.state":
      return saga("restore-subscriber", { enableOnu: true }, "Restoring the active subscriber enables its ONU");
    case "onu.profile":
    case "session.rate":
    case "billing.plan":
      return saga(
        "change-plan",
        { planId: sub.planId, effective: "now" },
        "Changing to the current plan re-applies it everywhere: RADIUS, CoA on live sessions, ONU profile, billing",
      );
    case "ip.unassigned":
    case "billing.missing":
    case "cpe.wan":
    case "cpe.wifi":
      if (sub.status !== "ACTIVE")
        return { saga: null, why: "Restore the subscriber first; provisioning again runs on active subscribers" };
      return saga(
        "provision-subscriber",
        {},
        "Provisioning again completes what is missing (address, CPE configuration, billing) and leaves the rest",
      );
    case "onu.missing":
      return { saga: null, why: "VOLTHA does not see the ONU: check it is connected (a field visit), then rescan" };
    case "cpe.missing":
      return { saga: null, why: "The CPE has not informed the ACS: check it is powered and connected, then rescan" };
    case "ip.external":
      return {
        saga: null,
        why: "Record the address in NetBox again (or release it in IPAM) so both agree, then rescan",
      };
    default:
      return { saga: null, why: "No repair is known for this finding" };
  }
}

async function loadFinding(svc: ServiceContext, id: string) {
  const finding = await svc.db.driftFinding.findFirst({ where: { id } });
  if (!finding) throw notFound("Drift finding");
  const [sub] = finding.subscriberId ? await subscriberIntents(svc, { ids: [finding.subscriberId], take: 1 }) : [];
  if (!sub) throw notFound("Subscriber");
  return { finding, sub };
}

/**
 * What a repair would run: the saga, its input and — from the saga's dry run — each step's
 * intended change (or why it would fail). Nothing changes.
 */
export async function previewRepair(svc: ServiceContext, findingId: string) {
  const { finding, sub } = await loadFinding(svc, findingId);
  const plan = repairPlanFor(finding.type as DriftType, sub);
  const dryRun = plan.saga ? await previewSaga(svc, plan.saga, plan.input) : null;
  return {
    findingId: finding.id,
    status: finding.status,
    summary: finding.summary,
    ...plan,
    ok: dryRun?.ok ?? false,
    steps: (dryRun?.steps ?? []).map((s) => ({
      name: s.name,
      title: s.title,
      status: s.status,
      summary: s.summary,
      noChange: s.status !== "change" && s.status !== "fails",
    })),
  };
}

/**
 * Starts the repair's saga (the caller needs the saga's own permission). Repeating the request
 * for the same sighting of the finding starts nothing new.
 */
export async function repairFinding(svc: ServiceContext, findingId: string, can: (permission: Permission) => boolean) {
  const { finding, sub } = await loadFinding(svc, findingId);
  if (finding.status !== "OPEN") throw invalid("This finding is already resolved; scan again to see the current state");
  const plan = repairPlanFor(finding.type as DriftType, sub);
  if (!plan.saga) throw invalid(plan.why);
  const permission = SUBSCRIBER_SAGAS[plan.saga].permission;
  if (!can(permission)) throw forbidden(`Repairing this needs the ${permission} permission`);
  const job = await startSaga(svc, plan.saga, plan.input, `drift:${finding.id}:${finding.lastScanId}`);
  await svc.db.driftFinding.update({
    where: { id: finding.id },
    data: { repairJobId: job.id, repairedAt: new Date(), repairedBy: svc.actor.label },
  });
  return { findingId: finding.id, job };
}
