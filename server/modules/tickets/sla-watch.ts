// The SLA watch (every minute, per tenant): warns the team once before a clock runs out
// (escalation level 1: the assignee, or everyone who answers tickets when nobody is assigned)
// and records a breach when it runs out (level 2: everyone who answers tickets). Each warning
// and breach is claimed with a conditional update, so a pass running twice, or two workers,
// send it once.
import { Prisma } from "@/server/db";
import { staffWithPermission } from "@/server/modules/identity";
import { notifyStaff } from "@/server/modules/notifications";
import type { ServiceContext } from "@/server/service-context";
import { tenantSql } from "@/server/sql";
import { recordTicketEvent, ticketNumber } from "./history";
import { getSlaPolicy } from "./sla";

type Candidate = { id: string; number: number; subject: string; assigneeId: string | null };
type Clock = "response" | "resolution";

const RUNNING = Prisma.sql`t."status"::text IN ('NEW', 'OPEN', 'PENDING_THIRD_PARTY') AND t."mergedIntoId" IS NULL`;

export async function runSlaWatch(svc: ServiceContext, opts: { now?: Date } = {}) {
  const now = opts.now ?? new Date();
  const policy = await getSlaPolicy(svc);
  const soon = new Date(now.getTime() + policy.warnBeforeMin * 60_000);
  const tenant = Prisma.sql`t."tenantId" = ${svc.tenantId}::uuid`;
  const find = (condition: Prisma.Sql) =>
    tenantSql(svc.db, svc.tenantId).query<Candidate[]>(Prisma.sql`
      SELECT t."id", t."number", t."subject", t."assigneeId" FROM "Ticket" t
       WHERE ${tenant} AND ${RUNNING} AND ${condition} ORDER BY t."number" LIMIT 500`);
  const warnResponse = await find(
    Prisma.sql`t."firstRespondedAt" IS NULL AND t."responseWarnedAt" IS NULL AND t."firstResponseDueAt" <= ${soon}`,
  );
  const warnResolution = await find(Prisma.sql`t."resolutionWarnedAt" IS NULL AND t."resolutionDueAt" <= ${soon}`);
  const breachResponse = await find(
    Prisma.sql`t."firstRespondedAt" IS NULL AND NOT t."responseBreached" AND t."firstResponseDueAt" < ${now}`,
  );
  const breachResolution = await find(Prisma.sql`NOT t."resolutionBreached" AND t."resolutionDueAt" < ${now}`);

  const agents = (await staffWithPermission(svc, "ticket.write")).map((u) => u.id);
  let warnings = 0;
  let breaches = 0;
  for (const [clock, list] of [
    ["response", warnResponse],
    ["resolution", warnResolution],
  ] as Array<[Clock, Candidate[]]>) {
    for (const t of list) if (await warn(svc, t, clock, now, agents)) warnings++;
  }
  for (const [clock, list] of [
    ["response", breachResponse],
    ["resolution", breachResolution],
  ] as Array<[Clock, Candidate[]]>) {
    for (const t of list) if (await breach(svc, t, clock, now, agents)) breaches++;
  }
  return { warnings, breaches };
}

const clockName = (c: Clock) => (c === "response" ? "first response" : "resolution");

async function warn(svc: ServiceContext, t: Candidate, clock: Clock, now: Date, agents: string[]) {
  const field = clock === "response" ? "responseWarnedAt" : "resolutionWarnedAt";
  const claimed = await svc.db.$transaction(async (tx) => {
    const { count } = await tx.ticket.updateMany({ where: { id: t.id, [field]: null }, data: { [field]: now } });
    if (count === 0) return false;
    await tx.ticket.updateMany({ where: { id: t.id, escalationLevel: { lt: 1 } }, data: { escalationLevel: 1 } });
    await recordTicketEvent(
      tx,
      svc,
      t.id,
      "sla_warning",
      `The ${clockName(clock)} target is close (escalation level 1)`,
      { at: now },
    );
    return true;
  });
  if (claimed)
    await notifyStaff(svc, {
      userIds: t.assigneeId ? [t.assigneeId] : agents,
      title: `${ticketNumber(t.number)}: ${clockName(clock)} due soon`,
      body: t.subject,
      url: `/support/tickets/${t.id}`,
      category: "SUPPORT",
    });
  return claimed;
}

async function breach(svc: ServiceContext, t: Candidate, clock: Clock, now: Date, agents: string[]) {
  const field = clock === "response" ? "responseBreached" : "resolutionBreached";
  const claimed = await svc.db.$transaction(async (tx) => {
    const { count } = await tx.ticket.updateMany({
      where: { id: t.id, [field]: false },
      data: { [field]: true, escalationLevel: 2 },
    });
    if (count === 0) return false;
    await recordTicketEvent(
      tx,
      svc,
      t.id,
      "sla_breach",
      `The ${clockName(clock)} target was missed (escalation level 2)`,
      { at: now },
    );
    return true;
  });
  if (claimed)
    await notifyStaff(svc, {
      userIds: [...new Set([...(t.assigneeId ? [t.assigneeId] : []), ...agents])],
      title: `${ticketNumber(t.number)}: ${clockName(clock)} target missed`,
      body: t.subject,
      url: `/support/tickets/${t.id}`,
      category: "SUPPORT",
    });
  return claimed;
}
