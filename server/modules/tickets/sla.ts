// The tenant's SLA policy and how it drives a ticket's clocks.
//
// A ticket's clocks run while it is NEW, OPEN or PENDING_THIRD_PARTY and stop while it waits
// on the customer, is resolved or closed. Running: the due instants are set. Stopped: they are
// cleared and the business minutes left are kept; restarting sets due = now + minutes left,
// so time spent waiting on the customer never counts. Breaches are recorded when seen (at a
// stop, at the first response, or by the watch pass).
import { recordAudit } from "@/server/modules/audit";
import { getTenantProfile } from "@/server/modules/tenancy";
import type { ServiceContext } from "@/server/service-context";
import { type SlaPolicyInput, slaPolicyInput, type TicketPriorityKey, type TicketStatusKey } from "./schemas";
import { addBusinessMinutes, type BusinessCalendar, businessMinutesBetween } from "./sla-clock";

export type SlaPolicy = {
  targets: Record<TicketPriorityKey, { firstResponseMin: number; resolutionMin: number }>;
  timeZone: string;
  businessHours: Array<{ day: number; start: string; end: string }>;
  holidays: string[];
  warnBeforeMin: number;
  reopenDays: number;
  isDefault: boolean;
};

export const DEFAULT_WARN_BEFORE_MIN = 60;

const WEEKDAYS_8_TO_18 = [1, 2, 3, 4, 5].map((day) => ({ day, start: "08:00", end: "18:00" }));

export function defaultSlaPolicy(timeZone: string): SlaPolicy {
  return {
    targets: {
      URGENT: { firstResponseMin: 30, resolutionMin: 4 * 60 },
      HIGH: { firstResponseMin: 60, resolutionMin: 8 * 60 },
      NORMAL: { firstResponseMin: 4 * 60, resolutionMin: 3 * 10 * 60 },
      LOW: { firstResponseMin: 8 * 60, resolutionMin: 5 * 10 * 60 },
    },
    timeZone,
    businessHours: WEEKDAYS_8_TO_18,
    holidays: [],
    warnBeforeMin: DEFAULT_WARN_BEFORE_MIN,
    reopenDays: 7,
    isDefault: true,
  };
}

export async function getSlaPolicy(svc: ServiceContext): Promise<SlaPolicy> {
  const row = await svc.db.ticketSlaPolicy.findFirst({});
  if (!row) {
    const tenant = await getTenantProfile(svc.tenantId);
    return defaultSlaPolicy(tenant?.timezone ?? "UTC");
  }
  const parsed = slaPolicyInput.parse({
    targets: row.targets,
    timeZone: row.timeZone,
    businessHours: row.businessHours,
    holidays: row.holidays,
    warnBeforeMin: row.warnBeforeMin,
    reopenDays: row.reopenDays,
  });
  return { ...parsed, isDefault: false };
}

export async function updateSlaPolicy(svc: ServiceContext, input: SlaPolicyInput): Promise<SlaPolicy> {
  const p = slaPolicyInput.parse(input);
  const before = await getSlaPolicy(svc);
  const data = {
    targets: p.targets,
    timeZone: p.timeZone,
    businessHours: p.businessHours,
    holidays: [...new Set(p.holidays)].sort(),
    warnBeforeMin: p.warnBeforeMin,
    reopenDays: p.reopenDays,
  };
  await svc.db.$transaction(async (tx) => {
    const saved = await tx.ticketSlaPolicy.upsert({
      where: { tenantId: svc.tenantId },
      create: { tenantId: svc.tenantId, ...data },
      update: data,
    });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "ticket.sla_policy.update",
      targetType: "TicketSlaPolicy",
      targetId: saved.id,
      before,
      after: data,
    });
  });
  return { ...data, isDefault: false };
}

export function calendarOf(policy: SlaPolicy): BusinessCalendar {
  return { timeZone: policy.timeZone, hours: policy.businessHours, holidays: policy.holidays };
}

const RUNNING: TicketStatusKey[] = ["NEW", "OPEN", "PENDING_THIRD_PARTY"];
export const clockRuns = (status: TicketStatusKey) => RUNNING.includes(status);

export type SlaState = {
  status: TicketStatusKey;
  priority: TicketPriorityKey;
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  slaPausedAt: Date | null;
  responseLeftMin: number | null;
  resolutionLeftMin: number | null;
  firstRespondedAt: Date | null;
  responseBreached: boolean;
  resolutionBreached: boolean;
};

/** The clocks of a ticket opened at `now`. */
export function initialClocks(policy: SlaPolicy, priority: TicketPriorityKey, now: Date) {
  const cal = calendarOf(policy);
  const target = policy.targets[priority];
  return {
    firstResponseDueAt: addBusinessMinutes(now, target.firstResponseMin, cal),
    resolutionDueAt: addBusinessMinutes(now, target.resolutionMin, cal),
  };
}

/** The clock fields that change when a ticket moves from `t.status` to `to` at `now`. */
export function clocksForStatus(policy: SlaPolicy, t: SlaState, to: TicketStatusKey, now: Date): Partial<SlaState> {
  const cal = calendarOf(policy);
  const wasRunning = clockRuns(t.status);
  const willRun = clockRuns(to);
  if (wasRunning && !willRun) {
    const responsePending = !t.firstRespondedAt && t.firstResponseDueAt;
    return {
      slaPausedAt: now,
      responseLeftMin: responsePending ? businessMinutesBetween(now, t.firstResponseDueAt as Date, cal) : null,
      resolutionLeftMin: t.resolutionDueAt ? businessMinutesBetween(now, t.resolutionDueAt, cal) : null,
      firstResponseDueAt: null,
      resolutionDueAt: null,
      responseBreached: t.responseBreached || Boolean(responsePending && now > (t.firstResponseDueAt as Date)),
      resolutionBreached: t.resolutionBreached || Boolean(t.resolutionDueAt && now > t.resolutionDueAt),
    };
  }
  if (!wasRunning && willRun) {
    return {
      slaPausedAt: null,
      firstResponseDueAt:
        !t.firstRespondedAt && t.responseLeftMin !== null ? addBusinessMinutes(now, t.responseLeftMin, cal) : null,
      resolutionDueAt: t.resolutionLeftMin !== null ? addBusinessMinutes(now, t.resolutionLeftMin, cal) : null,
      responseLeftMin: null,
      resolutionLeftMin: null,
    };
  }
  return {};
}

/** The clock fields after the team's first public reply at `now`. */
export function clocksForFirstResponse(t: SlaState, now: Date): Partial<SlaState> {
  if (t.firstRespondedAt) return {};
  const late = t.firstResponseDueAt ? now > t.firstResponseDueAt : false;
  return { firstRespondedAt: now, responseBreached: t.responseBreached || late, responseLeftMin: null };
}

/** The clock fields after the priority changes: targets are re-applied from the opening time. */
export function clocksForPriority(
  policy: SlaPolicy,
  t: SlaState & { createdAt: Date },
  priority: TicketPriorityKey,
  now: Date,
): Partial<SlaState> {
  const cal = calendarOf(policy);
  const target = policy.targets[priority];
  // Business minutes already used: since opening, minus what a stopped clock has not used.
  const used = businessMinutesBetween(t.createdAt, now, cal);
  const responseLeft = Math.max(0, target.firstResponseMin - used);
  const resolutionLeft = Math.max(0, target.resolutionMin - used);
  if (clockRuns(t.status)) {
    return {
      firstResponseDueAt: t.firstRespondedAt ? t.firstResponseDueAt : addBusinessMinutes(now, responseLeft, cal),
      resolutionDueAt: addBusinessMinutes(now, resolutionLeft, cal),
    };
  }
  return { responseLeftMin: t.firstRespondedAt ? null : responseLeft, resolutionLeftMin: resolutionLeft };
}

export type SlaDisplay = {
  state: "running" | "paused" | "met" | "breached" | "none";
  /** The next due instant while running (first response until answered, then resolution). */
  dueAt: Date | null;
  kind: "first_response" | "resolution" | null;
  leftMin: number | null;
};

/** What the queue and the ticket page show about the clock. */
export function slaDisplay(t: SlaState, now: Date): SlaDisplay {
  const breached = t.responseBreached || t.resolutionBreached;
  if (t.status === "RESOLVED" || t.status === "CLOSED")
    return { state: breached ? "breached" : "met", dueAt: null, kind: null, leftMin: null };
  if (!clockRuns(t.status)) {
    const left = !t.firstRespondedAt && t.responseLeftMin !== null ? t.responseLeftMin : t.resolutionLeftMin;
    return {
      state: "paused",
      dueAt: null,
      kind: !t.firstRespondedAt && t.responseLeftMin !== null ? "first_response" : "resolution",
      leftMin: left,
    };
  }
  const responsePending = !t.firstRespondedAt && t.firstResponseDueAt;
  const dueAt = responsePending ? t.firstResponseDueAt : t.resolutionDueAt;
  if (!dueAt) return { state: "none", dueAt: null, kind: null, leftMin: null };
  const late = now > dueAt || breached;
  return {
    state: late ? "breached" : "running",
    dueAt,
    kind: responsePending ? "first_response" : "resolution",
    leftMin: Math.round((dueAt.getTime() - now.getTime()) / 60_000),
  };
}
