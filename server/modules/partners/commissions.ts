// Commission plans, the append-only ledger (recomputed from paid invoices), monthly statements
// and payouts.
import { conflict, invalid, notFound } from "@/server/errors";
import { recordAudit } from "@/server/modules/audit";
import { commissionableInvoices, loadBillingTenant } from "@/server/modules/billing";
import { customersOfPartners } from "@/server/modules/customers";
import type { ServiceContext } from "@/server/service-context";
import { type CommissionTerms, desiredCommissions, ledgerRevisions } from "./commission-arithmetic";
import { getPartner } from "./partners";
import { type CommissionPlanInput, commissionPlanInput } from "./schemas";

export const monthOf = (d: Date) => d.toISOString().slice(0, 7);

async function tenantCurrency(svc: ServiceContext) {
  return (await loadBillingTenant(svc)).currency;
}

export async function listCommissionPlans(svc: ServiceContext) {
  return svc.db.commissionPlan.findMany({
    orderBy: { name: "asc" },
    include: { _count: { select: { partners: true } } },
  });
}

export async function createCommissionPlan(svc: ServiceContext, raw: CommissionPlanInput) {
  const input = commissionPlanInput.parse(raw);
  const currency = await tenantCurrency(svc);
  try {
    return await svc.db.$transaction(async (tx) => {
      const plan = await tx.commissionPlan.create({ data: { ...input, tenantId: svc.tenantId, currency } });
      await recordAudit(tx, {
        tenantId: svc.tenantId,
        actor: svc.actor,
        action: "commission_plan.create",
        targetType: "CommissionPlan",
        targetId: plan.id,
        after: plan,
      });
      return plan;
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw conflict(`A plan named "${input.name}" exists already`);
    throw error;
  }
}

/** Changes a plan; the ledgers of the partners on it are recomputed at once. */
export async function updateCommissionPlan(svc: ServiceContext, id: string, raw: CommissionPlanInput) {
  const input = commissionPlanInput.parse(raw);
  const before = await svc.db.commissionPlan.findFirst({ where: { id } });
  if (!before) throw notFound("Commission plan");
  const plan = await svc.db.$transaction(async (tx) => {
    const after = await tx.commissionPlan.update({ where: { id }, data: input });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "commission_plan.update",
      targetType: "CommissionPlan",
      targetId: id,
      before,
      after,
    });
    return after;
  });
  const partners = await svc.db.partner.findMany({ where: { commissionPlanId: id }, select: { id: true } });
  for (const p of partners) await recomputeCommissions(svc, p.id);
  return plan;
}

/**
 * Brings a partner's ledger to what its plan pays on its direct customers' invoices today:
 * new revisions only (idempotent: running it twice adds nothing; two runs at once collide on
 * the revision's unique key and one of them is skipped).
 */
export async function recomputeCommissions(svc: ServiceContext, partnerId: string, now = new Date()) {
  const partner = await getPartner(svc, partnerId);
  const plan = partner.commissionPlan;
  if (!plan) return { added: 0 };
  const terms: CommissionTerms = {
    kind: plan.kind,
    basisPoints: plan.basisPoints,
    flatMinor: plan.flatMinor,
    tiers: Array.isArray(plan.tiers) ? (plan.tiers as CommissionTerms["tiers"]) : [],
    maxMonths: plan.maxMonths,
    clawbackDays: plan.clawbackDays,
    currency: plan.currency,
  };
  const customers = await customersOfPartners(svc, [partnerId]);
  const invoices = await commissionableInvoices(
    svc,
    customers.map((c) => c.id),
  );
  const recorded = await svc.db.commissionEntry.findMany({
    where: { partnerId },
    select: { source: true, sourceId: true, amountMinor: true, createdAt: true },
  });
  const revisions = ledgerRevisions(desiredCommissions(terms, invoices), recorded, plan.clawbackDays, now);
  if (revisions.length === 0) return { added: 0 };
  const month = monthOf(now);
  const { count } = await svc.db.commissionEntry.createMany({
    data: revisions.map((r) => ({
      tenantId: svc.tenantId,
      partnerId,
      customerId: r.customerId,
      subscriberId: r.subscriberId,
      source: r.source,
      sourceId: r.sourceId,
      revision: r.revision,
      amountMinor: r.amountMinor,
      currency: r.currency,
      description: r.description,
      month,
    })),
    skipDuplicates: true,
  });
  return { added: count };
}

/** Every partner of the tenant (the periodic job). */
export async function recomputeAllCommissions(svc: ServiceContext) {
  const partners = await svc.db.partner.findMany({
    where: { commissionPlanId: { not: null } },
    select: { id: true },
  });
  let added = 0;
  for (const p of partners) added += (await recomputeCommissions(svc, p.id)).added;
  return { partners: partners.length, added };
}

export async function commissionLedger(svc: ServiceContext, partnerId: string, month?: string) {
  await getPartner(svc, partnerId);
  return svc.db.commissionEntry.findMany({
    where: { partnerId, ...(month ? { month } : {}) },
    orderBy: [{ createdAt: "desc" }, { revision: "desc" }],
  });
}

/** The months a partner has entries in, with their totals and payouts, newest first. */
export async function commissionMonths(svc: ServiceContext, partnerId: string) {
  await getPartner(svc, partnerId);
  const [sums, payouts] = await Promise.all([
    svc.db.commissionEntry.groupBy({
      by: ["month", "currency"],
      where: { partnerId },
      _sum: { amountMinor: true },
      _count: true,
      orderBy: { month: "desc" },
    }),
    svc.db.commissionPayout.findMany({ where: { partnerId } }),
  ]);
  return sums.map((s) => ({
    month: s.month,
    currency: s.currency,
    totalMinor: s._sum.amountMinor ?? 0,
    entries: s._count,
    payout: payouts.find((p) => p.month === s.month) ?? null,
  }));
}

export async function commissionStatement(svc: ServiceContext, partnerId: string, month: string) {
  const partner = await getPartner(svc, partnerId);
  const [entries, payout] = await Promise.all([
    svc.db.commissionEntry.findMany({ where: { partnerId, month }, orderBy: [{ createdAt: "asc" }] }),
    svc.db.commissionPayout.findFirst({ where: { partnerId, month } }),
  ]);
  return {
    partner: { id: partner.id, name: partner.brandName || partner.name, plan: partner.commissionPlan?.name ?? null },
    month,
    currency: entries[0]?.currency ?? partner.commissionPlan?.currency ?? null,
    entries,
    totalMinor: entries.reduce((sum, e) => sum + e.amountMinor, 0),
    payout,
  };
}

/** Marks a finished month's statement paid (once; the amount is the statement's total). */
export async function markPayout(
  svc: ServiceContext,
  input: { partnerId: string; month: string; reference?: string | null },
  now = new Date(),
) {
  if (input.month >= monthOf(now)) throw invalid("Only a finished month can be paid out");
  const statement = await commissionStatement(svc, input.partnerId, input.month);
  if (statement.entries.length === 0) throw invalid("There is no commission in that month");
  if (statement.payout) return statement.payout;
  try {
    return await svc.db.$transaction(async (tx) => {
      const payout = await tx.commissionPayout.create({
        data: {
          tenantId: svc.tenantId,
          partnerId: input.partnerId,
          month: input.month,
          amountMinor: statement.totalMinor,
          currency: statement.currency ?? "",
          reference: input.reference ?? null,
          paidById: svc.actor.userId,
        },
      });
      await recordAudit(tx, {
        tenantId: svc.tenantId,
        actor: svc.actor,
        action: "commission.payout",
        targetType: "Partner",
        targetId: input.partnerId,
        after: payout,
      });
      return payout;
    });
  } catch (error) {
    // Marked paid by someone else at the same moment: that payout stands.
    if ((error as { code?: string }).code === "P2002")
      return svc.db.commissionPayout.findFirstOrThrow({ where: { partnerId: input.partnerId, month: input.month } });
    throw error;
  }
}
