// Demo billing: every live demo subscriber gets a billing subscription that started in the
// previous cycle (so today's billing run has a full cycle to bill, plus the first part-cycle
// as proration, an equipment one-off and, on the capped plan, usage over the allowance from
// last cycle's accounting), and one more customer, Tomasz Nowak, whose last invoice is
// already two days overdue — the dunning queue's first case. Billing sits below subscribers:
// the subscribers seed (seedSubscriberBilling) passes the live subscribers in.
// Idempotent: what exists is kept.
import type { PrismaClient, Tenant } from "@/server/generated/prisma/client";
import { findPlanByCode, updatePlan } from "@/server/modules/catalog";
import { recordFinishedSessions } from "@/server/modules/radius";
import { type ServiceContext, systemContext } from "@/server/service-context";
import { billingToday } from "./clock";
import { type BilledSubscriber, loadBillingTenant } from "./directory";
import { addDays, cycleContaining } from "./money";
import { billCycleOf } from "./run";
import { startBillingSubscription } from "./subscriptions";

const GB = 1_000_000_000n;

export type DemoBilledSubscriber = BilledSubscriber & { username: string };

/** `live`: the live demo subscribers; `overdue`: the dunning demo's one among them. */
export async function seedBilling(
  db: PrismaClient,
  tenant: Tenant,
  live: DemoBilledSubscriber[],
  overdue: DemoBilledSubscriber,
) {
  const svc = systemContext(tenant.id, "seed", db);
  const today = await billingToday(svc);
  const current = cycleContaining(today, tenant.billingDay);
  const previous = cycleContaining(addDays(current.start, -1), tenant.billingDay);

  // The entry plan has an allowance, so heavy users see a usage line.
  const basic = await findPlanByCode(svc, "FIBER-100");
  if (basic && basic.dataCapGb === null) await updatePlan(svc, basic.id, { dataCapGb: 100, overagePerGbMinor: 50 });

  for (const sub of live) {
    if (await svc.db.billingSubscription.findFirst({ where: { subscriberId: sub.id } })) continue;
    const isOverdue = sub.id === overdue.id;
    // The overdue one started a cycle earlier: his previous cycle is already invoiced (below).
    const startedOn = addDays(
      isOverdue ? cycleContaining(addDays(previous.start, -1), tenant.billingDay).start : previous.start,
      9,
    );
    await startBillingSubscription(svc, sub, {
      at: startedOn,
      oneOffs: [{ description: "Wi-Fi 6 router", amountMinor: 4900, key: `seed-router:${sub.id}` }],
    });
    if (sub.planId === basic?.id) await seedUsage(svc, sub.id, sub.username, startedOn, 160n * GB);
  }
  await invoiceOverdue(svc, overdue.id, previous, today);
}

/** Three finished sessions in the subscriber's first part-cycle, `bytes` in total. */
async function seedUsage(svc: ServiceContext, subscriberId: string, username: string, from: Date, bytes: bigint) {
  const share = bytes / 3n;
  await recordFinishedSessions(
    svc,
    subscriberId,
    [0, 1, 2].map((k) => {
      const start = addDays(from, 1 + k * 5);
      return {
        uniqueId: `seed-usage-${subscriberId}-${k}`,
        username,
        start,
        stop: addDays(start, 2),
        uploadBytes: share / 10n,
        downloadBytes: share - share / 10n,
      };
    }),
  );
}

/** Bills the previous cycle of the dunning demo subscriber, issued so it is due two days ago. */
async function invoiceOverdue(
  svc: ServiceContext,
  subscriberId: string,
  previous: ReturnType<typeof cycleContaining>,
  today: Date,
) {
  const sub = await svc.db.billingSubscription.findFirst({
    where: { subscriberId, paidThrough: { lt: previous.end } },
    select: { id: true },
  });
  if (!sub) return; // already invoiced
  const tenant = await loadBillingTenant(svc);
  await billCycleOf(svc, sub.id, previous, addDays(today, -(tenant.paymentTermsDays + 2)));
}
