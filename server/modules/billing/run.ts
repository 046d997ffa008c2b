// The billing run: for a cycle, one invoice per due subscription, in batches. A batch locks its
// subscriptions (FOR UPDATE SKIP LOCKED), composes, inserts and issues their invoices and moves
// each subscription's paidThrough to the cycle end — all in one transaction. So a crash loses
// at most the batch in flight (rolled back, numbers included), re-running resumes with what is
// still due, and the unique (subscription, periodStart) index makes a duplicate impossible.
import { type DbTx, Prisma } from "@/server/db";
import { conflict, notFound } from "@/server/errors";
import { recordAudit } from "@/server/modules/audit";
import type { ServiceContext } from "@/server/service-context";
import { tenantSql } from "@/server/sql";
import { billingToday } from "./clock";
import { type ComposeContext, composeInvoice, type PendingCharge, type SubscriptionState, sumLines } from "./compose";
import { type BillingTenant, loadBillingTenant, loadBillTo, loadPlans, loadTaxRates } from "./directory";
import { type DraftInvoice, insertDraftInvoices, issueDrafts } from "./invoicing";
import { type Cycle, cycleContaining, isoDate, parseDate } from "./money";
import { type UsageSource, usageSource } from "./usage";

type SubRow = SubscriptionState & { status: string };

export type BillOptions = {
  tenant: BillingTenant;
  cycle: Cycle | null;
  usageUntil: (sub: SubRow) => Date;
  billingRunId: string | null;
  kind: DraftInvoice["kind"];
  issueDate: Date;
  usage: UsageSource;
};

/** Bills the given (locked) subscriptions: one issued invoice each. Returns the issued invoices. */
export async function billSubscriptions(tx: DbTx, subs: SubRow[], opts: BillOptions) {
  const { tenant } = opts;
  if (subs.length === 0) return [];
  const tenantId = tenant.id;
  const [plans, taxRates, billTo] = await Promise.all([
    loadPlans(tx, tenantId),
    loadTaxRates(tx, tenantId),
    loadBillTo(tx, tenantId, [...new Set(subs.map((s) => s.customerId))]),
  ]);
  const ids = subs.map((s) => s.id);
  const chargeRows = await tenantSql(tx, tenantId).query<Array<PendingCharge & { subscriptionId: string }>>(Prisma.sql`
    SELECT "id", "subscriptionId", "kind"::text AS kind, "description", "quantity", "unitAmountMinor", "taxRateId",
           "periodStart", "periodEnd", "endedOn"
      FROM "BillingCharge"
     WHERE "tenantId" = ${tenantId}::uuid AND "subscriptionId" = ANY(${ids}::uuid[]) AND "invoiceId" IS NULL
     ORDER BY "createdAt", "id"`);
  const charges = new Map<string, PendingCharge[]>();
  for (const c of chargeRows) {
    const list = charges.get(c.subscriptionId) ?? [];
    list.push(c);
    charges.set(c.subscriptionId, list);
  }

  // Usage totals, one query per distinct window (usually one for the whole batch).
  const windows = new Map<string, SubRow[]>();
  for (const s of subs) {
    const until = opts.usageUntil(s);
    if (until <= s.usageRatedThrough) continue;
    const key = `${isoDate(s.usageRatedThrough)}/${isoDate(until)}`;
    windows.set(key, [...(windows.get(key) ?? []), s]);
  }
  const usage = new Map<string, bigint>();
  for (const [key, group] of windows) {
    const [from, to] = key.split("/").map(parseDate);
    const totals = await opts.usage.totals(
      tx,
      tenantId,
      group.map((s) => s.subscriberId),
      { from, to },
    );
    for (const s of group) usage.set(s.id, totals.get(s.subscriberId) ?? 0n);
  }

  const ctx: ComposeContext = {
    currency: tenant.currency,
    locale: tenant.locale,
    pricesIncludeTax: tenant.pricesIncludeTax,
    plans,
    taxRates,
  };
  const drafts: DraftInvoice[] = [];
  const updates: Array<{ id: string; planId: string; usageUntil: Date; clearPending: boolean }> = [];
  const billedCharges: Array<{ chargeId: string; index: number }> = [];
  subs.forEach((s) => {
    const usageUntil = opts.usageUntil(s) > s.usageRatedThrough ? opts.usageUntil(s) : s.usageRatedThrough;
    const composed = composeInvoice(ctx, {
      sub: s,
      cycle: opts.cycle,
      usageUntil,
      usageBytes: usage.get(s.id) ?? 0n,
      charges: charges.get(s.id) ?? [],
    });
    const index = drafts.length;
    drafts.push({
      customerId: s.customerId,
      subscriberId: s.subscriberId,
      subscriptionId: s.id,
      billingRunId: opts.billingRunId,
      periodStart: opts.cycle?.start ?? null,
      periodEnd: opts.cycle?.end ?? null,
      kind: opts.kind,
      currency: tenant.currency,
      pricesIncludeTax: tenant.pricesIncludeTax,
      billTo: billTo.get(s.customerId) ?? {},
      lines: composed.lines,
    });
    for (const chargeId of composed.billedChargeIds) billedCharges.push({ chargeId, index });
    updates.push({ id: s.id, planId: composed.planId, usageUntil, clearPending: composed.planId !== s.planId });
  });

  const invoiceIds = await insertDraftInvoices(tx, tenantId, drafts);
  if (billedCharges.length) {
    await tenantSql(tx, tenantId).execute(Prisma.sql`
      UPDATE "BillingCharge" c SET "invoiceId" = u.inv
        FROM unnest(${billedCharges.map((b) => b.chargeId)}::uuid[], ${billedCharges.map((b) => invoiceIds[b.index])}::uuid[])
          AS u(id, inv)
       WHERE c."tenantId" = ${tenantId}::uuid AND c."id" = u.id`);
  }
  const paidThrough = opts.cycle ? isoDate(opts.cycle.end) : null;
  await tenantSql(tx, tenantId).execute(Prisma.sql`
    UPDATE "BillingSubscription" s SET
      "paidThrough" = CASE WHEN ${paidThrough}::date IS NULL THEN s."paidThrough" ELSE GREATEST(s."paidThrough", ${paidThrough}::date) END,
      "usageRatedThrough" = u.usage_until, "planId" = u.plan,
      "pendingPlanId" = CASE WHEN u.clear THEN NULL ELSE s."pendingPlanId" END,
      "pendingPlanFrom" = CASE WHEN u.clear THEN NULL ELSE s."pendingPlanFrom" END,
      "updatedAt" = now()
    FROM unnest(${updates.map((u) => u.id)}::uuid[], ${updates.map((u) => u.planId)}::uuid[],
      ${updates.map((u) => isoDate(u.usageUntil))}::date[], ${updates.map((u) => u.clearPending)}::boolean[])
      AS u(id, plan, usage_until, clear)
    WHERE s."tenantId" = ${tenantId}::uuid AND s."id" = u.id`);
  const issued = await issueDrafts(tx, tenantId, invoiceIds, {
    prefix: tenant.invoicePrefix,
    issueDate: opts.issueDate,
    paymentTermsDays: tenant.paymentTermsDays,
  });
  const totals = drafts.map((d) => sumLines(d.lines));
  return issued.map((inv, i) => ({ ...inv, ...totals[i] }));
}

const SUB_COLUMNS = Prisma.sql`"id", "subscriberId", "customerId", "planId", "paidThrough", "usageRatedThrough",
  "pendingPlanId", "pendingPlanFrom", "status"::text AS status`;

/** The cycle a run bills: the one containing `date` (default: today on the billing clock). */
export async function cycleFor(svc: ServiceContext, date?: Date) {
  const tenant = await loadBillingTenant(svc);
  return { tenant, cycle: cycleContaining(date ?? (await billingToday(svc)), tenant.billingDay) };
}

/** Creates (or returns the existing) run for the cycle containing `date`. */
export async function startBillingRun(svc: ServiceContext, input: { date?: Date } = {}) {
  const { cycle } = await cycleFor(svc, input.date);
  const existing = await svc.db.billingRun.findFirst({ where: { periodStart: cycle.start } });
  if (existing) return existing;
  const due = await countDue(svc, cycle);
  try {
    return await svc.db.$transaction(async (tx) => {
      const run = await tx.billingRun.create({
        data: {
          tenantId: svc.tenantId,
          periodStart: cycle.start,
          periodEnd: cycle.end,
          dueSubscriptions: due,
          startedById: svc.actor.userId,
        },
      });
      await recordAudit(tx, {
        tenantId: svc.tenantId,
        actor: svc.actor,
        action: "billing.run.start",
        targetType: "BillingRun",
        targetId: run.id,
        after: { periodStart: isoDate(cycle.start), periodEnd: isoDate(cycle.end), due },
      });
      return run;
    });
  } catch (error) {
    const again = await svc.db.billingRun.findFirst({ where: { periodStart: cycle.start } });
    if (again) return again;
    throw error;
  }
}

async function countDue(svc: ServiceContext, cycle: Cycle) {
  const [row] = await tenantSql(svc.db, svc.tenantId).query<Array<{ n: bigint }>>(Prisma.sql`
    SELECT count(*)::bigint AS n FROM "BillingSubscription"
     WHERE "tenantId" = ${svc.tenantId}::uuid AND "status" = 'ACTIVE'
       AND "paidThrough" < ${isoDate(cycle.end)}::date AND "startedOn" < ${isoDate(cycle.end)}::date`);
  return Number(row.n);
}

/**
 * One batch of a run: bills up to `batchSize` subscriptions still due for the run's cycle.
 * Returns how many it billed (0 = the run is complete).
 */
export async function runBillingBatch(svc: ServiceContext, runId: string, opts: { batchSize?: number } = {}) {
  const run = await svc.db.billingRun.findFirst({ where: { id: runId } });
  if (!run) throw notFound("Billing run");
  if (run.status === "COMPLETED") return { billed: 0, done: true };
  const tenant = await loadBillingTenant(svc);
  const cycle: Cycle = cycleContaining(run.periodStart, tenant.billingDay);
  if (isoDate(cycle.start) !== isoDate(run.periodStart))
    throw conflict("The tenant's billing day changed after this run started; start a new run");
  const issueDate = await billingToday(svc);
  const batchSize = opts.batchSize ?? 1000;
  const billed = await svc.db.$transaction(
    async (tx) => {
      const subs = await tenantSql(tx, svc.tenantId).query<SubRow[]>(Prisma.sql`
        SELECT ${SUB_COLUMNS} FROM "BillingSubscription"
         WHERE "tenantId" = ${svc.tenantId}::uuid AND "status" = 'ACTIVE'
           AND "paidThrough" < ${isoDate(cycle.end)}::date AND "startedOn" < ${isoDate(cycle.end)}::date
         ORDER BY "id" LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`);
      const issued = await billSubscriptions(tx as unknown as DbTx, subs, {
        tenant,
        cycle,
        usageUntil: () => cycle.start,
        billingRunId: run.id,
        kind: "cycle",
        issueDate,
        usage: usageSource,
      });
      const sum = (k: "subtotalMinor" | "taxMinor" | "totalMinor") => issued.reduce((s, x) => s + x[k], 0);
      await tenantSql(tx, svc.tenantId).execute(Prisma.sql`
        UPDATE "BillingRun" SET "processed" = "processed" + ${subs.length}, "invoicesCreated" = "invoicesCreated" + ${issued.length},
          "subtotalMinor" = "subtotalMinor" + ${sum("subtotalMinor")}, "taxMinor" = "taxMinor" + ${sum("taxMinor")},
          "totalMinor" = "totalMinor" + ${sum("totalMinor")}
        WHERE "tenantId" = ${svc.tenantId}::uuid AND "id" = ${run.id}::uuid`);
      return issued.length;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  return { billed, done: billed < batchSize };
}

/** Marks the run complete (or failed) once no batch has anything left. */
export async function finishBillingRun(svc: ServiceContext, runId: string, error?: string) {
  const run = await svc.db.billingRun.findFirst({ where: { id: runId } });
  if (!run) throw notFound("Billing run");
  if (run.status === "COMPLETED") return run;
  return svc.db.$transaction(async (tx) => {
    const updated = await tx.billingRun.update({
      where: { id: runId },
      data: { status: error ? "FAILED" : "COMPLETED", finishedAt: new Date(), error: error ?? null },
    });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: error ? "billing.run.fail" : "billing.run.complete",
      targetType: "BillingRun",
      targetId: runId,
      after: { invoicesCreated: updated.invoicesCreated, totalMinor: updated.totalMinor, error },
    });
    return updated;
  });
}

/**
 * The whole run in-process: start (or resume) and loop over batches until nothing is due.
 * The Inngest function does the same with one step per batch.
 */
export async function runBillingCycle(svc: ServiceContext, input: { date?: Date; batchSize?: number } = {}) {
  const run = await startBillingRun(svc, { date: input.date });
  if (run.status === "FAILED")
    await svc.db.billingRun.update({ where: { id: run.id }, data: { status: "RUNNING", error: null } });
  for (;;) {
    const { done } = await runBillingBatch(svc, run.id, input);
    if (done) break;
  }
  return finishBillingRun(svc, run.id);
}

/**
 * Bills one subscription's cycle outside any run, issued on `issueDate` (the demo seeds use it
 * for invoices that must already exist: last month's, one already overdue).
 */
export async function billCycleOf(svc: ServiceContext, subscriptionId: string, cycle: Cycle, issueDate: Date) {
  const tenant = await loadBillingTenant(svc);
  return svc.db.$transaction(async (tx) => {
    const subs = await tenantSql(tx, svc.tenantId).query<SubRow[]>(
      Prisma.sql`SELECT ${SUB_COLUMNS} FROM "BillingSubscription"
                 WHERE "tenantId" = ${svc.tenantId}::uuid AND "id" = ${subscriptionId}::uuid FOR UPDATE`,
    );
    return billSubscriptions(tx as unknown as DbTx, subs, {
      tenant,
      cycle,
      usageUntil: () => cycle.start,
      billingRunId: null,
      kind: "cycle",
      issueDate,
      usage: usageSource,
    });
  });
}

export { SUB_COLUMNS, type SubRow };
