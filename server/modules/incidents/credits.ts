// SLA credits for an outage: when an incident resolves after lasting at least the tenant's
// minimum, each affected subscriber with a billing subscription gets a share of their plan's
// monthly price back on the next invoice — once, however often resolution is seen.
import { recordAudit } from "@/server/modules/audit";
import { addOneOffCharge, getBillingSubscription } from "@/server/modules/billing";
import { findPlan } from "@/server/modules/catalog";
import type { ServiceContext } from "@/server/service-context";
import { event } from "./correlate";
import { type CreditPolicyInput, creditPolicyInput } from "./schemas";

const DEFAULT_POLICY = { enabled: true, minOutageMinutes: 240, percentOfMonthly: 10 };

export async function creditPolicy(svc: ServiceContext) {
  const row = await svc.db.incidentCreditPolicy.findFirst({ where: {} });
  return row
    ? { enabled: row.enabled, minOutageMinutes: row.minOutageMinutes, percentOfMonthly: row.percentOfMonthly }
    : DEFAULT_POLICY;
}

export async function setCreditPolicy(svc: ServiceContext, raw: CreditPolicyInput) {
  const input = creditPolicyInput.parse(raw);
  const before = await creditPolicy(svc);
  await svc.db.$transaction(async (tx) => {
    await tx.incidentCreditPolicy.upsert({
      where: { tenantId: svc.tenantId },
      create: { tenantId: svc.tenantId, ...input },
      update: input,
    });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "incident.credit_policy.update",
      targetType: "IncidentCreditPolicy",
      targetId: svc.tenantId,
      before,
      after: input,
    });
  });
  return creditPolicy(svc);
}

/** Books the outage credits of a resolved incident; returns how many subscribers got one. */
export async function grantOutageCredits(svc: ServiceContext, incidentId: string) {
  const incident = await svc.db.incident.findFirst({ where: { id: incidentId } });
  if (!incident?.resolvedAt || incident.mergedIntoId) return 0;
  const policy = await creditPolicy(svc);
  const minutes = Math.floor((incident.resolvedAt.getTime() - incident.openedAt.getTime()) / 60_000);
  if (!policy.enabled || policy.percentOfMonthly === 0 || minutes < policy.minOutageMinutes) return 0;
  const impact = await svc.db.incidentImpact.findMany({ where: { incidentId }, select: { subscriberId: true } });
  const hours = Math.max(1, Math.round(minutes / 60));
  let granted = 0;
  for (const { subscriberId } of impact) {
    const sub = await getBillingSubscription(svc, subscriberId);
    if (!sub || sub.status !== "ACTIVE") continue;
    const plan = await findPlan(svc, sub.planId);
    const amount = plan ? Math.round((plan.priceMinor * policy.percentOfMonthly) / 100) : 0;
    if (amount <= 0) continue;
    // The key makes a second resolution (or a retry) book nothing more.
    await addOneOffCharge(svc, subscriberId, {
      key: `outage-credit:${incidentId}`,
      description: `Service credit: outage INC-${incident.number} (about ${hours} h)`,
      amountMinor: -amount,
    });
    granted++;
  }
  if (granted) await event(svc, incidentId, "credit", `SLA credits on the next invoice of ${granted} subscribers`);
  return granted;
}
