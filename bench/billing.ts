// npm run bench:billing — a billing run over 100,000 active subscriptions with usage.
// Builds a private database (all migrations), a tenant with two plans and tax, N customers with
// one billing subscription each and a month of RADIUS accounting (some over their cap), then
// times runBillingCycle for the next cycle. Last line: invoices=<n> seconds=<s> peak_rss_mb=<m>.
//   BENCH_SUBSCRIPTIONS=100000 BENCH_BATCH=2000 npm run bench:billing
import pg from "pg";
import { applyMigrations } from "@/scripts/migrate";
import { db } from "@/server/db";
import { runBillingCycle } from "@/server/modules/billing";
import { systemContext } from "@/server/service-context";
import { scratchDatabase } from "./scratch-database";

const N = Number(process.env.BENCH_SUBSCRIPTIONS ?? 100_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 2000);
const scratch = await scratchDatabase(`fiberops_bench_billing_${process.pid}`);
let exitCode = 0;
try {
  await applyMigrations(scratch.url);
  const c = new pg.Client({ connectionString: scratch.url });
  await c.connect();
  const t0 = Date.now();
  const {
    rows: [tenant],
  } = await c.query(`INSERT INTO "Tenant" (id, slug, name, "legalName", currency, timezone, "billingDay", "updatedAt")
    VALUES (gen_random_uuid(), 'bench', 'Bench Fiber', 'Bench Fiber Ltd', 'EUR', 'Europe/Lisbon', 1, now()) RETURNING id`);
  const tid = tenant.id as string;
  await c.query(
    `INSERT INTO "TaxRate" (id, "tenantId", name, "basisPoints", "isDefault") VALUES (gen_random_uuid(), $1, 'VAT 23%', 2300, true)`,
    [tid],
  );
  await c.query(
    `INSERT INTO "Plan" (id, "tenantId", code, name, "downloadKbps", "uploadKbps", "dataCapGb", "priceMinor", currency,
       "overagePerGbMinor", "updatedAt")
     VALUES (gen_random_uuid(), $1, 'F100', 'Fiber 100', 100000, 50000, 200, 2999, 'EUR', 150, now()),
            (gen_random_uuid(), $1, 'F1000', 'Fiber 1000', 1000000, 500000, NULL, 5999, 'EUR', 0, now())`,
    [tid],
  );
  await c.query(
    `INSERT INTO "Customer" (id, "tenantId", number, name, email, "billingLine1", "billingCity", "billingPostcode",
       "billingCountry", "updatedAt")
     SELECT gen_random_uuid(), $1, 'C' || g, 'Customer ' || g, 'c' || g || '@bench.test', g || ' Fibre Street', 'Lisbon',
       '1000-001', 'PT', now()
       FROM generate_series(1, $2::int) g`,
    [tid, N],
  );
  // One subscription per customer, paid through 1 Nov; half on each plan.
  await c.query(
    `INSERT INTO "BillingSubscription" (id, "tenantId", "subscriberId", "customerId", "planId", currency, "startedOn",
       "paidThrough", "usageRatedThrough", "updatedAt")
     SELECT gen_random_uuid(), $1, gen_random_uuid(), cu.id,
            CASE WHEN abs(hashtext(cu.id::text)) % 2 = 0 THEN p1.id ELSE p2.id END,
            'EUR', DATE '2026-09-01', DATE '2026-11-01', DATE '2026-10-01', now()
       FROM "Customer" cu, "Plan" p1, "Plan" p2
      WHERE cu."tenantId" = $1 AND p1."tenantId" = $1 AND p1.code = 'F100' AND p2."tenantId" = $1 AND p2.code = 'F1000'`,
    [tid],
  );
  // October accounting: three sessions per subscriber, 60–300 GB in total.
  await c.query(
    `INSERT INTO radacct (acctsessionid, acctuniqueid, username, nasipaddress, acctstarttime, acctstoptime,
       acctinputoctets, acctoutputoctets, tenant_id, subscriber_id)
     SELECT s.id::text || k, s.id::text || k, 'u', '10.0.0.1', TIMESTAMPTZ '2026-10-01' + (k * 9) * interval '1 day',
            TIMESTAMPTZ '2026-10-01' + (k * 9 + 1) * interval '1 day',
            ((abs(hashtext(s.id::text)) % 100) + 20)::bigint * 100000000,
            ((abs(hashtext(s.id::text || k)) % 800) + 180)::bigint * 100000000, $1, s."subscriberId"
       FROM "BillingSubscription" s, generate_series(0, 2) k WHERE s."tenantId" = $1`,
    [tid],
  );
  await c.query("ANALYZE");
  await c.end();
  console.log(`setup: ${N} subscriptions with usage in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  process.env.DATABASE_URL = scratch.url;
  const prisma = db();
  const svc = systemContext(tid, "bench");
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  const start = process.hrtime.bigint();
  const run = await runBillingCycle(svc, { date: new Date("2026-11-01T00:00:00Z"), batchSize: BATCH });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  const invoices = await prisma.invoice.count({ where: { tenantId: tid, status: { not: "DRAFT" } } });
  const lines = await prisma.invoiceLine.count({ where: { tenantId: tid } });
  const usageLines = await prisma.invoiceLine.count({ where: { tenantId: tid, kind: "USAGE" } });
  const again = await runBillingCycle(svc, { date: new Date("2026-11-15T00:00:00Z"), batchSize: BATCH });
  const after = await prisma.invoice.count({ where: { tenantId: tid } });
  console.log(
    `run ${run.status}: ${run.invoicesCreated} invoices, ${lines} lines (${usageLines} usage), total ${run.totalMinor} minor; re-run added ${after - invoices} (run ${again.id === run.id ? "reused" : "new"})`,
  );
  await prisma.$disconnect();
  if (invoices !== N || after !== invoices) exitCode = 1;
  console.log(`invoices=${invoices} seconds=${seconds.toFixed(1)} peak_rss_mb=${Math.round(peak / 1048576)}`);
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await scratch.drop();
}
process.exit(exitCode);
