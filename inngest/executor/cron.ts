// Cron triggers for the embedded executor: standard five-field expressions ("0 2 * * *",
// "*/15 * * * 1-5"), optionally prefixed "TZ=Europe/Berlin ", as Inngest accepts them.
import type { InngestFunction } from "inngest";
import { type Db, db } from "@/server/db";
import { crossTenantSql } from "@/server/sql";
import { now } from "./clock";
import { createRun } from "./events";
import { triggersOf } from "./registry";

type Field = Set<number>;
export type CronSpec = {
  minute: Field;
  hour: Field;
  dom: Field;
  month: Field;
  dow: Field;
  domAny: boolean;
  dowAny: boolean;
  tz: string;
};

const RANGES: [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];
const NAMES: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  sun: 0,
  mon: 1,
  tue: 2,
  wed: 3,
  thu: 4,
  fri: 5,
  sat: 6,
};

function parseField(text: string, [min, max]: [number, number]): Field {
  const out = new Set<number>();
  for (const part of text.split(",")) {
    const [range, stepText] = part.split("/");
    const step = stepText ? Number(stepText) : 1;
    let lo = min;
    let hi = max;
    if (range !== "*" && range !== undefined) {
      const [a, b] = range.split("-").map((v) => NAMES[v.toLowerCase()] ?? Number(v));
      lo = a as number;
      hi = b ?? (stepText ? max : lo);
    }
    if (![lo, hi, step].every(Number.isFinite) || lo < min || hi > max || step < 1)
      throw new Error(`Invalid cron field "${text}"`);
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

export function parseCron(expression: string): CronSpec {
  let text = expression.trim();
  let tz = "UTC";
  const tzMatch = text.match(/^(?:TZ|CRON_TZ)=(\S+)\s+(.*)$/);
  if (tzMatch) {
    tz = tzMatch[1] as string;
    text = tzMatch[2] as string;
  }
  const fields = text.split(/\s+/);
  if (fields.length !== 5) throw new Error(`Cron "${expression}" must have five fields`);
  const [minute, hour, dom, month, dow] = fields.map((f, i) => parseField(f, RANGES[i] as [number, number])) as Field[];
  if (dow?.has(7)) dow.add(0);
  return {
    minute: minute as Field,
    hour: hour as Field,
    dom: dom as Field,
    month: month as Field,
    dow: dow as Field,
    domAny: fields[2] === "*",
    dowAny: fields[4] === "*",
    tz,
  };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function localParts(date: Date, tz: string) {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      weekday: "short",
    });
    formatters.set(tz, f);
  }
  const p = Object.fromEntries(f.formatToParts(date).map((x) => [x.type, x.value]));
  return {
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour),
    minute: Number(p.minute),
    dow: NAMES[String(p.weekday).toLowerCase()] as number,
  };
}

/** The first time strictly after `after` that the expression fires. */
export function nextCronTime(expression: string | CronSpec, after: Date): Date {
  const spec = typeof expression === "string" ? parseCron(expression) : expression;
  let t = Math.floor(after.getTime() / 60_000) * 60_000 + 60_000;
  for (let i = 0; i < 200_000; i++) {
    const d = new Date(t);
    const p = localParts(d, spec.tz);
    const domOk = spec.dom.has(p.day);
    const dowOk = spec.dow.has(p.dow);
    const dayOk = spec.month.has(p.month) && (spec.domAny || spec.dowAny ? domOk && dowOk : domOk || dowOk);
    if (!dayOk) t += (24 * 60 - (p.hour * 60 + p.minute)) * 60_000;
    else if (!spec.hour.has(p.hour)) t += (60 - p.minute) * 60_000;
    else if (!spec.minute.has(p.minute)) t += 60_000;
    else return d;
  }
  throw new Error(`Cron "${expression}" never fires`);
}

function cronOf(fn: InngestFunction.Any): string | undefined {
  return triggersOf(fn).find((t) => t.cron)?.cron;
}

/** Makes the schedule table match the cron functions. */
export async function syncSchedules(functions: InngestFunction.Any[], client: Db = db()) {
  const fns = functions.filter((fn) => cronOf(fn));
  const existing = new Map((await client.executorSchedule.findMany()).map((s) => [s.functionId, s]));
  for (const fn of fns) {
    const cron = cronOf(fn) as string;
    const row = existing.get(fn.id());
    if (row?.cron === cron) continue;
    const nextRunAt = nextCronTime(cron, now());
    await client.executorSchedule.upsert({
      where: { functionId: fn.id() },
      create: { functionId: fn.id(), cron, nextRunAt },
      update: { cron, nextRunAt },
    });
  }
}

/** Starts a run for every schedule that is due; safe to call from many workers at once. */
export async function fireDueSchedules(functions: InngestFunction.Any[], client: Db = db()): Promise<number> {
  const fns = new Map(functions.map((fn) => [fn.id(), fn]));
  const current = now();
  return client.$transaction(async (tx) => {
    const due = await crossTenantSql(tx).query<{ functionId: string; cron: string; nextRunAt: Date }[]>`
      SELECT "functionId", cron, "nextRunAt" FROM "ExecutorSchedule"
      WHERE "nextRunAt" <= ${current} FOR UPDATE SKIP LOCKED`;
    let fired = 0;
    for (const s of due) {
      const fn = fns.get(s.functionId);
      if (!fn) continue;
      const at = s.nextRunAt.toISOString();
      const eventId = `cron:${s.functionId}:${at}`;
      const event = { id: eventId, name: "inngest/scheduled.timer", data: { cron: s.cron }, ts: s.nextRunAt.getTime() };
      await tx.executorEvent.createMany({
        data: [{ id: eventId, name: event.name, data: event.data, ts: s.nextRunAt, dispatchedAt: current }],
        skipDuplicates: true,
      });
      if (await createRun(tx, fn, event, current)) fired++;
      await tx.executorSchedule.update({
        where: { functionId: s.functionId },
        data: { lastRunAt: s.nextRunAt, nextRunAt: nextCronTime(s.cron, current) },
      });
    }
    return fired;
  });
}
