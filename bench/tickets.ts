// npm run bench:tickets — the support queue and its search at a million tickets.
// Builds a private database (all migrations), a tenant with BENCH_TICKETS tickets (default 1,000,000) over two years — most
// resolved or closed, ~8 % open, five teams, twenty agents, one reply on every fifth — plus a
// second tenant's 20,000, then times listTickets (the queue's only query) as the desk calls it:
// searches of common, rare and absent words and ticket numbers; and the queue's views (open,
// mine, unassigned, breaching soon, pending), team and status filters and later pages.
// Loading writes each ticket's search vector with the triggers' expression in bulk (triggers
// off, GIN index built after), which gives the same rows as the triggers, many times faster.
// Last line: tickets=<n> search_p95_ms=<x> queue_p95_ms=<y>.
// Loaded first: orchestration's saga registry must be built before the subscribers module
// (reached through the tickets module) loads (see app/api/v1/routes.ts).
import "@/server/modules/orchestration";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { applyMigrations } from "@/scripts/migrate";
import { db, tenantDb } from "@/server/db";
import { listTickets } from "@/server/modules/tickets";
import type { ServiceContext } from "@/server/service-context";
import { keptDatabase, scratchDatabase } from "./scratch-database";

const N = Number(process.env.BENCH_TICKETS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
// BENCH_REUSE=<database> times the queries again on a database an earlier run kept (BENCH_KEEP=1).
const reuse = process.env.BENCH_REUSE;
const scratch = reuse ? keptDatabase(reuse) : await scratchDatabase(`fiberops_bench_tickets_${process.pid}`);
let exitCode = 0;

const WORDS = [
  "internet",
  "slow",
  "evening",
  "router",
  "wifi",
  "drops",
  "invoice",
  "charged",
  "twice",
  "outage",
  "street",
  "installation",
  "appointment",
  "moving",
  "house",
  "fibre",
  "cable",
  "cut",
  "speed",
  "test",
  "upload",
  "gaming",
  "latency",
  "television",
  "iptv",
  "freezes",
  "password",
  "reset",
  "email",
  "bill",
  "refund",
  "technician",
];

async function fill(c: pg.Client, tenantId: string, count: number, agents: string[], offset: number) {
  const batch = 100_000;
  for (let from = 1; from <= count; from += batch) {
    const to = Math.min(count, from + batch - 1);
    // Subjects and descriptions from the vocabulary (words chosen by hashing the number).
    await c.query(
      `INSERT INTO "Ticket" (id, "tenantId", number, subject, description, type, priority, severity, status, channel,
         team, "assigneeId", "replyToken", "createdAt", "updatedAt", "firstResponseDueAt", "resolutionDueAt",
         "firstRespondedAt", "resolvedAt", "closedAt", "responseBreached", "resolutionBreached", "requesterName",
         "searchVector")
       SELECT gen_random_uuid(), $1::uuid, g, txt.subject, txt.description,
              (ARRAY['FAULT','BILLING','INSTALLATION','OUTAGE_REPORT','GENERAL'])[1 + g % 5]::"TicketType",
              (ARRAY['LOW','NORMAL','NORMAL','HIGH','URGENT'])[1 + (g / 7) % 5]::"TicketPriority",
              'MINOR', s.status::"TicketStatus",
              (ARRAY['PORTAL','EMAIL','PHONE','PHONE','PARTNER'])[1 + (g / 3) % 5]::"TicketChannel",
              (ARRAY['Support','Billing','Field','NOC','Sales'])[1 + (g / 11) % 5],
              CASE WHEN g % 4 = 0 THEN NULL ELSE ($3::uuid[])[1 + g % cardinality($3::uuid[])] END,
              md5(g::text || $1::text), at, at,
              CASE WHEN s.running THEN now() + ((g % 600) - 120) * interval '1 minute' ELSE at + interval '4 hours' END,
              CASE WHEN s.running THEN now() + ((g % 3000) - 200) * interval '1 minute' ELSE at + interval '2 days' END,
              CASE WHEN s.status = 'NEW' THEN NULL ELSE at + interval '1 hour' END,
              CASE WHEN s.status IN ('RESOLVED', 'CLOSED') THEN at + interval '1 day' END,
              CASE WHEN s.status = 'CLOSED' THEN at + interval '8 days' END,
              g % 19 = 0, g % 23 = 0, 'Customer ' || g,
              setweight(to_tsvector('simple', txt.subject), 'A') || setweight(to_tsvector('simple', txt.description), 'B')
         FROM generate_series($4::int, $5::int) g,
              (SELECT $7::text[] AS w) words,
              LATERAL (SELECT w[1 + (g * 7) % cardinality(w)] || ' ' || w[1 + (g * 13) % cardinality(w)] || ' '
                                || w[1 + (g * 29) % cardinality(w)] AS subject,
                              'Customer says ' || w[1 + (g * 3) % cardinality(w)] || ' ' || w[1 + (g * 11) % cardinality(w)]
                                || ' since ' || w[1 + (g * 17) % cardinality(w)] || ' and ' || w[1 + (g * 23) % cardinality(w)]
                                || ' ticket ' || g AS description) txt,
              LATERAL (SELECT now() - ($2::int - g + $6::int) * (interval '2 years' / $2::int) AS at) a,
              LATERAL (SELECT CASE WHEN g > $2::int * 0.92 THEN (ARRAY['NEW','OPEN','OPEN','PENDING_CUSTOMER','PENDING_THIRD_PARTY'])[1 + g % 5]
                                   WHEN g % 3 = 0 THEN 'RESOLVED' ELSE 'CLOSED' END AS status) s0,
              LATERAL (SELECT s0.status, s0.status IN ('NEW','OPEN','PENDING_THIRD_PARTY') AS running) s`,
      [tenantId, count, agents, from, to, offset, WORDS],
    );
    // One reply on every fifth ticket (the entry trigger adds its words to the vector).
    await c.query(
      `INSERT INTO "TicketEntry" (id, "tenantId", "ticketId", author, "authorName", body, "createdAt")
       SELECT gen_random_uuid(), $1, t.id, 'STAFF', 'Agent', 'We checked the ' || w[1 + (t.number * 5) % cardinality(w)]
              || ' and the ' || w[1 + (t.number * 31) % cardinality(w)], t."createdAt" + interval '1 hour'
         FROM "Ticket" t, (SELECT $4::text[] AS w) words
        WHERE t."tenantId" = $1 AND t.number BETWEEN $2 AND $3 AND t.number % 5 = 0`,
      [tenantId, from, to, WORDS],
    );
    // Each message's words, appended as the entry trigger does.
    await c.query(
      `UPDATE "Ticket" t SET "searchVector" = t."searchVector" || to_tsvector('simple', e.body)
         FROM "TicketEntry" e
        WHERE e."ticketId" = t.id AND t."tenantId" = $1 AND t.number BETWEEN $2 AND $3`,
      [tenantId, from, to],
    );
    process.stdout.write(`  ${to.toLocaleString()} tickets\r`);
  }
  await c.query(`INSERT INTO "TicketCounter" ("tenantId", last) VALUES ($1, $2)`, [tenantId, count]);
}

async function load(tenants: string[], agents: string[]) {
  await applyMigrations(scratch.url);
  const c = new pg.Client({ connectionString: scratch.url });
  // Dropping the scratch database ends this connection if loading failed half-way.
  c.on("error", () => {});
  await c.connect();
  for (const slug of ["bench", "other"]) {
    const { rows } = await c.query(
      `INSERT INTO "Tenant" (id, slug, name, "legalName", currency, timezone, "updatedAt")
       VALUES (gen_random_uuid(), $1, $1, $1, 'EUR', 'Europe/Lisbon', now()) RETURNING id`,
      [slug],
    );
    tenants.push(rows[0].id);
  }
  const t0 = Date.now();
  await c.query(`ALTER TABLE "Ticket" DISABLE TRIGGER ticket_search_vector`);
  await c.query(`ALTER TABLE "TicketEntry" DISABLE TRIGGER ticket_entry_search_vector`);
  await c.query(`DROP INDEX "Ticket_searchVector_idx"`);
  await fill(c, tenants[0] as string, N, agents, 0);
  await fill(c, tenants[1] as string, 20_000, agents, 0);
  await c.query(`CREATE INDEX "Ticket_searchVector_idx" ON "Ticket" USING GIN ("searchVector")`);
  await c.query(`ALTER TABLE "Ticket" ENABLE TRIGGER ticket_search_vector`);
  await c.query(`ALTER TABLE "TicketEntry" ENABLE TRIGGER ticket_entry_search_vector`);
  await c.query(`VACUUM ANALYZE "Ticket"`);
  await c.end();
  console.log(`\nloaded ${N.toLocaleString()} tickets in ${((Date.now() - t0) / 1000).toFixed(0)}s`);
}

function p95(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? 0;
}

async function timed(work: () => Promise<unknown>) {
  const t0 = performance.now();
  await work();
  return performance.now() - t0;
}

try {
  const tenants: string[] = [];
  const agents = Array.from({ length: 20 }, () => randomUUID());
  if (reuse) {
    const c = new pg.Client({ connectionString: scratch.url });
    await c.connect();
    const { rows } = await c.query(`SELECT id FROM "Tenant" WHERE slug = 'bench'`);
    tenants.push(rows[0].id);
    // The agent whose "mine" view is timed: one the tickets are assigned to.
    const mine = await c.query(`SELECT "assigneeId" FROM "Ticket" WHERE "tenantId" = $1 AND number = 1`, [rows[0].id]);
    agents[1] = mine.rows[0].assigneeId;
    await c.end();
  } else {
    await load(tenants, agents);
  }
  process.env.DATABASE_URL = scratch.url;
  const prisma = db();
  const svc: ServiceContext = {
    tenantId: tenants[0] as string,
    db: tenantDb(tenants[0] as string, prisma),
    actor: { userId: agents[1] as string, label: "bench", ip: null },
  };
  const searches = [
    ...WORDS.map((w) => ({ search: w })),
    { search: "router drops" },
    { search: "refund twice" },
    { search: "nonexistentword" },
    { search: `T-${Math.floor(N / 2)}` },
    { search: String(N - 5) },
  ];
  const queues = [
    { view: "open" as const },
    { view: "mine" as const },
    { view: "unassigned" as const },
    { view: "breaching" as const },
    { view: "pending" as const },
    { view: "open" as const, team: "Billing" },
    { view: "open" as const, status: "NEW" as const },
    { view: "open" as const, page: 3 },
    { view: "resolved" as const },
    { view: "all" as const, page: 2 },
  ];
  // The machine's floor: one trivial round trip to PostgreSQL (a shared, busy machine shows here).
  const floor: number[] = [];
  for (let i = 0; i < 50; i++) floor.push(await timed(() => prisma.$queryRaw`SELECT 1`));
  console.log(`round trip p50 ${[...floor].sort((a, b) => a - b)[25]?.toFixed(1)}ms (SELECT 1)`);
  // Warm up once, then measure.
  for (const s of searches.slice(0, 3)) await listTickets(svc, { view: "all", ...s });
  for (const q of queues.slice(0, 3)) await listTickets(svc, q);
  const searchMs: number[] = [];
  const queueMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s = searches[i % searches.length] as { search: string };
    searchMs.push(await timed(() => listTickets(svc, { view: i % 2 ? "all" : "open", ...s })));
    const q = queues[i % queues.length] as (typeof queues)[number];
    queueMs.push(await timed(() => listTickets(svc, q)));
  }
  const worst = (ms: number[], labels: string[]) =>
    ms
      .map((m, i) => ({ m, l: labels[i % labels.length] }))
      .sort((a, b) => b.m - a.m)
      .slice(0, 3)
      .map((x) => `${x.l} ${x.m.toFixed(1)}ms`)
      .join(", ");
  console.log(
    `slowest searches: ${worst(
      searchMs,
      searches.map((s) => s.search),
    )}`,
  );
  console.log(
    `slowest queue views: ${worst(
      queueMs,
      queues.map((q) => JSON.stringify(q)),
    )}`,
  );
  await prisma.$disconnect();
  console.log(`tickets=${N} search_p95_ms=${p95(searchMs).toFixed(1)} queue_p95_ms=${p95(queueMs).toFixed(1)}`);
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  if (process.env.BENCH_KEEP) console.log(`kept ${scratch.url}`);
  else await scratch.drop();
}
process.exit(exitCode);
