// Business-time arithmetic for SLA clocks: a calendar of weekly business hours in the
// tenant's time zone minus holidays; "due" = start + N business minutes. Pure (no clock, no
// database), so tests can walk weekends, holidays and DST changes exactly.

export type BusinessHours = Array<{ day: number; start: string; end: string }>;
export type BusinessCalendar = { timeZone: string; hours: BusinessHours; holidays: string[] };

const MINUTE = 60_000;
type LocalDate = { y: number; m: number; d: number };

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function localParts(t: number, timeZone: string) {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(t))
      .map((p) => [p.type, p.value]),
  );
  return {
    y: Number(parts.year),
    m: Number(parts.month),
    d: Number(parts.day),
    h: Number(parts.hour),
    min: Number(parts.minute),
    s: Number(parts.second),
  };
}

/** The UTC instant of a local wall-clock time (minutes since local midnight; 1440 = next midnight). */
function localToUtc(date: LocalDate, minuteOfDay: number, timeZone: string): number {
  const guess = Date.UTC(date.y, date.m - 1, date.d, 0, minuteOfDay);
  const offsetAt = (t: number) => {
    const p = localParts(t, timeZone);
    return Date.UTC(p.y, p.m - 1, p.d, p.h, p.min, p.s) - Math.floor(t / 1000) * 1000;
  };
  const first = guess - offsetAt(guess);
  const second = guess - offsetAt(first);
  return second;
}

function nextDay(date: LocalDate): LocalDate {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d + 1));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

const iso = (date: LocalDate) => `${date.y}-${String(date.m).padStart(2, "0")}-${String(date.d).padStart(2, "0")}`;

export function parseClock(hhmm: string): number {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new Error(`"${hhmm}" is not a time of day (HH:MM)`);
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  if (minutes > 1440) throw new Error(`"${hhmm}" is after midnight`);
  return minutes;
}

/** The business windows [start, end) in UTC milliseconds of one local day. */
function windowsOn(date: LocalDate, cal: BusinessCalendar): Array<[number, number]> {
  if (cal.holidays.includes(iso(date))) return [];
  const weekday = new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay();
  return cal.hours
    .filter((h) => h.day === weekday)
    .map((h) => [
      localToUtc(date, parseClock(h.start), cal.timeZone),
      localToUtc(date, parseClock(h.end), cal.timeZone),
    ])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]) as Array<[number, number]>;
}

// A calendar with no business hours at all would never reach a due date; stop after 3 years.
const MAX_DAYS = 3 * 366;

function localDateOf(t: number, timeZone: string): LocalDate {
  const p = localParts(t, timeZone);
  return { y: p.y, m: p.m, d: p.d };
}

/** The instant `minutes` business minutes after `from`. */
export function addBusinessMinutes(from: Date, minutes: number, cal: BusinessCalendar): Date {
  const start = from.getTime();
  let left = minutes * MINUTE;
  let day = localDateOf(start, cal.timeZone);
  for (let i = 0; i < MAX_DAYS; i++) {
    for (const [ws, we] of windowsOn(day, cal)) {
      const s = Math.max(ws, start);
      if (s >= we) continue;
      if (left <= we - s) return new Date(s + left);
      left -= we - s;
    }
    day = nextDay(day);
  }
  throw new Error("The business calendar has no business hours");
}

/** Whole business minutes between two instants (0 when `to` is not after `from`). */
export function businessMinutesBetween(from: Date, to: Date, cal: BusinessCalendar): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  let total = 0;
  let day = localDateOf(a, cal.timeZone);
  for (let i = 0; i < MAX_DAYS; i++) {
    const windows = windowsOn(day, cal);
    for (const [ws, we] of windows) {
      const s = Math.max(ws, a);
      const e = Math.min(we, b);
      if (e > s) total += e - s;
    }
    if (iso(day) >= iso(localDateOf(b, cal.timeZone))) break;
    day = nextDay(day);
  }
  return Math.floor(total / MINUTE);
}
