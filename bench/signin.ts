// npm run bench:signin — the sign-in storm of issue #11: 200 wrong passwords for one account,
// all at once, while other people keep working. Builds a private database (all migrations),
// a tenant with the target account and BENCH_OTHERS other staff, then fires BENCH_ATTEMPTS
// (default 200) parallel failed sign-ins at the target through verifyCredentials (the function
// the sign-in form's server action calls; per-IP and per-account limits included), each from
// its own address, and during the storm the others sign in with their right password and open
// their ticket queue and their own account through the tRPC router.
// The rate limits are the production ones: the per-account limit turns most attempts away
// before any password hashing, so the others' requests stay fast. RATE_LIMIT_SCALE=100 lets
// every attempt reach scrypt and the lockout counter (the worst case: still no failures, but
// the others wait for the hashing threads).
// Target: no other request fails (no 5xx: the pool is not starved), and the account is locked
// after exactly LOGIN_MAX_FAILURES failures (one lock, max-1 counted failures, none after).
// Last line: attempts=<n> others=<n> other_errors=<n> other_p95_ms=<x> baseline_p95_ms=<same work
// without the storm> storm_ms=<y> lock_exact=<0|1>.
import "@/server/modules/orchestration";
import { randomBytes } from "node:crypto";
import { applyMigrations } from "@/scripts/migrate";
import { db } from "@/server/db";
import { env } from "@/server/env";
import {
  builtInRole,
  hashPassword,
  loadSessionUser,
  syncBuiltInRoles,
  verifyCredentials,
} from "@/server/modules/identity";
import { readTenant } from "@/server/modules/tenancy";
import { provideTenantReader } from "@/server/tenant-directory";
import { appRouter } from "@/server/trpc/root";
import { scratchDatabase } from "./scratch-database";

const ATTEMPTS = Number(process.env.BENCH_ATTEMPTS ?? 200);
const OTHERS = Number(process.env.BENCH_OTHERS ?? 20);

provideTenantReader(readTenant);
const scratch = await scratchDatabase(`fiberops_bench_signin_${process.pid}`);
let exitCode = 0;
try {
  await applyMigrations(scratch.url, () => {});
  process.env.DATABASE_URL = scratch.url;
  const prisma = db();
  await syncBuiltInRoles(prisma);
  const tenant = await prisma.tenant.create({
    data: {
      slug: "bench-signin",
      name: "Bench ISP",
      legalName: "Bench ISP Ltd",
      currency: "EUR",
      timezone: "Europe/Berlin",
    },
  });
  const csr = await builtInRole(prisma, "csr");
  const password = "right-horse-battery-7";
  const passwordHash = await hashPassword(password);
  const person = (email: string) =>
    prisma.user.create({
      data: { email, name: email, audience: "STAFF", tenantId: tenant.id, roleId: csr.id, passwordHash },
    });
  const target = await person("target@bench.example");
  const others = await Promise.all(Array.from({ length: OTHERS }, (_, i) => person(`agent-${i}@bench.example`)));

  let otherTimes: number[] = [];
  const otherErrors: string[] = [];
  /** One person's work: sign in with the right password, then two reads through the router. */
  async function otherWork(user: (typeof others)[number], i: number) {
    const started = performance.now();
    try {
      const signedIn = await verifyCredentials(user.email, password, `198.51.100.${(i % 200) + 1}`);
      if (!signedIn.ok) throw new Error(`sign-in answered ${signedIn.reason}`);
      const session = await loadSessionUser(prisma, user.id, 0);
      if (!session) throw new Error("no session user");
      const caller = appRouter.createCaller({ user: session, ip: "198.51.100.250" });
      await caller.identity.me();
      await caller.tickets.list({ page: 1, pageSize: 25 });
    } catch (error) {
      otherErrors.push((error as Error).message);
    }
    otherTimes.push(performance.now() - started);
  }

  const p95Of = (times: number[]) =>
    [...times].sort((a, b) => a - b)[Math.min(times.length - 1, Math.floor(times.length * 0.95))] ?? 0;
  /** The others start in three waves, 50 ms apart. */
  async function waves(first: number) {
    const work: Promise<void>[] = [];
    for (let wave = 0; wave < 3; wave++) {
      work.push(...others.map((u, i) => otherWork(u, first + i + wave * OTHERS)));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return work;
  }
  // Baseline: the same work with no storm (scrypt on a loaded machine is most of it).
  await Promise.all(await waves(3 * OTHERS));
  const baselineP95 = p95Of(otherTimes);
  otherTimes = [];

  const stormStarted = performance.now();
  const address = () => `203.0.113.${randomBytes(1)[0]! % 250}`;
  const storm = Promise.all(
    Array.from({ length: ATTEMPTS }, (_, i) => verifyCredentials(target.email, `wrong-password-${i}`, address())),
  );
  // The others start while the storm is in flight.
  const work = await waves(0);
  const answers = await storm;
  const stormMs = performance.now() - stormStarted;
  await Promise.all(work);

  const reasons = new Map<string, number>();
  for (const a of answers) reasons.set(a.ok ? "ok" : a.reason, (reasons.get(a.ok ? "ok" : a.reason) ?? 0) + 1);
  const max = env().LOGIN_MAX_FAILURES;
  const after = await prisma.user.findUniqueOrThrow({ where: { id: target.id } });
  const audit = await prisma.auditLog.groupBy({
    by: ["action"],
    where: { targetId: target.id, action: { in: ["auth.sign_in_failed", "auth.locked"] } },
    _count: true,
  });
  const counted = (action: string) => audit.find((a) => a.action === action)?._count ?? 0;
  const lockExact =
    counted("auth.locked") === 1 && counted("auth.sign_in_failed") === max - 1 && after.lockedUntil !== null;
  // The right password does not open a locked account.
  const lockedOut = await verifyCredentials(target.email, password, "192.0.2.99");

  const p95 = p95Of(otherTimes);
  console.log(`answers to the ${ATTEMPTS} wrong passwords: ${JSON.stringify(Object.fromEntries(reasons))}`);
  console.log(
    `lockout: LOGIN_MAX_FAILURES=${max}; audited ${counted("auth.sign_in_failed")} failures and ${counted("auth.locked")} lock; locked until ${after.lockedUntil?.toISOString()}; right password afterwards: ${lockedOut.ok ? "ok" : lockedOut.reason}`,
  );
  console.log(
    `others: ${otherTimes.length} requests (sign-in + 2 reads), ${otherErrors.length} failed${otherErrors.length ? `: ${[...new Set(otherErrors)].join("; ")}` : ""}`,
  );
  const ok = otherErrors.length === 0 && lockExact && !lockedOut.ok && !reasons.has("ok");
  if (!ok) exitCode = 1;
  await prisma.$disconnect();
  console.log(
    `attempts=${ATTEMPTS} others=${otherTimes.length} other_errors=${otherErrors.length} other_p95_ms=${p95.toFixed(0)} baseline_p95_ms=${baselineP95.toFixed(0)} storm_ms=${stormMs.toFixed(0)} lock_exact=${lockExact ? 1 : 0}`,
  );
} finally {
  await scratch.drop();
}
process.exit(exitCode);
