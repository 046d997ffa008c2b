// Dunning: a per-tenant policy of steps by days overdue (e.g. day 3 email, day 7 SMS, day 14
// suspend, day 30 disconnect), applied once a day to every subscription with overdue
// invoices. Each step runs at most once per overdue episode (unique case/day/action row). A
// payment that clears the overdue balance resolves the case and, if dunning suspended the
// subscriber, restores the service. Suspension, restoration and disconnection go through the
// orchestration sagas (RADIUS group, live sessions disconnected, notification, each step
// visible on the job), started with an idempotency key per case so a re-run starts nothing twice.
import { z } from "zod";
import type { Prisma } from "@/server/db";
import { notFound } from "@/server/errors";
import { type ListInput, pageArgs } from "@/server/list";
import { recordAudit } from "@/server/modules/audit";
import {
  addDays,
  billingNotice,
  billingToday,
  daysBetween,
  isoDate,
  type OverdueSubscription,
  overdueSubscriptions,
} from "@/server/modules/billing";
import { customerIdsMatching, customerSummaries } from "@/server/modules/customers";
import { startSaga } from "@/server/modules/orchestration";
import { subscriberIdsMatching, subscriberSummaries } from "@/server/modules/subscribers";
import type { ServiceContext } from "@/server/service-context";
import {
  DEFAULT_DUNNING_STEPS,
  DUNNING_ACTIONS,
  type DunningActionKind,
  type DunningStep,
  dunningStep,
  dunningSteps,
} from "./schemas";

export { DEFAULT_DUNNING_STEPS, DUNNING_ACTIONS, type DunningActionKind, type DunningStep, dunningSteps };

export async function getDunningPolicy(svc: ServiceContext) {
  const p = await svc.db.dunningPolicy.findFirst({});
  // Read with the step shape only: a policy saved under older rules still runs.
  const steps = p ? z.array(dunningStep).parse(p.steps) : DEFAULT_DUNNING_STEPS;
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

async function executeStep(
  svc: ServiceContext,
  caseId: string,
  o: OverdueSubscription,
  step: DunningStep,
  daysOverdue: number,
  policy: DunningStep[],
): Promise<{ outcome: string; detail?: string }> {
  const to = { subscriberId: o.subscriberId, email: o.email, name: o.name, customerId: o.customerId };
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
      return { outcome: "sent" };
    }
    case "SUSPEND": {
      // Only an active service is suspended (and later restored) by dunning: one that staff
      // suspended for another reason, or that is not live, is left as it is.
      const [sub] = await subscriberSummaries(svc, [o.subscriberId]);
      if (sub?.status !== "ACTIVE")
        return { outcome: "skipped", detail: `subscriber is ${(sub?.status ?? "missing").toLowerCase()}` };
      const job = await startSaga(
        svc,
        "suspend-subscriber",
        { subscriberId: o.subscriberId, reason: "NON_PAYMENT", amountDueMinor: o.overdueMinor, currency: o.currency },
        `dunning-suspend:${caseId}`,
      );
      return { outcome: "suspended", detail: `job ${job.id}` };
    }
    case "DISCONNECT": {
      const [sub] = await subscriberSummaries(svc, [o.subscriberId]);
      if (sub?.status !== "ACTIVE" && sub?.status !== "SUSPENDED")
        return { outcome: "skipped", detail: `subscriber is ${(sub?.status ?? "missing").toLowerCase()}` };
      const job = await startSaga(
        svc,
        "deprovision-subscriber",
        { subscriberId: o.subscriberId, reason: `non-payment: ${daysOverdue} days overdue` },
        `dunning-disconnect:${caseId}`,
      );
      return { outcome: "disconnected", detail: `job ${job.id}` };
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
        const r = await executeStep(svc, c.id, o, step, daysOverdue, policy.steps);
        outcome = r.outcome;
        detail = r.detail ?? null;
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

/**
 * Closes a case; restores the subscriber if dunning suspended it, it is still suspended for
 * non-payment (staff may have suspended it for another reason since) and was not disconnected.
 */
async function resolveCase(svc: ServiceContext, caseId: string) {
  const c = await svc.db.dunningCase.findFirst({ where: { id: caseId } });
  if (!c || c.status !== "OPEN") return;
  let outcome: string | null = null;
  let detail: string | null = null;
  if (c.suspended && !c.disconnected) {
    const [sub] = await subscriberSummaries(svc, [c.subscriberId]);
    if (sub?.status === "SUSPENDED" && sub.suspendReason === "NON_PAYMENT") {
      try {
        const job = await startSaga(
          svc,
          "restore-subscriber",
          { subscriberId: c.subscriberId },
          `dunning-restore:${c.id}`,
        );
        outcome = "restored";
        detail = `job ${job.id}`;
      } catch (error) {
        outcome = "failed";
        detail = (error as Error).message;
      }
    } else {
      outcome = "skipped";
      detail = sub
        ? `subscriber is ${sub.status.toLowerCase()}${sub.suspendReason ? ` (${sub.suspendReason.toLowerCase()})` : ""}`
        : "subscriber missing";
    }
  }
  const failed = outcome === "failed";
  await svc.db.$transaction(async (tx) => {
    await tx.dunningCase.update({
      where: { id: c.id },
      data: { status: failed ? "OPEN" : "RESOLVED", resolvedAt: failed ? null : new Date() },
    });
    if (outcome)
      await tx.dunningAction.upsert({
        where: { caseId_day_action: { caseId: c.id, day: -1, action: "RESTORE" } },
        create: { tenantId: svc.tenantId, caseId: c.id, day: -1, action: "RESTORE", outcome, detail },
        update: { outcome, detail, executedAt: new Date() },
      });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "dunning.resolve",
      targetType: "DunningCase",
      targetId: c.id,
      after: { restore: outcome, detail },
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

const CASE_SORTS = ["overdueSince", "overdueMinor", "openedAt"] as const;

/** The queue: cases with their customer, subscriber, days overdue, stage and next step. */
export async function listDunningCases(svc: ServiceContext, input: ListInput) {
  const f = input.filters ?? {};
  const where: Prisma.DunningCaseWhereInput = {};
  if (f.status !== "ALL") where.status = f.status === "RESOLVED" ? "RESOLVED" : "OPEN";
  if (f.subscriberId) where.subscriberId = f.subscriberId;
  if (input.search) {
    const [subs, customers] = await Promise.all([
      subscriberIdsMatching(svc, input.search, { take: 1000 }),
      customerIdsMatching(svc, input.search),
    ]);
    where.OR = [{ subscriberId: { in: subs } }, { customerId: { in: customers } }];
  }
  const sort =
    input.sort && (CASE_SORTS as readonly string[]).includes(input.sort.id)
      ? { [input.sort.id]: input.sort.desc ? "desc" : "asc" }
      : { overdueSince: "asc" };
  const [rows, total, policy, today] = await Promise.all([
    svc.db.dunningCase.findMany({
      where,
      include: { actions: { orderBy: [{ executedAt: "asc" }, { day: "asc" }] } },
      orderBy: [sort as Prisma.DunningCaseOrderByWithRelationInput, { id: "asc" }],
      ...pageArgs(input),
    }),
    svc.db.dunningCase.count({ where }),
    getDunningPolicy(svc),
    billingToday(svc),
  ]);
  const [customers, subscribers] = await Promise.all([
    customerSummaries(
      svc,
      rows.map((r) => r.customerId),
    ),
    subscriberSummaries(
      svc,
      rows.map((r) => r.subscriberId),
    ),
  ]);
  const customerOf = new Map(customers.map((x) => [x.id, x]));
  const subscriberOf = new Map(subscribers.map((x) => [x.id, x]));
  return {
    rows: rows.map((r) => {
      const done = new Set(r.actions.filter((a) => a.outcome !== "failed").map((a) => `${a.day}:${a.action}`));
      const stage = [...r.actions]
        .filter((a) => a.day >= 0 && a.outcome !== "failed")
        .sort((a, b) => a.day - b.day)
        .at(-1);
      const next =
        r.status === "OPEN" && !r.disconnected && policy.enabled
          ? policy.steps.find((s) => !done.has(`${s.day}:${s.action}`))
          : undefined;
      return {
        ...r,
        customerName: customerOf.get(r.customerId)?.name ?? "",
        customerNumber: customerOf.get(r.customerId)?.number ?? "",
        username: subscriberOf.get(r.subscriberId)?.username ?? "",
        subscriberStatus: subscriberOf.get(r.subscriberId)?.status ?? null,
        daysOverdue: r.status === "OPEN" ? daysBetween(r.overdueSince, today) : null,
        stage: stage ? { day: stage.day, action: stage.action, outcome: stage.outcome } : null,
        nextStep: next ? { ...next, on: addDays(r.overdueSince, next.day) } : null,
      };
    }),
    total,
  };
}

/** Counts for the billing overview and the queue header. */
export async function dunningSummary(svc: ServiceContext) {
  const [open, suspended, disconnected] = await Promise.all([
    svc.db.dunningCase.aggregate({ where: { status: "OPEN" }, _count: { _all: true }, _sum: { overdueMinor: true } }),
    svc.db.dunningCase.count({ where: { status: "OPEN", suspended: true, disconnected: false } }),
    svc.db.dunningCase.count({ where: { status: "OPEN", disconnected: true } }),
  ]);
  return {
    openCases: open._count._all,
    overdueMinor: open._sum.overdueMinor ?? 0,
    suspended,
    disconnected,
  };
}

export async function getDunningCase(svc: ServiceContext, id: string) {
  const c = await svc.db.dunningCase.findFirst({ where: { id }, include: { actions: true } });
  if (!c) throw notFound("Dunning case");
  return c;
}
