// The rules deciding whether and when a channel may carry a message: category opt-outs and
// quiet hours. Pure functions, so they are tested without a database.
import type { ChannelKey, NotificationCategoryKey } from "@/emails/kit";

export const CHANNELS: ChannelKey[] = ["EMAIL", "SMS", "PUSH", "INBOX"];
export const CATEGORIES: NotificationCategoryKey[] = [
  "TRANSACTIONAL",
  "BILLING",
  "OUTAGES",
  "MAINTENANCE",
  "SUPPORT",
  "MARKETING",
];

export const CATEGORY_LABELS: Record<NotificationCategoryKey, string> = {
  TRANSACTIONAL: "Account and service (required)",
  BILLING: "Billing",
  OUTAGES: "Outages",
  MAINTENANCE: "Planned maintenance",
  SUPPORT: "Support tickets",
  MARKETING: "News and offers",
};

/**
 * Transactional messages (service activated, suspended, plan changed…) always reach the email
 * and the portal inbox; only their SMS/push copies can be turned off.
 */
export function isLocked(category: NotificationCategoryKey, channel: ChannelKey) {
  return category === "TRANSACTIONAL" && (channel === "EMAIL" || channel === "INBOX");
}

/** Without an explicit preference: everything on except marketing (opt-in). */
export function defaultEnabled(category: NotificationCategoryKey) {
  return category !== "MARKETING";
}

export function channelAllowed(
  category: NotificationCategoryKey,
  channel: ChannelKey,
  preference: boolean | undefined,
): boolean {
  if (isLocked(category, channel)) return true;
  return preference ?? defaultEnabled(category);
}

/** Minutes after local midnight in a timezone. */
export function localMinutes(now: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
    .formatToParts(now)
    .reduce<Record<string, string>>((acc, p) => {
      acc[p.type] = p.value;
      return acc;
    }, {});
  return Number(parts.hour) * 60 + Number(parts.minute);
}

export type QuietHours = { start: number; end: number };

/** The default quiet hours (22:00–07:00 local) when neither subscriber nor tenant set any. */
export const DEFAULT_QUIET_HOURS: QuietHours = { start: 22 * 60, end: 7 * 60 };

export function inQuietHours(minutes: number, q: QuietHours) {
  if (q.start === q.end) return false;
  return q.start < q.end ? minutes >= q.start && minutes < q.end : minutes >= q.start || minutes < q.end;
}

/**
 * When a non-urgent SMS/push may go out: null = now, else the end of the quiet hours in the
 * recipient's timezone (to the minute).
 */
export function quietHoursEnd(now: Date, timeZone: string, q: QuietHours | null): Date | null {
  if (!q) return null;
  const m = localMinutes(now, timeZone);
  if (!inQuietHours(m, q)) return null;
  const wait = (q.end - m + 1440) % 1440;
  const at = new Date(now.getTime() + wait * 60_000);
  at.setUTCSeconds(0, 0);
  return at;
}

/** "22:00" → 1320. */
export function parseClock(value: string): number {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(value.trim());
  if (!m) throw new Error(`"${value}" is not a time of day (HH:MM)`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export function formatClock(minutes: number) {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}
