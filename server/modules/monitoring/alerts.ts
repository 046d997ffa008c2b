// Alerts as people see and handle them: the list, acknowledge (someone is on it) and resolve by
// hand (confirmed in the page). Both are audited; resolving tells the rule's channels.
import { conflict, notFound } from "@/server/errors";
import type { Prisma } from "@/server/generated/prisma/client";
import { type ListInput, orderBy, pageArgs } from "@/server/list";
import { recordAudit } from "@/server/modules/audit";
import type { ServiceContext } from "@/server/service-context";
import { conditionText, publishAlertEvent, tellPeople } from "./notify-alert";
import { ALERT_STATUSES } from "./schemas";

export async function listAlerts(svc: ServiceContext, input: ListInput) {
  const where: Prisma.AlertWhereInput = {};
  const status = input.filters?.status;
  if (status === "open") where.status = { in: ["PENDING", "FIRING", "ACKNOWLEDGED"] };
  else if ((ALERT_STATUSES as readonly string[]).includes(status ?? ""))
    where.status = status as (typeof ALERT_STATUSES)[number];
  if (input.search)
    where.OR = [
      { rule: { name: { contains: input.search, mode: "insensitive" } } },
      { rule: { metric: { contains: input.search, mode: "insensitive" } } },
      { seriesLabel: { contains: input.search, mode: "insensitive" } },
    ];
  const [rows, total] = await Promise.all([
    svc.db.alert.findMany({
      where,
      include: { rule: true },
      ...pageArgs(input),
      orderBy: orderBy(input, ["since", "firedAt", "status", "value"] as const, { since: "desc" }),
    }),
    svc.db.alert.count({ where }),
  ]);
  return {
    rows: rows.map(({ rule, ...a }) => ({
      ...a,
      ruleName: rule.name,
      metric: rule.metric,
      condition: conditionText(rule),
    })),
    total,
  };
}

async function openAlert(svc: ServiceContext, id: string) {
  const alert = await svc.db.alert.findFirst({ where: { id }, include: { rule: true } });
  if (!alert) throw notFound("Alert");
  return alert;
}

export async function acknowledgeAlert(svc: ServiceContext, id: string) {
  const { rule: _rule, ...alert } = await openAlert(svc, id);
  if (alert.status === "ACKNOWLEDGED") return alert;
  if (alert.status !== "FIRING")
    throw conflict(`Only a firing alert can be acknowledged; this one is ${alert.status.toLowerCase()}`);
  return svc.db.$transaction(async (tx) => {
    const updated = await tx.alert.update({
      where: { id },
      data: { status: "ACKNOWLEDGED", acknowledgedAt: new Date(), acknowledgedBy: svc.actor.label },
    });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "alert.acknowledged",
      targetType: "Alert",
      targetId: id,
      before: { status: alert.status },
      after: { status: updated.status },
    });
    return updated;
  });
}

/**
 * Resolves by hand. If the condition still holds, the next sample opens a new alert (after the
 * rule's duration), as the metric has not recovered.
 */
export async function resolveAlert(svc: ServiceContext, id: string) {
  const { rule, ...alert } = await openAlert(svc, id);
  if (alert.status === "RESOLVED") return alert;
  if (alert.status === "PENDING")
    throw conflict("A pending alert has not fired; it clears itself when the metric recovers");
  const now = new Date();
  const updated = await svc.db.$transaction(async (tx) => {
    const updated = await tx.alert.update({
      where: { id },
      data: { status: "RESOLVED", resolvedAt: now, resolvedBy: svc.actor.label },
    });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "alert.resolved",
      targetType: "Alert",
      targetId: id,
      before: { status: alert.status },
      after: { status: updated.status, by: svc.actor.label },
    });
    await publishAlertEvent(tx, updated, rule, "resolved", now);
    return updated;
  });
  await tellPeople(svc, updated, rule, "resolved", now);
  return updated;
}
