// npm run bench:radius — authentication and accounting throughput of FreeRADIUS 3.2 on our
// schema with 100k subscribers, against the same radiusd answering from its `files` module
// (users file held in memory: the ceiling on this machine).
//   BENCH_SUBSCRIBERS (100000)  BENCH_SECONDS per measurement (10)  BENCH_SESSIONS (20000)
//   BENCH_INFLIGHT per socket (64)  BENCH_SOCKETS (4)  BENCH_THREADS (8)  BENCH_SQL_POOL (8)
//   BENCH_STOCK=1 also measures the stock FreeRADIUS queries (before/after comparison)
// files and sql are measured the same way, alternately in BENCH_ROUNDS (2) slices so that a
// change in the machine's load (shared with other builds) hits both alike. Besides rates, it
// reports the CPU time each request costs in radiusd, PostgreSQL and the load generator:
// a figure that does not depend on how busy the machine is.
// Last line: auth_ratio=<sql/files> interim_per_s=<Interim-Updates answered per second> …
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { createPlan } from "@/server/modules/catalog";
import { planGroupName } from "@/server/modules/radius";
import { type RadiusdHandle, startRadiusd } from "../radius/run";
import { encodeRequest } from "../radius/wire";
import { applyMigrations } from "../scripts/migrate";
import { db as appDb } from "../server/db";
import { systemContext } from "../server/service-context";
import { type LoadResult, runLoad } from "./radius-load";
import { scratchDatabase } from "./scratch-database";

const N = Number(process.env.BENCH_SUBSCRIBERS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 20_000);
const INFLIGHT = Number(process.env.BENCH_INFLIGHT ?? 64);
const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const SECRET = "bench-secret-1";
const say = (line: string) => console.log(`[bench:radius] ${line}`);

const scratch = await scratchDatabase(`fiberops_bench_${randomBytes(4).toString("hex")}`);
const databaseUrl = scratch.url;
const stops: Array<() => Promise<void>> = [];

try {
  let t0 = Date.now();
  await applyMigrations(databaseUrl);
  process.env.DATABASE_URL = databaseUrl;
  const prisma = appDb();
  stops.push(() => prisma.$disconnect());
  const tenant = await prisma.tenant.create({
    data: { slug: "bench-isp", name: "Bench ISP", legalName: "Bench ISP", currency: "EUR", timezone: "UTC" },
  });
  const svc = systemContext(tenant.id, "bench");
  const plan = await createPlan(svc, {
    code: "BENCH-100",
    name: "Bench 100",
    downloadKbps: 100_000,
    uploadKbps: 20_000,
    priceMinor: 1000,
    currency: "EUR",
  });
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  stops.push(() => db.end());
  const customer = await db.query<{ id: string }>(
    `INSERT INTO "Customer" (id, "tenantId", number, name, email, "billingLine1", "billingCity", "billingPostcode", "billingCountry", "updatedAt")
     VALUES (gen_random_uuid(), $1, 'C000001', 'Bench Customer', 'bench@example.com', 'x', 'x', 'x', 'DE', now()) RETURNING id`,
    [tenant.id],
  );
  // The same rows writeSubscriberRadius produces, in bulk.
  await db.query(
    `INSERT INTO "Subscriber" (id, "tenantId", "customerId", "planId", username, password, status, "searchText", "activatedAt", "updatedAt")
     SELECT gen_random_uuid(), $1, $2, $3, 'bench' || g || '@isp', 'pw-' || g, 'ACTIVE', 'bench' || g || '@isp', now(), now()
       FROM generate_series(1, $4::int) g`,
    [tenant.id, customer.rows[0].id, plan.id, N],
  );
  await db.query(
    `INSERT INTO radcheck (username, attribute, op, value, tenant_id, subscriber_id)
     SELECT username, 'Cleartext-Password', ':=', password, "tenantId", id FROM "Subscriber" WHERE "tenantId" = $1`,
    [tenant.id],
  );
  const groups = ["mikrotik", "cisco", "juniper", "huawei", "other"].map((v, i) => [
    planGroupName(plan.id, v as "mikrotik"),
    i + 1,
  ]);
  for (const [group, priority] of groups)
    await db.query(
      `INSERT INTO radusergroup (username, groupname, priority, tenant_id, subscriber_id)
       SELECT username, $2, $3, "tenantId", id FROM "Subscriber" WHERE "tenantId" = $1`,
      [tenant.id, group, priority],
    );
  await db.query(
    `INSERT INTO nas (nasname, shortname, type, secret, tenant_id) VALUES ('127.0.0.1', 'bench', 'mikrotik', $1, $2)`,
    [SECRET, tenant.id],
  );
  await db.query("VACUUM ANALYZE");
  say(`${N} subscribers with RADIUS rows loaded in ${((Date.now() - t0) / 1000).toFixed(1)}s`);

  // Access-Requests for random subscribers (PAP).
  t0 = Date.now();
  const authPackets: Buffer[] = [];
  for (let i = 0; i < 20_000; i++) {
    const n = 1 + Math.floor(Math.random() * N);
    authPackets.push(
      encodeRequest({
        code: "Access-Request",
        identifier: 0,
        secret: SECRET,
        messageAuthenticator: false,
        attributes: [
          ["User-Name", `bench${n}@isp`],
          ["User-Password", `pw-${n}`],
          ["NAS-IP-Address", "127.0.0.1"],
          ["NAS-Port", n % 65535],
          ["NAS-Port-Type", "Ethernet"],
          ["Service-Type", "Framed-User"],
          ["Framed-Protocol", "PPP"],
          ["Calling-Station-Id", `02:00:00:${(n >> 16) & 255}:${(n >> 8) & 255}:${n & 255}`],
        ],
      }),
    );
  }
  say(`encoded ${authPackets.length} Access-Requests in ${((Date.now() - t0) / 1000).toFixed(1)}s`);

  const load = { host: "127.0.0.1", secret: SECRET, sockets: SOCKETS, inflightPerSocket: INFLIGHT } as const;
  // CPU time (clock ticks → µs) of radiusd, of this database's PostgreSQL backends and of us.
  const ticks = (pid?: number) => {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      return (Number(f[11]) + Number(f[12])) * 10_000;
    } catch {
      return 0;
    }
  };
  const cpu = async (radiusd: RadiusdHandle) => {
    const { rows } = await db.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
    );
    const usage = process.cpuUsage();
    return {
      radiusd: ticks(radiusd.pid()),
      postgres: rows.reduce((sum, r) => sum + ticks(r.pid), 0),
      loadgen: usage.user + usage.system,
    };
  };
  type Measured = LoadResult & { seconds: number; cpu: { radiusd: number; postgres: number; loadgen: number } };
  const measure = async (radiusd: RadiusdHandle, opts: Omit<Parameters<typeof runLoad>[0], keyof typeof load>) => {
    const before = await cpu(radiusd);
    const started = Date.now();
    const r = await runLoad({ ...load, ...opts });
    const seconds = (Date.now() - started) / 1000;
    const after = await cpu(radiusd);
    const per = (k: keyof typeof before) => (after[k] - before[k]) / Math.max(1, r.answered);
    return { ...r, seconds, cpu: { radiusd: per("radiusd"), postgres: per("postgres"), loadgen: per("loadgen") } };
  };
  const sum = (parts: Measured[]): Measured => {
    const seconds = parts.reduce((a, p) => a + p.seconds, 0);
    const total = (k: "sent" | "answered" | "ok" | "lost") => parts.reduce((a, p) => a + p[k], 0);
    const answered = total("answered");
    const cpuOf = (k: keyof Measured["cpu"]) =>
      parts.reduce((a, p) => a + p.cpu[k] * p.answered, 0) / Math.max(1, answered);
    return {
      sent: total("sent"),
      answered,
      ok: total("ok"),
      lost: total("lost"),
      seconds,
      perSecond: answered / seconds,
      okPerSecond: total("ok") / seconds,
      cpu: { radiusd: cpuOf("radiusd"), postgres: cpuOf("postgres"), loadgen: cpuOf("loadgen") },
    };
  };
  const cpuText = (m: Measured) =>
    `cpu µs/request: radiusd ${m.cpu.radiusd.toFixed(0)}, postgres ${m.cpu.postgres.toFixed(0)}, load generator ${m.cpu.loadgen.toFixed(0)}`;
  const auth = (radiusd: RadiusdHandle, durationMs: number) =>
    measure(radiusd, { port: radiusd.authPort, packets: authPackets, accounting: false, okCode: 2, durationMs });
  const radiusdOptions = {
    databaseUrl,
    threads: Number(process.env.BENCH_THREADS ?? 8),
    maxThreads: Number(process.env.BENCH_THREADS ?? 8),
    sqlPool: Number(process.env.BENCH_SQL_POOL ?? 8),
  };

  // The ceiling: the files module with the same subscribers in its users file; our schema
  // through the sql module (and, with BENCH_STOCK, through the stock queries).
  const users = Array.from(
    { length: N },
    (_, i) => `bench${i + 1}@isp Cleartext-Password := "pw-${i + 1}"\n\tMikrotik-Rate-Limit := "20M/100M"\n`,
  ).join("");
  const servers: Array<[string, RadiusdHandle]> = [
    ["files", await startRadiusd({ ...radiusdOptions, mode: "files", usersFile: users })],
    ["sql", await startRadiusd(radiusdOptions)],
  ];
  if (process.env.BENCH_STOCK)
    servers.push(["sql-stock", await startRadiusd({ ...radiusdOptions, stockQueries: true })]);
  for (const [, r] of servers) stops.push(() => r.stop());
  const results = new Map<string, Measured[]>();
  for (const [, r] of servers) await auth(r, 2000); // warm-up: connections, caches
  for (let round = 0; round < ROUNDS; round++)
    for (const [label, r] of servers)
      results.set(label, [...(results.get(label) ?? []), await auth(r, (SECONDS * 1000) / ROUNDS)]);
  const authOf = (label: string) => sum(results.get(label) ?? []);
  for (const [label] of servers) {
    const m = authOf(label);
    say(
      `${label.padEnd(9)} ${m.okPerSecond.toFixed(0)} Access-Accept/s (${m.ok}/${m.sent}, lost ${m.lost}); ${cpuText(m)}`,
    );
  }
  const filesAuth = authOf("files");
  const sqlAuth = authOf("sql");
  const sql = servers[1][1];

  // 3. Accounting: Start for SESSIONS sessions, then Interim-Updates as fast as they are answered.
  const acct = (type: string, i: number, octets: number) =>
    encodeRequest({
      code: "Accounting-Request",
      identifier: 0,
      secret: SECRET,
      messageAuthenticator: false,
      attributes: [
        ["Acct-Status-Type", type],
        ["Acct-Session-Id", `S${i.toString(16).padStart(8, "0")}`],
        ["User-Name", `bench${i}@isp`],
        ["NAS-IP-Address", "127.0.0.1"],
        ["NAS-Port", i % 65535],
        ["NAS-Port-Type", "Ethernet"],
        ["Framed-IP-Address", `100.${64 + ((i >> 16) & 63)}.${(i >> 8) & 255}.${i & 255}`],
        ["Acct-Session-Time", octets ? 300 : 0],
        ["Acct-Input-Octets", octets],
        ["Acct-Output-Octets", octets * 8],
      ],
    });
  const starts = Array.from({ length: SESSIONS }, (_, i) => acct("Start", i + 1, 0));
  t0 = Date.now();
  const startLoad = await measure(sql, {
    port: sql.acctPort,
    packets: starts,
    accounting: true,
    okCode: 5,
    durationMs: Math.max(3000, (SESSIONS / 2000) * 1000),
  });
  const open = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM radacct WHERE acctstoptime IS NULL");
  say(
    `starts: ${startLoad.okPerSecond.toFixed(0)}/s, ${open.rows[0].n} open sessions (of ${SESSIONS}) in ${((Date.now() - t0) / 1000).toFixed(1)}s`,
  );
  const interims = Array.from({ length: SESSIONS }, (_, i) => acct("Interim-Update", i + 1, 1_000_000 + i));
  await runLoad({ ...load, port: sql.acctPort, packets: interims, accounting: true, okCode: 5, durationMs: 2000 });
  const interim = await measure(sql, {
    port: sql.acctPort,
    packets: interims,
    accounting: true,
    okCode: 5,
    durationMs: SECONDS * 1000,
  });
  const updated = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM radacct WHERE acctstoptime IS NULL AND acctinputoctets >= 1000000",
  );
  say(
    `interim: ${interim.okPerSecond.toFixed(0)} Accounting-Response/s, ${updated.rows[0].n} sessions updated, lost ${interim.lost}; ${cpuText(interim)}`,
  );
  const stock = servers.find(([label]) => label === "sql-stock")?.[1];
  if (stock) {
    const m = await measure(stock, {
      port: stock.acctPort,
      packets: interims,
      accounting: true,
      okCode: 5,
      durationMs: SECONDS * 1000,
    });
    say(`interim (stock queries): ${m.okPerSecond.toFixed(0)} Accounting-Response/s, lost ${m.lost}; ${cpuText(m)}`);
  }
  const postauth = await db.query<{ n: number; p: number }>(
    "SELECT count(*)::int AS n, count(*) FILTER (WHERE pass IS NOT NULL)::int AS p FROM radpostauth",
  );
  say(`radpostauth rows: ${postauth.rows[0].n} (with a password: ${postauth.rows[0].p})`);

  const ratio = sqlAuth.okPerSecond / filesAuth.okPerSecond;
  console.log(
    `auth_ratio=${ratio.toFixed(2)} interim_per_s=${interim.okPerSecond.toFixed(0)} auth_sql_per_s=${sqlAuth.okPerSecond.toFixed(0)} auth_files_per_s=${filesAuth.okPerSecond.toFixed(0)} start_per_s=${startLoad.okPerSecond.toFixed(0)} pg_us_per_auth=${sqlAuth.cpu.postgres.toFixed(0)} radiusd_us_per_auth=${sqlAuth.cpu.radiusd.toFixed(0)} radiusd_us_per_auth_files=${filesAuth.cpu.radiusd.toFixed(0)} pg_us_per_interim=${interim.cpu.postgres.toFixed(0)} subscribers=${N} sessions=${SESSIONS} cpus=${(await import("node:os")).cpus().length}`,
  );
} finally {
  for (const stop of stops.reverse()) await stop().catch(() => {});
  await scratch.drop();
}
