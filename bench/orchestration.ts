// npm run bench:orchestration — a soak of provision-subscriber on the simulated network.
// A private database (all migrations), a tenant with a plan, a NAS, an IP pool and simulated
// OLTs with enough ONUs; N provisioning jobs run through the embedded executor (W workers
// claiming runs with FOR UPDATE SKIP LOCKED) with seeded random faults injected around the
// real steps: an error or a timeout (the work lands after the deadline) at a random step,
// either transient (fails fewer times than the step's retries: the job must complete) or
// permanent (every attempt fails: the job must roll back). Then a drift scan must
// find nothing left behind, every rolled-back job is retried with the fault cleared (must complete),
// and a sample of the provisioned subscribers authenticates through FreeRADIUS.
//   BENCH_JOBS (1000)  BENCH_FAULT_RATE (0.3)  BENCH_WORKERS (2)  BENCH_CONCURRENCY per worker (4)
//   BENCH_SEED ("fiberops")  BENCH_RADIUS_SAMPLE (20; 0 skips radiusd)  BENCH_STEP_TIMEOUT_MS (3000)
// Last line: jobs_per_s=<x> drift=<n> rolled_back=<n> completed=<n> … step_ms=<step>:<ms>,…
import { randomBytes } from "node:crypto";
import { EmbeddedExecutor } from "@/inngest/executor/worker";
import { fromJob, functions } from "@/inngest/functions";
import { type RadiusdHandle, startRadiusd } from "@/radius/run";
import { applyMigrations } from "@/scripts/migrate";
import { db } from "@/server/db";
import { createPlan } from "@/server/modules/catalog";
import { createCustomer } from "@/server/modules/customers";
import { scanNow } from "@/server/modules/drift";
import { createPool } from "@/server/modules/ipam";
import { registerOlt } from "@/server/modules/network";
import { createNas } from "@/server/modules/radius";
import { type ProvisionInput, provisionSubscriber } from "@/server/modules/subscribers";
import { createJob, retryJob } from "@/server/orchestration/runner";
import { defineSaga, type Saga, type SagaStep } from "@/server/orchestration/saga";
import { sagaJob } from "@/server/orchestration/saga-job";
import { systemContext } from "@/server/service-context";
import { BngSimulator } from "@/simulator/bng/bng";
import { seededRandom, simulatorFor } from "@/simulator/network/state";
import { scratchDatabase } from "./scratch-database";

const N = Number(process.env.BENCH_JOBS ?? 1000);
const FAULT_RATE = Number(process.env.BENCH_FAULT_RATE ?? 0.3);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const SEED = process.env.BENCH_SEED ?? "fiberops";
const RADIUS_SAMPLE = Number(process.env.BENCH_RADIUS_SAMPLE ?? 20);
const STEP_TIMEOUT_MS = Number(process.env.BENCH_STEP_TIMEOUT_MS ?? 3000);
const SECRET = "bench-bng-secret";
process.env.DATABASE_POOL_SIZE ??= String(Math.max(10, WORKERS * CONCURRENCY + 4));
const say = (line: string) => console.log(`[bench:orchestration] ${line}`);
// The Inngest SDK logs every failed step attempt; the soak fails hundreds on purpose.
let stepErrorsLogged = 0;
const consoleError = console.error.bind(console);
console.error = (...args: unknown[]) => {
  const expected = (a: unknown) =>
    a === "Inngest step error" || (a instanceof Error && /injected fault|did not finish within/.test(a.message));
  if (args.some(expected)) stepErrorsLogged++;
  else consoleError(...args);
};

// ---- the seeded fault plan: per job, at most one faulty step
type Fault = { step: string; kind: "error" | "timeout"; failures: number; permanent: boolean };
const random = seededRandom(SEED);
const FAULTABLE = provisionSubscriber.steps.filter((s) => !s.optional);
const plan = new Map<string, Fault>(); // username → fault
const failuresSoFar = new Map<string, number>(); // username:step → failures injected
const work = new Map<string, { doMs: number[]; undoMs: number[] }>(); // step → real work times

function planFaults(usernames: string[]) {
  for (const username of usernames) {
    if (random() >= FAULT_RATE) continue;
    const step = FAULTABLE[Math.floor(random() * FAULTABLE.length)] as SagaStep<ProvisionInput>;
    const kind = random() < 0.7 ? "error" : "timeout";
    const permanent = random() < 0.5;
    // Transient: fewer failures than the step's attempts (1 + retries), so a retry succeeds.
    const failures = permanent ? Number.POSITIVE_INFINITY : 1 + Math.floor(random() * step.retries);
    plan.set(username, { step: step.name, kind, failures, permanent });
  }
}

const timed = async <T>(step: string, which: "doMs" | "undoMs", fn: () => Promise<T>): Promise<T> => {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    const entry = work.get(step) ?? { doMs: [], undoMs: [] };
    entry[which].push(performance.now() - t0);
    work.set(step, entry);
  }
};

// The real saga, each step wrapped with the fault plan (the bench's faults, not the product's).
const soakSaga = defineSaga<ProvisionInput>({
  ...provisionSubscriber,
  type: "bench-provision-soak",
  steps: provisionSubscriber.steps.map(
    (s): SagaStep<ProvisionInput> => ({
      ...s,
      timeoutMs: Math.min(s.timeoutMs, STEP_TIMEOUT_MS),
      async do(ctx) {
        const username = ctx.input.username as string;
        const fault = plan.get(username);
        if (fault?.step === s.name) {
          const key = `${username}:${s.name}`;
          const n = failuresSoFar.get(key) ?? 0;
          if (n < fault.failures) {
            failuresSoFar.set(key, n + 1);
            if (fault.kind === "error") throw new Error(`injected fault at ${s.name}`);
            // Timeout: the work still lands, after the deadline (the undo must find it).
            await new Promise((r) => setTimeout(r, STEP_TIMEOUT_MS + 100));
          }
        }
        return timed(s.name, "doMs", () => s.do(ctx));
      },
      undo: s.undo
        ? (ctx, output) => timed(s.name, "undoMs", () => (s.undo as NonNullable<typeof s.undo>)(ctx, output))
        : undefined,
    }),
  ),
});
const testFunctions = [
  ...functions,
  fromJob(sagaJob(soakSaga as unknown as Saga<unknown>, { id: "saga-bench-provision-soak" })),
];

const scratch = await scratchDatabase(`fiberops_bench_orch_${randomBytes(4).toString("hex")}`);
const databaseUrl = scratch.url;
process.env.DATABASE_URL = databaseUrl;
let exitCode = 0;
const stops: Array<() => Promise<void>> = [];

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const pct = (xs: number[], p: number) => {
  if (!xs.length) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
};

async function runWorkers(until: () => Promise<boolean>) {
  const workers = Array.from(
    { length: WORKERS },
    (_, i) =>
      new EmbeddedExecutor({
        functions: testFunctions,
        workerId: `bench-${i}`,
        concurrency: CONCURRENCY,
        pollMs: 50,
        backoffMs: () => 50,
        leaseMs: 60_000,
      }),
  );
  for (const w of workers) w.start();
  try {
    while (!(await until())) await new Promise((r) => setTimeout(r, 250));
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
  }
}

try {
  let t0 = Date.now();
  await applyMigrations(databaseUrl);
  process.env.DATABASE_URL = databaseUrl;
  const prisma = db();
  stops.push(() => prisma.$disconnect());
  const tenant = await prisma.tenant.create({
    data: { slug: "bench-isp", name: "Bench ISP", legalName: "Bench ISP", currency: "EUR", timezone: "UTC" },
  });
  const svc = systemContext(tenant.id, "bench");
  const fiber = await createPlan(svc, {
    code: "F300",
    name: "Fiber 300",
    downloadKbps: 300_000,
    uploadKbps: 100_000,
    priceMinor: 3990,
    currency: "EUR",
  });
  const customer = await createCustomer(svc, {
    name: "Bench Customer",
    email: "bench@example.com",
    billingLine1: "Main St 1",
    billingCity: "Berlin",
    billingPostcode: "10115",
    billingCountry: "DE",
  } as Parameters<typeof createCustomer>[1]);
  const bng = await new BngSimulator({ authPort: 1, acctPort: 1, secret: SECRET, vendor: "mikrotik" }).start();
  stops.push(() => bng.stop());
  await createNas(svc, {
    nasname: "127.0.0.1",
    shortname: "bng-1",
    type: "mikrotik",
    secret: SECRET,
    coaPort: bng.daePort,
  } as Parameters<typeof createNas>[1]);
  // Enough ONUs for every job: 16 PON ports × 32 ONUs per OLT.
  simulatorFor(tenant.id, { ponPortsPerOlt: 16, onusPerPort: 32 });
  const olts = Math.ceil(N / 512);
  for (let i = 0; i < olts; i++)
    await registerOlt(svc, {
      name: `OLT-${i + 1}`,
      hostAndPort: `10.9.${i}.10:9191`,
      technology: "GPON",
      splitRatio: 64,
    } as Parameters<typeof registerOlt>[1]);
  const serials = (await prisma.onu.findMany({ where: { tenantId: tenant.id }, orderBy: { serialNumber: "asc" } })).map(
    (o) => o.serialNumber,
  );
  if (serials.length < N) throw new Error(`only ${serials.length} ONUs for ${N} jobs`);
  await createPool(svc, { name: "subs", prefix: "100.64.0.0/20", gateway: "100.64.0.1", dnsServers: ["1.1.1.1"] });
  const usernames = Array.from({ length: N }, (_, i) => `soak-${String(i).padStart(5, "0")}@bench`);
  planFaults(usernames);
  const faulted = plan.size;
  const permanent = [...plan.values()].filter((f) => f.permanent).length;
  say(`setup: ${olts} OLT(s), ${serials.length} ONUs, ${plan.size} jobs with a fault, in ${Date.now() - t0} ms`);

  // ---- enqueue every job, then let the workers drain them
  t0 = Date.now();
  const jobIds: string[] = [];
  for (let i = 0; i < N; i++) {
    const input: ProvisionInput = {
      customerId: customer.id,
      planId: fiber.id,
      onuSerial: serials[i],
      username: usernames[i],
      password: "soak-pass-1",
      accessType: "PPPOE",
    };
    jobIds.push((await createJob(svc, soakSaga, input)).id);
  }
  const enqueueMs = Date.now() - t0;
  say(`enqueued ${N} jobs in ${enqueueMs} ms`);
  const terminal = ["COMPLETED", "ROLLED_BACK", "ROLLBACK_FAILED", "CANCELLED"] as const;
  const unfinished = () =>
    prisma.orchestrationJob.count({ where: { tenantId: tenant.id, status: { notIn: [...terminal] } } });
  t0 = Date.now();
  let lastReport = Date.now();
  await runWorkers(async () => {
    const left = await unfinished();
    if (Date.now() - lastReport > 15_000) {
      say(`${N - left}/${N} jobs finished after ${Math.round((Date.now() - t0) / 1000)} s`);
      lastReport = Date.now();
    }
    return left === 0;
  });
  const soakMs = Date.now() - t0;

  const jobs = await prisma.orchestrationJob.findMany({
    where: { tenantId: tenant.id },
    include: { steps: true },
  });
  const count = (status: string) => jobs.filter((j) => j.status === status).length;
  const completed = count("COMPLETED");
  const rolledBack = count("ROLLED_BACK");
  const rollbackFailed = count("ROLLBACK_FAILED");
  // Did each job end as its fault said it must?
  let unexpected = 0;
  for (const j of jobs) {
    const fault = plan.get((j.input as { username: string }).username);
    const want = fault?.permanent ? "ROLLED_BACK" : "COMPLETED";
    if (j.status !== want) unexpected++;
  }
  // A rolled-back job must not leave its subscriber active (nor a completed one inactive).
  const statusOf = new Map(
    (await prisma.subscriber.findMany({ where: { tenantId: tenant.id }, select: { id: true, status: true } })).map(
      (s) => [s.id, s.status],
    ),
  );
  const inconsistent = jobs.filter((j) => {
    const status = j.subscriberId ? statusOf.get(j.subscriberId) : undefined;
    return j.status === "COMPLETED" ? status !== "ACTIVE" : status === "ACTIVE";
  }).length;
  // Nothing half-provisioned may remain: the drift scan compares every subscriber with every system.
  const drift = await scanNow(svc);
  for (const [type, n] of Object.entries(drift.byType as Record<string, number>)) say(`DRIFT ${type}: ${n}`);
  // Every rolled-back subscriber is back to "provisioning failed", every completed one active.
  const subs = await prisma.subscriber.groupBy({ by: ["status"], where: { tenantId: tenant.id }, _count: true });
  say(`subscribers by status: ${subs.map((s) => `${s.status}=${s._count}`).join(" ")}`);

  // Per-step split: the recorded time of each step's successful attempt, and the real work
  // (do / undo) measured around the product's step functions.
  const split = provisionSubscriber.steps.map((s) => {
    const rows = jobs.flatMap((j) => j.steps).filter((r) => r.name === s.name && r.durationMs !== null);
    const ok = rows.filter((r) => r.status === "COMPLETED" || r.status === "UNDONE").map((r) => r.durationMs as number);
    const w = work.get(s.name) ?? { doMs: [], undoMs: [] };
    return {
      step: s.name,
      ms: mean(ok),
      p95: pct(ok, 95),
      doMs: mean(w.doMs),
      undoMs: mean(w.undoMs),
      undos: w.undoMs.length,
    };
  });
  say("step          mean_ms  p95_ms  do_ms  undo_ms  undos");
  for (const s of split)
    say(
      `${s.step.padEnd(12)} ${s.ms.toFixed(1).padStart(8)} ${s.p95.toFixed(0).padStart(7)} ${s.doMs.toFixed(1).padStart(6)} ${s.undoMs.toFixed(1).padStart(8)} ${String(s.undos).padStart(6)}`,
    );

  // ---- retry every rolled-back job with its fault cleared: each must complete
  t0 = Date.now();
  const toRetry = jobs.filter((j) => j.status === "ROLLED_BACK");
  plan.clear();
  for (const j of toRetry) await retryJob(svc, soakSaga, j.id);
  await runWorkers(async () => (await unfinished()) === 0);
  const retriedCompleted = await prisma.orchestrationJob.count({
    where: { id: { in: toRetry.map((j) => j.id) }, status: "COMPLETED" },
  });
  const driftAfterRetry = await scanNow(svc);
  say(`retried ${toRetry.length} rolled-back jobs: ${retriedCompleted} completed in ${Date.now() - t0} ms`);

  // ---- a sample of the provisioned subscribers authenticates against FreeRADIUS
  let authOk = 0;
  let sampled = 0;
  if (RADIUS_SAMPLE > 0) {
    const radiusd: RadiusdHandle = await startRadiusd({ databaseUrl });
    stops.unshift(() => radiusd.stop());
    bng.opts.authPort = radiusd.authPort;
    bng.opts.acctPort = radiusd.acctPort;
    const live = await prisma.subscriber.findMany({
      where: { tenantId: tenant.id, status: "ACTIVE" },
      select: { username: true },
    });
    const pick = seededRandom(`${SEED}:radius`);
    const sample = [...live].sort(() => pick() - 0.5).slice(0, RADIUS_SAMPLE);
    for (const s of sample) {
      sampled++;
      const dial = await bng.dial(s.username, "soak-pass-1");
      if (dial.accepted && dial.session.rate === "100M/300M") authOk++;
      else say(`radius: ${s.username} ${dial.accepted ? `accepted with rate ${dial.session.rate}` : dial.reason}`);
      if (dial.accepted) await bng.hangup(dial.session.acctSessionId);
    }
  }

  const jobsPerS = N / (soakMs / 1000);
  const stepMs = split.map((s) => `${s.step}:${s.ms.toFixed(1)}`).join(",");
  if (drift.findings || driftAfterRetry.findings || rollbackFailed || inconsistent || completed + rolledBack !== N)
    exitCode = 1;
  if (retriedCompleted !== toRetry.length || authOk !== sampled) exitCode = 1;
  console.log(
    `jobs_per_s=${jobsPerS.toFixed(2)} drift=${drift.findings} rolled_back=${rolledBack} completed=${completed} rollback_failed=${rollbackFailed} inconsistent_subscriber=${inconsistent} unexpected_outcome=${unexpected} retried_completed=${retriedCompleted}/${toRetry.length} drift_after_retry=${driftAfterRetry.findings} radius_accept=${authOk}/${sampled} jobs=${N} faulted=${faulted} permanent=${permanent} step_failures=${stepErrorsLogged} workers=${WORKERS}x${CONCURRENCY} soak_s=${(soakMs / 1000).toFixed(1)} enqueue_per_s=${(N / (enqueueMs / 1000)).toFixed(1)} step_ms=${stepMs}`,
  );
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  for (const stop of stops) await stop().catch(() => {});
  await scratch.drop();
}
process.exit(exitCode);
