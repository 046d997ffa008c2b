// The embedded executor against a real PostgreSQL: real Inngest SDK functions, driven pass
// by pass, with retries, final failures, crash/resume, concurrency keys, idempotent
// events, sleeps and cron schedules.
import { NonRetriableError } from "inngest";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { inngest } from "@/inngest/client";
import { db } from "@/server/db";
import { enqueueJob } from "@/server/jobs";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { advanceClock, now, resetClock } from "./clock";
import { fireDueSchedules, nextCronTime, syncSchedules } from "./cron";
import { cancelRun, EmbeddedExecutor } from "./worker";

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.drop());
beforeEach(() => resetClock());

const calls: Record<string, number> = {};
const bump = (k: string) => {
  calls[k] = (calls[k] ?? 0) + 1;
  return calls[k];
};
const log: string[] = [];

const flaky = inngest.createFunction(
  { id: "test-flaky", triggers: [{ event: "test/flaky" }], retries: 3 },
  async ({ event, step }) => {
    const key = String(event.data.key);
    const a = await step.run("first", () => {
      bump(`${key}:first`);
      return { n: 1 };
    });
    const b = await step.run("second", () => {
      const n = bump(`${key}:second`);
      if (n <= Number(event.data.failTimes ?? 0)) throw new Error(`second failed (try ${n})`);
      return n;
    });
    return { a, b };
  },
);

const compensating = inngest.createFunction(
  { id: "test-compensating", triggers: [{ event: "test/compensating" }], retries: 1 },
  async ({ event, step }) => {
    const key = String(event.data.key);
    await step.run("reserve", () => bump(`${key}:reserve`));
    try {
      await step.run("charge", () => {
        bump(`${key}:charge`);
        throw new Error("card declined");
      });
    } catch (error) {
      await step.run("release", () => bump(`${key}:release`));
      return { rolledBack: true, reason: (error as Error).message };
    }
    return { rolledBack: false };
  },
);

const crashy = inngest.createFunction(
  { id: "test-crashy", triggers: [{ event: "test/crashy" }] },
  async ({ event, step }) => {
    const key = String(event.data.key);
    const out: number[] = [];
    for (const name of ["s1", "s2", "s3"]) out.push(await step.run(name, () => bump(`${key}:${name}`)));
    return out;
  },
);

const serial = inngest.createFunction(
  {
    id: "test-serial",
    triggers: [{ event: "test/serial" }],
    concurrency: [{ scope: "env", key: '"sub:" + event.data.subscriberId', limit: 1 }],
  },
  async ({ event, step }) => {
    const tag = String(event.data.tag);
    await step.run("begin", () => log.push(`${tag}:begin`));
    await step.run("middle", () => log.push(`${tag}:middle`));
    await step.run("end", () => log.push(`${tag}:end`));
  },
);

const sleepy = inngest.createFunction({ id: "test-sleepy", triggers: [{ event: "test/sleepy" }] }, async ({ step }) => {
  await step.run("before", () => "x");
  await step.sleep("wait-a-day", "1d");
  return step.run("after", () => now().toISOString());
});

const chained = inngest.createFunction(
  { id: "test-chained", triggers: [{ event: "test/chain-start" }] },
  async ({ event, step }) => {
    await step.sendEvent("next", { name: "test/flaky", data: { key: `${event.data.key}-chained` } });
    return "sent";
  },
);

const nightly = inngest.createFunction({ id: "test-nightly", triggers: [{ cron: "0 2 * * *" }] }, async ({ step }) =>
  step.run("work", () => bump("nightly")),
);

const fatal = inngest.createFunction(
  { id: "test-fatal", triggers: [{ event: "test/fatal" }], retries: 5 },
  async ({ step }) => {
    await step.run("explode", () => {
      bump("fatal");
      throw new NonRetriableError("bad input");
    });
  },
);

const functions = [flaky, compensating, crashy, serial, sleepy, chained, nightly, fatal];
const executor = new EmbeddedExecutor({ workerId: "test-a", backoffMs: () => 1000, leaseMs: 30_000, functions });

/** Writes an event to the outbox (the jobs port) and dispatches it: the runs it started. */
async function sendEvent(name: string, data: Record<string, unknown>, options: { id?: string; ts?: Date } = {}) {
  const sent = await enqueueJob(db(), name, data, { id: options.id, at: options.ts });
  if (sent.duplicate) return { ...sent, runIds: [] };
  // A background executor may be dispatching it at the same moment: wait for whoever does.
  while (!(await db().executorEvent.findUnique({ where: { id: sent.eventId } }))?.dispatchedAt)
    await executor.dispatch();
  const runs = await db().executorRun.findMany({ where: { eventId: sent.eventId } });
  return { ...sent, runIds: runs.map((r) => r.id) };
}

const runOf = (id: string) => t.prisma.executorRun.findUniqueOrThrow({ where: { id }, include: { steps: true } });

describe("embedded executor", () => {
  it("runs a function to completion, memoizing each step once", async () => {
    const sent = await sendEvent("test/flaky", { key: "ok" });
    expect(sent.runIds).toHaveLength(1);
    await executor.runUntilIdle({ advanceClock: true });
    const run = await runOf(sent.runIds[0] as string);
    expect(run.status).toBe("COMPLETED");
    expect(run.output).toEqual({ a: { n: 1 }, b: 1 });
    expect(run.steps.map((s) => s.name).sort()).toEqual(["first", "second"]);
    expect(calls["ok:first"]).toBe(1);
  });

  it("retries a failing step with backoff and counts attempts per step", async () => {
    const sent = await sendEvent("test/flaky", { key: "retry", failTimes: 2 });
    await executor.tick();
    let run = await runOf(sent.runIds[0] as string);
    expect(run.status).toBe("RUNNING");
    expect(run.attempt).toBe(1);
    expect(run.runAt.getTime()).toBeGreaterThan(now().getTime());
    expect((run.lastError as { message: string }).message).toContain("try 1");
    await executor.runUntilIdle({ advanceClock: true });
    run = await runOf(sent.runIds[0] as string);
    expect(run.status).toBe("COMPLETED");
    expect(calls["retry:first"]).toBe(1);
    expect(calls["retry:second"]).toBe(3);
    expect(run.steps.find((s) => s.name === "second")?.attempts).toBe(3);
  });

  it("fails a run whose step exhausts its retries", async () => {
    const sent = await sendEvent("test/flaky", { key: "dead", failTimes: 99 });
    await executor.runUntilIdle({ advanceClock: true });
    const run = await runOf(sent.runIds[0] as string);
    expect(run.status).toBe("FAILED");
    expect(calls["dead:second"]).toBe(4); // retries: 3 → 4 attempts
    expect((run.error as { message: string }).message).toContain("second failed (try 4)");
  });

  it("hands a step's final failure to the function, which can compensate", async () => {
    const sent = await sendEvent("test/compensating", { key: "comp" });
    await executor.runUntilIdle({ advanceClock: true });
    const run = await runOf(sent.runIds[0] as string);
    expect(run.status).toBe("COMPLETED");
    expect(run.output).toEqual({ rolledBack: true, reason: "card declined" });
    expect(calls["comp:charge"]).toBe(2);
    expect(calls["comp:release"]).toBe(1);
    expect(run.steps.find((s) => s.name === "charge")?.error).toMatchObject({ message: "card declined" });
  });

  it("does not retry NonRetriableError", async () => {
    const sent = await sendEvent("test/fatal", {});
    await executor.runUntilIdle({ advanceClock: true });
    expect((await runOf(sent.runIds[0] as string)).status).toBe("FAILED");
    expect(calls.fatal).toBe(1);
  });

  it("resumes after a crash between steps, without repeating completed steps", async () => {
    const sent = await sendEvent("test/crashy", { key: "crash" });
    // A worker claims the run, completes one step and dies without releasing it.
    const dying = new EmbeddedExecutor({ functions, workerId: "dying", leaseMs: 30_000 });
    const claim = await dying.claim();
    expect(claim?.runId).toBe(sent.runIds[0]);
    await dying.process(claim as NonNullable<typeof claim>, { maxPasses: 1 });
    // While the lease holds, nobody else takes it.
    expect(await executor.claim()).toBeNull();
    advanceClock(31_000);
    await executor.runUntilIdle({ advanceClock: true });
    const run = await runOf(sent.runIds[0] as string);
    expect(run.status).toBe("COMPLETED");
    expect(run.output).toEqual([1, 1, 1]);
    expect([calls["crash:s1"], calls["crash:s2"], calls["crash:s3"]]).toEqual([1, 1, 1]);
  });

  it("a crashed worker that comes back cannot overwrite the run (fencing)", async () => {
    const sent = await sendEvent("test/crashy", { key: "fence" });
    const stale = new EmbeddedExecutor({ functions, workerId: "stale", leaseMs: 30_000 });
    const claim = (await stale.claim()) as NonNullable<Awaited<ReturnType<typeof stale.claim>>>;
    advanceClock(31_000);
    await executor.runUntilIdle({ advanceClock: true });
    await stale.process(claim); // its token is no longer valid: no effect
    const run = await runOf(sent.runIds[0] as string);
    expect(run.status).toBe("COMPLETED");
    expect(run.steps).toHaveLength(3);
  });

  it("never interleaves two runs with the same concurrency key", async () => {
    log.length = 0;
    await sendEvent("test/serial", { subscriberId: "S1", tag: "A" });
    await sendEvent("test/serial", { subscriberId: "S1", tag: "B" });
    await sendEvent("test/serial", { subscriberId: "S2", tag: "C" });
    // Two workers racing each other.
    const other = new EmbeddedExecutor({ functions, workerId: "test-b" });
    await Promise.all([executor.runUntilIdle({ advanceClock: true }), other.runUntilIdle({ advanceClock: true })]);
    const s1 = log.filter((l) => l.startsWith("A") || l.startsWith("B"));
    expect(s1).toEqual(["A:begin", "A:middle", "A:end", "B:begin", "B:middle", "B:end"]);
    expect(log.filter((l) => l.startsWith("C"))).toHaveLength(3);
  });

  it("holds a second run on the key while the first waits for a retry", async () => {
    log.length = 0;
    const a = await sendEvent("test/serial", { subscriberId: "S9", tag: "A" });
    await sendEvent("test/serial", { subscriberId: "S9", tag: "B" });
    const claim = (await executor.claim()) as NonNullable<Awaited<ReturnType<typeof executor.claim>>>;
    expect(claim.runId).toBe(a.runIds[0]);
    await executor.process(claim, { maxPasses: 1 });
    advanceClock(61_000);
    // A's lease expired: it is resumable, but B still may not start before A finishes.
    const next = (await executor.claim()) as NonNullable<Awaited<ReturnType<typeof executor.claim>>>;
    expect(next.runId).toBe(a.runIds[0]);
    await executor.process(next);
    await executor.runUntilIdle({ advanceClock: true });
    expect(log).toEqual(["A:begin", "A:middle", "A:end", "B:begin", "B:middle", "B:end"]);
  });

  it("leaves events it has no function for to the executors that have one (rolling deploys)", async () => {
    const sent = await enqueueJob(db(), "test/flaky", { key: "left" });
    const older = new EmbeddedExecutor({ functions: [nightly], workerId: "older" });
    expect((await older.dispatch()).size).toBe(0);
    expect((await executor.dispatch()).get(sent.eventId)).toHaveLength(1);
    await executor.runUntilIdle({ advanceClock: true });
    expect(calls["left:first"]).toBe(1);
  });

  it("starts nothing for a repeated event id", async () => {
    const first = await sendEvent("test/flaky", { key: "idem" }, { id: "evt-123" });
    const again = await sendEvent("test/flaky", { key: "idem" }, { id: "evt-123" });
    expect(first.runIds).toHaveLength(1);
    expect(again).toMatchObject({ duplicate: true, runIds: [] });
    expect(await t.prisma.executorRun.count({ where: { eventId: "evt-123" } })).toBe(1);
  });

  it("starts a run at a given time, and sleeps durably", async () => {
    const later = await sendEvent("test/flaky", { key: "later" }, { ts: new Date(now().getTime() + 3_600_000) });
    await executor.tick();
    expect((await runOf(later.runIds[0] as string)).status).toBe("QUEUED");

    const sleeper = await sendEvent("test/sleepy", {});
    const before = now().getTime();
    await executor.tick();
    const waiting = await runOf(sleeper.runIds[0] as string);
    expect(waiting.status).toBe("RUNNING");
    expect(waiting.runAt.getTime()).toBeGreaterThanOrEqual(before + 86_400_000);
    await executor.runUntilIdle({ advanceClock: true });
    const done = await runOf(sleeper.runIds[0] as string);
    expect(done.status).toBe("COMPLETED");
    expect(new Date(done.output as string).getTime()).toBeGreaterThanOrEqual(before + 86_400_000);
    expect((await runOf(later.runIds[0] as string)).status).toBe("COMPLETED");
  });

  it("routes step.sendEvent and inngest.send to the outbox", async () => {
    const sent = await sendEvent("test/chain-start", { key: "c" });
    await executor.runUntilIdle({ advanceClock: true });
    expect((await runOf(sent.runIds[0] as string)).status).toBe("COMPLETED");
    expect(calls["c-chained:first"]).toBe(1);
    const direct = await inngest.send({ name: "test/flaky", data: { key: "direct" } });
    expect(direct.ids).toHaveLength(1);
    await executor.runUntilIdle({ advanceClock: true });
    expect(calls["direct:first"]).toBe(1);
  });

  it("fires cron schedules once per due time, whatever the number of workers", async () => {
    expect(nextCronTime("0 2 * * *", new Date("2026-03-01T02:00:00Z")).toISOString()).toBe("2026-03-02T02:00:00.000Z");
    expect(nextCronTime("*/15 9-17 * * 1-5", new Date("2026-03-06T17:50:00Z")).toISOString()).toBe(
      "2026-03-09T09:00:00.000Z",
    );
    expect(nextCronTime("TZ=Europe/Berlin 0 2 * * *", new Date("2026-07-01T00:00:00Z")).toISOString()).toBe(
      "2026-07-02T00:00:00.000Z",
    );
    await syncSchedules(functions);
    const schedule = await t.prisma.executorSchedule.findUniqueOrThrow({ where: { functionId: "test-nightly" } });
    advanceClock(schedule.nextRunAt.getTime() - now().getTime() + 1000);
    await Promise.all([fireDueSchedules(functions), fireDueSchedules(functions)]);
    expect(await t.prisma.executorRun.count({ where: { functionId: "test-nightly" } })).toBe(1);
    await executor.runUntilIdle();
    expect(calls.nightly).toBe(1);
  });

  it("cancels a run before its next pass", async () => {
    const sent = await sendEvent("test/flaky", { key: "cancel", failTimes: 99 });
    await executor.tick();
    expect(await cancelRun(sent.runIds[0] as string)).toBe(true);
    await executor.runUntilIdle({ advanceClock: true });
    expect((await runOf(sent.runIds[0] as string)).status).toBe("CANCELLED");
    expect(calls["cancel:second"]).toBe(1);
  });

  it("runs in the background when started", async () => {
    const bg = new EmbeddedExecutor({ workerId: "bg", pollMs: 50, backoffMs: () => 10, functions });
    bg.start();
    try {
      const sent = await sendEvent("test/flaky", { key: "bg", failTimes: 1 });
      const deadline = Date.now() + 10_000;
      let status = "QUEUED";
      while (Date.now() < deadline && status !== "COMPLETED") {
        await new Promise((r) => setTimeout(r, 50));
        status = (await runOf(sent.runIds[0] as string)).status;
      }
      expect(status).toBe("COMPLETED");
    } finally {
      await bg.stop();
    }
  });
});
