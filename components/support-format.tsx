"use client";
// Labels and the SLA clock badge shared by the queue and the ticket page.
import { Badge, humanize, type Tone } from "@/components/ui";
import { TICKET_STATUS_LABELS, type TicketStatusKey } from "@/server/modules/tickets/schemas";

export type SlaView = {
  state: "running" | "paused" | "met" | "breached" | "none";
  dueAt: Date | string | null;
  kind: "first_response" | "resolution" | null;
  leftMin: number | null;
};

export function formatMinutes(total: number) {
  const m = Math.abs(Math.round(total));
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const min = m % 60;
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${min}m`;
  return `${min}m`;
}

/** "Reply due in 1h 20m", "Resolution overdue 15m", "Paused (3h 30m left)", "SLA met". */
export function SlaClock({ sla, warnBeforeMin = 60 }: { sla: SlaView; warnBeforeMin?: number }) {
  const what = sla.kind === "first_response" ? "Reply" : "Resolution";
  let tone: Tone = "neutral";
  let text = "No SLA";
  if (sla.state === "met") [tone, text] = ["success", "SLA met"];
  else if (sla.state === "breached" && sla.leftMin === null) [tone, text] = ["danger", "SLA breached"];
  else if (sla.state === "paused")
    [tone, text] = ["neutral", `Paused${sla.leftMin !== null ? ` (${formatMinutes(sla.leftMin)} left)` : ""}`];
  else if (sla.leftMin !== null && sla.leftMin < 0)
    [tone, text] = ["danger", `${what} overdue ${formatMinutes(sla.leftMin)}`];
  else if (sla.leftMin !== null)
    [tone, text] = [
      sla.state === "breached" ? "danger" : sla.leftMin <= warnBeforeMin ? "warning" : "info",
      `${what} due in ${formatMinutes(sla.leftMin)}`,
    ];
  return <Badge tone={tone}>{text}</Badge>;
}

const STATUS_TONE: Record<TicketStatusKey, Tone> = {
  NEW: "info",
  OPEN: "info",
  PENDING_CUSTOMER: "warning",
  PENDING_THIRD_PARTY: "warning",
  RESOLVED: "success",
  CLOSED: "neutral",
};

export function TicketStatusBadge({ status }: { status: string }) {
  const key = status as TicketStatusKey;
  return <Badge tone={STATUS_TONE[key] ?? "neutral"}>{TICKET_STATUS_LABELS[key] ?? humanize(status)}</Badge>;
}

const PRIORITY_TONE: Record<string, Tone> = { LOW: "neutral", NORMAL: "info", HIGH: "warning", URGENT: "danger" };
export function PriorityBadge({ priority }: { priority: string }) {
  return <Badge tone={PRIORITY_TONE[priority] ?? "neutral"}>{humanize(priority)}</Badge>;
}
