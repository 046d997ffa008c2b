// The saga framework on the embedded executor, proven with a test-only saga whose steps act
// on an in-memory "world": a fault at every step in turn (error, timeout, crash of the worker
// between steps), rollback in reverse, retry after clearing the fault, undo failures, cancel.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { advanceClock, resetClock } from "@/inngest/executor/clock";
import { EmbeddedExecutor } from "@/inngest/executor/worker";
import { fromJob, functions } from "@/inngest/functions";
import { tenantDb } from "@/server/db";
import { invalid } from "@/server/errors";
import { sagaJob } from "@/server/orchestration/saga-job";
import type { ServiceContext } from "@/server/service-context";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { createTenant } from "@/server/testing/fixtures";
import { cancelJob, createJob, planSaga, retryJob } from "./runner";
import { defineSaga, type SagaStep } from "./saga";

let t: TestDatabase;
let svc: ServiceContext;
beforeAll(async () => {
  t = await testDatabase();
  const tenant = await createTenant(t.prisma);
  svc = { tenantId: tenant.id, db: tenantDb(tenant.id), actor: { userId: null, label: "test", ip: null } };
});
afterAll(() => t.drop());
beforeEach(() => resetClock());

// The world the steps change: resource name → held. An orphan is anything left held after a rollback.
const world = new Map<string, Set<string>>();
const held = (key: string) => world.get(key) ?? new Set<string>();
const doCount = new Map<string, number>();
type Fault = "error" | "timeout" | "invalid" | "undo-error";
const faults = new Map<string, Fault>();

function worldStep(name: string): SagaStep<{ key: string }> {
  return {
    name,
    title: `Step ${name}`,
    retries: 2,
    timeoutMs: 200,
    async plan(ctx) {
      if (faults.get(`${ctx.input.key}:${name}`) === "invalid") throw invalid(`${name} input is wrong`);
      if (held(ctx.input.key).has(name)) return { summary: `${name} is held already`, noChange: true };
      return { summary: `Hold ${name}`, details: { resource: name } };
    },
    async do(ctx) {
      doCount.set(`${ctx.input.key}:${name}`, (doCount.get(`${ctx.input.key}:${name}`) ?? 0) + 1);
      const fault = faults.get(`${ctx.input.key}:${name}`);
      if (fault === "error") throw new Error(`${name} exploded`);
      if (fault === "invalid") throw invalid(`${name} input is wrong`);
      if (fault === "timeout") await new Promise((r) => setTimeout(r, 400));
      // A well-behaved step does not commit after its deadline.
      if (ctx.signal.aborted) throw new Error("aborted");
      const set = held(ctx.input.key);
      set.add(name);
      world.set(ctx.input.key, set);
      return { resource: name };
    },
    async undo(ctx) {
      if (faults.get(`${ctx.input.key}:${name}`) === "undo-error") throw new Error(`${name} cannot be undone`);
      held(ctx.input.key).delete(name);
    },
  };
}

const testSaga = defineSaga({
  type: "test-world",
  title: "Test world",
  input: z.object({ key: z.string() }),
  permission: "job.manage",
  subscriberOf: () => null,
  lockKeyOf: (input) => input.key,
  steps: [
    worldStep("a"),
    worldStep("b"),
    worldStep("c"),
    {
      name: "tell",
      title: "Tell someone",
      retries: 0,
      timeoutMs: 200,
      optional: true,
      plan: async () => ({ summary: "Tell someone" }),
      async do(ctx) {
        if (faults.get(`${ctx.input.key}:tell`)) throw new Error("mail server down");
        return { told: true };
      },
    },
  ],
});
const testFunctions = [...functions, fromJob(sagaJob(testSaga))];

const executor = new EmbeddedExecutor({
  functions: testFunctions,
  workerId: "saga-test",
  backoffMs: () => 100,
  leaseMs: 10_000,
});
const job = (id: string) =>
  t.prisma.orchestrationJob.findUniqueOrThrow({ where: { id }, include: { steps: { orderBy: { position: "asc" } } } });

describe("saga runner", () => {
  it("completes every step and records status, attempts and output", async () => {
    const { id } = await createJob(svc, testSaga, { key: "happy" });
    expect((await job(id)).status).toBe("PENDING");
    await executor.runUntilIdle({ advanceClock: true });
    const j = await job(id);
    expect(j.status).toBe("COMPLETED");
    expect(j.steps.map((s) => [s.name, s.status, s.attempts])).toEqual([
      ["a", "COMPLETED", 1],
      ["b", "COMPLETED", 1],
      ["c", "COMPLETED", 1],
      ["tell", "COMPLETED", 1],
    ]);
    expect(j.steps[0]?.output).toEqual({ resource: "a" });
    expect([...held("happy")].sort()).toEqual(["a", "b", "c"]);
  });

  for (const fault of ["error", "timeout"] as const) {
    for (const failing of ["a", "b", "c"]) {
      it(`rolls back on ${fault} at step ${failing}, leaves nothing behind, and a retry completes`, async () => {
        const key = `${fault}-${failing}`;
        faults.set(`${key}:${failing}`, fault);
        const { id } = await createJob(svc, testSaga, { key });
        await executor.runUntilIdle({ advanceClock: true });
        let j = await job(id);
        expect(j.status).toBe("ROLLED_BACK");
        expect(j.failedStep).toBe(failing);
        expect(j.error).toContain(fault === "error" ? `${failing} exploded` : "did not finish within 200 ms");
        const failed = j.steps.find((s) => s.name === failing);
        expect(failed).toMatchObject({ status: "FAILED", attempts: 3 });
        const before = j.steps.filter((s) => s.position < (failed?.position ?? 0));
        expect(before.every((s) => s.status === "UNDONE")).toBe(true);
        expect(j.steps.filter((s) => s.position > (failed?.position ?? 0)).every((s) => s.status === "SKIPPED")).toBe(
          true,
        );
        expect(held(key).size).toBe(0); // zero orphans

        faults.delete(`${key}:${failing}`);
        await retryJob(svc, testSaga, id);
        await executor.runUntilIdle({ advanceClock: true });
        j = await job(id);
        expect(j.status).toBe("COMPLETED");
        expect(j.attempt).toBe(2);
        expect([...held(key)].sort()).toEqual(["a", "b", "c"]);
      });
    }
  }

  it("does not retry a step whose error no retry can fix", async () => {
    faults.set("inv:b", "invalid");
    const { id } = await createJob(svc, testSaga, { key: "inv" });
    await executor.runUntilIdle({ advanceClock: true });
    const j = await job(id);
    expect(j.status).toBe("ROLLED_BACK");
    expect(j.steps.find((s) => s.name === "b")).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(j.error).toContain("b input is wrong");
  });

  for (const crashAfter of [1, 2, 3]) {
    it(`resumes after the worker crashes between steps (after ${crashAfter} passes)`, async () => {
      const key = `crash-${crashAfter}`;
      const { id } = await createJob(svc, testSaga, { key });
      const dying = new EmbeddedExecutor({ functions: testFunctions, workerId: "dying", leaseMs: 10_000 });
      const claim = await dying.claim();
      expect(claim).not.toBeNull();
      await dying.process(claim as NonNullable<typeof claim>, { maxPasses: crashAfter });
      advanceClock(11_000); // the dead worker's lease runs out
      await executor.runUntilIdle({ advanceClock: true });
      const j = await job(id);
      expect(j.status).toBe("COMPLETED");
      for (const s of ["a", "b", "c"]) expect(doCount.get(`${key}:${s}`)).toBe(1);
    });
  }

  it("marks rollback_failed with an alert and an audit row when an undo fails", async () => {
    faults.set("stuck:a", "undo-error");
    faults.set("stuck:c", "error");
    const { id } = await createJob(svc, testSaga, { key: "stuck" });
    await executor.runUntilIdle({ advanceClock: true });
    const j = await job(id);
    expect(j.status).toBe("ROLLBACK_FAILED");
    expect(j.alert).toBe(true);
    expect(j.alertReason).toContain("a cannot be undone");
    expect(j.steps.map((s) => s.status)).toEqual(["UNDO_FAILED", "UNDONE", "FAILED", "SKIPPED"]);
    expect([...held("stuck")]).toEqual(["a"]);
    const audit = await t.prisma.auditLog.findFirst({
      where: { targetId: id, action: "orchestration.test-world.rollback_failed" },
    });
    expect(audit).not.toBeNull();
  });

  it("records an optional step's failure without rolling back", async () => {
    faults.set("quiet:tell", "error");
    const { id } = await createJob(svc, testSaga, { key: "quiet" });
    await executor.runUntilIdle({ advanceClock: true });
    const j = await job(id);
    expect(j.status).toBe("COMPLETED");
    expect(j.steps.find((s) => s.name === "tell")).toMatchObject({ status: "FAILED", error: "mail server down" });
  });

  it("cancels a running job: completed steps are undone and the job ends cancelled", async () => {
    const { id } = await createJob(svc, testSaga, { key: "cancel" });
    const claim = await executor.claim();
    await executor.process(claim as NonNullable<typeof claim>, { maxPasses: 2 }); // begin + a
    await cancelJob(svc, testSaga, id);
    advanceClock(11_000);
    await executor.runUntilIdle({ advanceClock: true });
    const j = await job(id);
    expect(j.status).toBe("CANCELLED");
    expect(j.steps.map((s) => s.status)).toEqual(["UNDONE", "SKIPPED", "SKIPPED", "SKIPPED"]);
    expect(held("cancel").size).toBe(0);
    await expect(cancelJob(svc, testSaga, id)).rejects.toThrow(/only pending or running/);
  });

  it("refuses to retry a completed job, and another tenant's job is not found", async () => {
    const { id } = await createJob(svc, testSaga, { key: "done" });
    await executor.runUntilIdle({ advanceClock: true });
    await expect(retryJob(svc, testSaga, id)).rejects.toThrow(/nothing to retry/);
    const other = await createTenant(t.prisma);
    const otherSvc = { ...svc, tenantId: other.id, db: tenantDb(other.id) };
    await expect(retryJob(otherSvc, testSaga, id)).rejects.toThrow(/not found/);
  });

  it("plans a job without running anything: each step's change, what is done already, what would fail", async () => {
    const jobsBefore = await t.prisma.orchestrationJob.count();
    const plan = await planSaga(svc, testSaga, { key: "dry" });
    expect(plan.ok).toBe(true);
    expect(plan.steps.map((s) => [s.name, s.status, s.summary])).toEqual([
      ["a", "change", "Hold a"],
      ["b", "change", "Hold b"],
      ["c", "change", "Hold c"],
      ["tell", "change", "Tell someone"],
    ]);
    expect(held("dry").size).toBe(0);
    expect(doCount.get("dry:a")).toBeUndefined();
    expect(await t.prisma.orchestrationJob.count()).toBe(jobsBefore);

    world.set("dry", new Set(["a"]));
    faults.set("dry:b", "invalid");
    const failing = await planSaga(svc, testSaga, { key: "dry" });
    expect(failing.ok).toBe(false);
    expect(failing.steps.map((s) => s.status)).toEqual(["no_change", "fails", "not_reached", "not_reached"]);
    expect(failing.steps[1]?.error).toBe("b input is wrong");
    await expect(planSaga(svc, testSaga, { key: 42 })).rejects.toThrow();
  });
});
