// Dunning: a per-tenant policy of steps by days overdue (e.g. day 3 email, day 7 SMS, day 14
// suspend, day 30 disconnect), applied once a day to every subscription with overdue
// invoices. Each step runs at most once per overdue episode (unique case/day/action row). A
// payment that clears the overdue balance resolves the case and, if dunning suspended the
// subscriber, restores the service.
import { z } from "zod";
import { Prisma } from "@/server/db";
import { notFound } from "@/server/errors";
import { type ListInput, pageArgs } from "@/server/list";
import { recordAudit } from "@/server/modules/audit/service";
import { billingToday } from "@/server/modules/billing/clock";
import { addDays, daysBetween, isoDate } from "@/server/modules/billing/money";
import { billingNotice } from "@/server/modules/billing/notices";
import { restoreSubscriber, suspendSubscriber, terminateSubscriber } from "@/server/modules/subscribers/actions";
import type { ServiceContext } from "@/server/service-context";

export const DUNNING_ACTIONS = ["EMAIL", "SMS", "SUSPEND", "DISCONNECT"] as const;
export type DunningActionKind = (typeof DUNNING_ACTIONS)[number];

export const dunningStep = z.object({ day: z.number().int().min(0).max(365), action: z.enum(DUNNING_ACTIONS) });
export const dunningSteps = z
  .array(dunningStep)
  .max(20)
  .refine((steps) => new Set(steps.map((s) => `${s.day}:${s.action}`)).size === steps.length, {
    message: "The same action cannot be on the same day twice",
  });
export type DunningStep = z.infer<typeof dunningStep>;

export const DEFAULT_DUNNING_STEPS: DunningStep[] = [
  { day: 3, action: "EMAIL" },
  { day: 7, action: "SMS" },
  { day: 14, action: "SUSPEND" },
  { day: 30, action: "DISCONNECT" },
];

export async function getDunningPolicy(svc: ServiceContext) {
  const p = await svc.db.dunningPolicy.findFirst({});
  const steps = p ? dunningSteps.parse(p.steps) : DEFAULT_DUNNING_STEPS;
  return { enabled: p?.enabled ?? true, steps: [...steps].sort((a, b) => a.day - b.day), isDefault: !p };
}

export async function updateDunningPolicy(svc: ServiceContext, input: { enabled: boolean; steps: DunningStep[] }) {
  const steps = dunningSteps.parse(input.steps).sort((a, b) => a.day - b.day);
  const before = await getDunningPolicy(svc);
  return svc.db.$transaction(async (tx) => {
    const saved = await tx.dunningPolicy.upsert({
      where: { tenantId: svc.tenantId },
      create: { tenantId: svc.tenantId, steps, enabled: input.enabled },
      update: { steps, enabled: input.enabled },
    });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "dunning.policy.update",
      targetType: "DunningPolicy",
      targetId: saved.id,
      before,
      after: { enabled: input.enabled, steps },
    });
    return { enabled: saved.enabled, steps, isDefault: false };
  });
}

type Overdue = {
  subscriptionId: string;
  subscriberId: string;
  customerId: string;
  oldestDue: Date;
  overdueMinor: number;
  invoiceId: string;
  invoiceNumber: string;
  currency: string;
  email: string | null;
  name: string;
};

/** Subscriptions with open invoices past due on `today`, with their oldest one. */
async function overdueSubscriptions(svc: ServiceContext, today: Date, subscriptionIds?: string[]) {
  return svc.db.$queryRaw<Overdue[]>(Prisma.sql`
    SELECT DISTINCT ON (i."subscriptionId") i."subscriptionId", i."subscriberId", i."customerId",
           i."dueDate" AS "oldestDue", i."id" AS "invoiceId", i."number" AS "invoiceNumber", i."currency",
           i."billTo"->>'email' AS email, COALESCE(i."billTo"->>'name', '') AS name,
           (SUM(i."totalMinor" - i."paidMinor" - i."creditedMinor") OVER (PARTITION BY i."subscriptionId"))::int AS "overdueMinor"
      FROM "Invoice" i
     WHERE i."tenantId" = ${svc.tenantId}::uuid AND i."status" IN ('ISSUED', 'PARTIALLY_PAID')
       AND i."subscriptionId" IS NOT NULL AND i."subscriberId" IS NOT NULL
       AND i."dueDate" < ${isoDate(today)}::date AND (i."totalMinor" - i."paidMinor" - i."creditedMinor") > 0
       ${subscriptionIds ? Prisma.sql`AND i."subscriptionId" = ANY(${subscriptionIds}::uuid[])` : Prisma.empty}
     ORDER BY i."subscriptionId", i."dueDate", i."sequence"`);
}

async function executeStep(
  svc: ServiceContext,
  o: Overdue,
  step: DunningStep,
  daysOverdue: number,
  policy: DunningStep[],
) {
  const to = { subscriberId: o.subscriberId, email: o.email, name: o.name };
  const suspendStep = policy.find((s) => s.action === "SUSPEND" && s.day > daysOverdue);
  const reminder = {
    invoiceId: o.invoiceId,
    invoiceNumber: o.invoiceNumber,
    amountDueMinor: o.overdueMinor,
    currency: o.currency,
    dueDate: o.oldestDue.toISOString(),
    daysOverdue,
    suspendOn: suspendStep ? addDays(o.oldestDue, suspendStep.day).toISOString() : undefined,
  };
  switch (step.action) {
    case "EMAIL":
    case "SMS": {
      const r = await billingNotice(svc, to, "dunning_reminder", reminder, {
        channels: step.action === "EMAIL" ? ["EMAIL", "INBOX"] : ["SMS"],
        dedupeKey: `dunning:${o.subscriptionId}:${isoDate(o.oldestDue)}:${step.day}:${step.action}`,
      });
      if (!r.ok) throw new Error(r.error ?? "notification failed");
      return "sent";
    }
    case "SUSPEND": {
      await suspendSubscriber(svc, o.subscriberId, "NON_PAYMENT");
      await billingNotice(
        svc,
        to,
        "suspended",
        { reason: "NON_PAYMENT", amountDueMinor: o.overdueMinor, currency: o.currency },
        { dedupeKey: `dunning-suspended:${o.subscriptionId}:${isoDate(o.oldestDue)}` },
      );
      return "suspended";
    }
    case "DISCONNECT": {
      await terminateSubscriber(svc, o.subscriberId, "non-payment");
      return "disconnected";
    }
  }
}

/**
 * The daily dunning pass (Inngest runs it every day; tests call it after advancing the test
 * clock). Opens cases for newly overdue subscriptions, runs every step whose day has come and
 * that has not run for this episode, and resolves cases that are no longer overdue.
 */
export async function runDunning(svc: ServiceContext, opts: { today?: Date } = {}) {
  const today = opts.today ?? (await billingToday(svc));
  const policy = await getDunningPolicy(svc);
  const summary = { today: isoDate(today), overdue: 0, opened: 0, actions: 0, failed: 0, resolved: 0 };
  const overdue = policy.enabled ? await overdueSubscriptions(svc, today) : [];
  summary.overdue = overdue.length;
  const stillOverdue = new Set(overdue.map((o) => o.subscriptionId));

  // Cases that are no longer overdue (paid, credited, voided).
  const open = await svc.db.dunningCase.findMany({ where: { status: "OPEN" } });
  for (const c of open) {
    if (!stillOverdue.has(c.subscriptionId) || !policy.enabled) {
      await resolveCase(svc, c.id);
      summary.resolved++;
    }
  }

  for (const o of overdue) {
    let c = await svc.db.dunningCase.findFirst({ where: { subscriptionId: o.subscriptionId, status: "OPEN" } });
    if (!c) {
      c = await svc.db.dunningCase.create({
        data: {
          tenantId: svc.tenantId,
          subscriptionId: o.subscriptionId,
          subscriberId: o.subscriberId,
          customerId: o.customerId,
          overdueSince: o.oldestDue,
          overdueMinor: o.overdueMinor,
        },
      });
      summary.opened++;
    } else if (c.overdueMinor !== o.overdueMinor) {
      await svc.db.dunningCase.update({ where: { id: c.id }, data: { overdueMinor: o.overdueMinor } });
    }
    const daysOverdue = daysBetween(c.overdueSince, today);
    const done = await svc.db.dunningAction.findMany({ where: { caseId: c.id } });
    const doneKeys = new Set(done.filter((a) => a.outcome !== "failed").map((a) => `${a.day}:${a.action}`));
    for (const step of policy.steps) {
      if (step.day > daysOverdue || doneKeys.has(`${step.day}:${step.action}`)) continue;
      if (c.disconnected) break;
      let outcome = "failed";
      let detail: string | null = null;
      try {
        outcome = await executeStep(svc, o, step, daysOverdue, policy.steps);
        summary.actions++;
      } catch (error) {
        detail = (error as Error).message;
        summary.failed++;
      }
      await svc.db.$transaction(async (tx) => {
        await tx.dunningAction.upsert({
          where: { caseId_day_action: { caseId: c.id, day: step.day, action: step.action } },
          create: { tenantId: svc.tenantId, caseId: c.id, day: step.day, action: step.action, outcome, detail },
          update: { outcome, detail, executedAt: new Date() },
        });
        const flags =
          outcome === "suspended" ? { suspended: true } : outcome === "disconnected" ? { disconnected: true } : {};
        await tx.dunningCase.update({ where: { id: c.id }, data: { lastStepDay: step.day, ...flags } });
        await recordAudit(tx, {
          tenantId: svc.tenantId,
          actor: svc.actor,
          action: `dunning.${step.action.toLowerCase()}`,
          targetType: "DunningCase",
          targetId: c.id,
          after: { subscriberId: o.subscriberId, day: step.day, daysOverdue, outcome, detail },
        });
      });
      if (outcome === "disconnected") c.disconnected = true;
    }
  }
  return summary;
}

/** Closes a case; restores the subscriber if dunning suspended it (and did not disconnect it). */
async function resolveCase(svc: ServiceContext, caseId: string) {
  const c = await svc.db.dunningCase.findFirst({ where: { id: caseId } });
  if (!c || c.status !== "OPEN") return;
  let restored = false;
  let detail: string | null = null;
  if (c.suspended && !c.disconnected) {
    try {
      await restoreSubscriber(svc, c.subscriberId);
      restored = true;
      const now = new Date();
      await billingNotice(
        svc,
        { subscriberId: c.subscriberId, email: null, name: "" },
        "restored",
        { restoredAt: now.toISOString() },
        { dedupeKey: `dunning-restored:${c.id}` },
      );
    } catch (error) {
      detail = (error as Error).message;
    }
  }
  await svc.db.$transaction(async (tx) => {
    await tx.dunningCase.update({
      where: { id: c.id },
      data: { status: detail ? "OPEN" : "RESOLVED", resolvedAt: detail ? null : new Date() },
    });
    if (c.suspended && !c.disconnected)
      await tx.dunningAction.upsert({
        where: { caseId_day_action: { caseId: c.id, day: -1, action: "RESTORE" } },
        create: {
          tenantId: svc.tenantId,
          caseId: c.id,
          day: -1,
          action: "RESTORE",
          outcome: restored ? "restored" : "failed",
          detail,
        },
        update: { outcome: restored ? "restored" : "failed", detail, executedAt: new Date() },
      });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "dunning.resolve",
      targetType: "DunningCase",
      targetId: c.id,
      after: { restored, detail },
    });
  });
}

/** Called after money arrives for a customer: resolve the cases that are no longer overdue. */
export async function onPaymentReceived(svc: ServiceContext, customerId: string) {
  const cases = await svc.db.dunningCase.findMany({ where: { customerId, status: "OPEN" } });
  if (cases.length === 0) return { resolved: 0 };
  const today = await billingToday(svc);
  const still = new Set(
    (
      await overdueSubscriptions(
        svc,
        today,
        cases.map((c) => c.subscriptionId),
      )
    ).map((o) => o.subscriptionId),
  );
  let resolved = 0;
  for (const c of cases)
    if (!still.has(c.subscriptionId)) {
      await resolveCase(svc, c.id);
      resolved++;
    }
  return { resolved };
}

export async function listDunningCases(svc: ServiceContext, input: ListInput) {
  const status =
    input.filters?.status === "RESOLVED" ? "RESOLVED" : input.filters?.status === "ALL" ? undefined : "OPEN";
  const where: Prisma.DunningCaseWhereInput = status ? { status } : {};
  if (input.filters?.subscriberId) where.subscriberId = input.filters.subscriberId;
  const [rows, total] = await Promise.all([
    svc.db.dunningCase.findMany({
      where,
      include: { actions: { orderBy: { executedAt: "asc" } } },
      orderBy: [{ overdueSince: "asc" }, { id: "asc" }],
      ...pageArgs(input),
    }),
    svc.db.dunningCase.count({ where }),
  ]);
  const today = await billingToday(svc);
  // Names come from the invoices (frozen bill-to), one query for the page.
  const names = await svc.db.invoice.findMany({
    where: { subscriptionId: { in: rows.map((r) => r.subscriptionId) } },
    distinct: ["subscriptionId"],
    select: { subscriptionId: true, billTo: true },
  });
  const nameOf = new Map(names.map((n) => [n.subscriptionId, (n.billTo as { name?: string }).name ?? ""]));
  const filtered = input.search
    ? rows.filter((r) =>
        (nameOf.get(r.subscriptionId) ?? "").toLowerCase().includes((input.search ?? "").toLowerCase()),
      )
    : rows;
  return {
    rows: filtered.map((r) => ({
      ...r,
      customerName: nameOf.get(r.subscriptionId) ?? "",
      daysOverdue: r.status === "OPEN" ? daysBetween(r.overdueSince, today) : null,
    })),
    total: input.search ? filtered.length : total,
  };
}

export async function getDunningCase(svc: ServiceContext, id: string) {
  const c = await svc.db.dunningCase.findFirst({ where: { id }, include: { actions: true } });
  if (!c) throw notFound("Dunning case");
  return c;
}
