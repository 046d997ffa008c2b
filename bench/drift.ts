// npm run bench:drift — a full drift scan of 100,000 subscribers against the simulators.
// Builds a private database (all migrations) holding N provisioned subscribers as the sagas
// leave them — RADIUS rows, an IPAM address, a billing subscription, a linked CPE, an open
// session on 60% of them — and a simulated network with their ONUs (enabled, with the plan's
// bandwidth profile) and CPEs (dialling as the subscriber); then it causes a known number of
// drifts of several types and times one scan. The scan must report exactly those.
// Last line: subscribers=<n> seconds=<s> findings=<n>.
//   BENCH_SUBSCRIBERS=100000 npm run bench:drift
import pg from "pg";
import { applyMigrations } from "@/scripts/migrate";
import { db } from "@/server/db";
import { scanNow } from "@/server/modules/drift";
import { bandwidthProfiles, CPE_WAN_USERNAME } from "@/server/modules/network";
import { intendedRadiusGroups, sessionClassFor } from "@/server/modules/radius";
import { systemContext } from "@/server/service-context";
import { simulatorFor } from "@/simulator/network/state";
import { scratchDatabase } from "./scratch-database";

const N = Number(process.env.BENCH_SUBSCRIBERS ?? 100_000);
const scratch = await scratchDatabase(`fiberops_bench_drift_${process.pid}`);
let exitCode = 0;
const say = (s: string) => console.log(s);
try {
  await applyMigrations(scratch.url);
  const c = new pg.Client({ connectionString: scratch.url });
  await c.connect();
  const t0 = Date.now();
  const {
    rows: [tenant],
  } = await c.query(`INSERT INTO "Tenant" (id, slug, name, "legalName", currency, timezone, "updatedAt")
    VALUES (gen_random_uuid(), 'bench', 'Bench Fiber', 'Bench Fiber Ltd', 'EUR', 'Europe/Lisbon', now()) RETURNING id`);
  const tid = tenant.id as string;
  await c.query(
    `INSERT INTO "IntegrationConfig" (id, "tenantId", system, mode, "updatedAt")
     VALUES (gen_random_uuid(), $1, 'OLT', 'SIMULATOR', now()), (gen_random_uuid(), $1, 'ACS', 'SIMULATOR', now())`,
    [tid],
  );
  const { rows: plans } = await c.query(
    `INSERT INTO "Plan" (id, "tenantId", code, name, "downloadKbps", "uploadKbps", "priceMinor", currency, "updatedAt")
     VALUES (gen_random_uuid(), $1, 'F300', 'Fiber 300', 300000, 100000, 3999, 'EUR', now()),
            (gen_random_uuid(), $1, 'F1000', 'Fiber 1000', 1000000, 500000, 5999, 'EUR', now())
     RETURNING id, "downloadKbps", "uploadKbps"`,
    [tid],
  );
  const {
    rows: [customer],
  } = await c.query(
    `INSERT INTO "Customer" (id, "tenantId", number, name, email, "billingLine1", "billingCity", "billingPostcode",
       "billingCountry", "updatedAt")
     VALUES (gen_random_uuid(), $1, 'C1', 'Bench Customer', 'c@bench.test', '1 Fibre Street', 'Lisbon', '1000-001', 'PT', now())
     RETURNING id`,
    [tid],
  );

  // The simulated network: enough OLTs (16 PON ports × 64 ONUs) for N ONUs, each with its CPE.
  const sim = simulatorFor(tid, { onusPerPort: 64, ponPortsPerOlt: 16 });
  sim.silent = true;
  for (let i = 0; sim.devices.size < N + i; i++) {
    const olt = sim.createOlt({ hostAndPort: `10.${(i >> 8) & 255}.${i & 255}.1:9191` });
    sim.enableDevice(olt.id);
  }
  sim.restored = true; // built here, not from an inventory
  const onus = [...sim.devices.values()].filter((d) => !d.root).slice(0, N);
  const cpeOf = new Map([...sim.cpes.values()].map((cpe) => [cpe.onuSerial, cpe]));
  say(`simulator: ${sim.olts().length} OLTs, ${onus.length} ONUs in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // Subscribers, as provisioning leaves them: 90% active, 5% suspended, 5% terminated.
  const status = (i: number) => (i % 20 === 0 ? "SUSPENDED" : i % 20 === 1 ? "TERMINATED" : "ACTIVE");
  const planOf = (i: number) => plans[i % 2] as { id: string; downloadKbps: number; uploadKbps: number };
  const usernames = onus.map((_, i) => `b${i}@bench`);
  await c.query(
    `INSERT INTO "Subscriber" (id, "tenantId", "customerId", "planId", username, password, status, "onuSerial",
       "ipv4Address", "activatedAt", "terminatedAt", "updatedAt")
     SELECT gen_random_uuid(), $1, $2, u.plan, u.username, 'pw-' || u.i, u.status::"SubscriberStatus", u.serial,
            CASE WHEN u.status <> 'TERMINATED' THEN '100.64.0.0'::inet + (u.i + 2) END, now(),
            CASE WHEN u.status = 'TERMINATED' THEN now() END, now()
       FROM unnest($3::text[], $4::text[], $5::uuid[], $6::text[]) WITH ORDINALITY AS u(username, serial, plan, status, i)`,
    [
      tid,
      customer.id,
      usernames,
      onus.map((o) => o.serialNumber),
      onus.map((_, i) => planOf(i).id),
      onus.map((_, i) => status(i)),
    ],
  );
  const { rows: subs } = await c.query(
    `SELECT id, username, status, "planId", "onuSerial", host("ipv4Address") AS ip FROM "Subscriber" WHERE "tenantId" = $1`,
    [tid],
  );
  const live = subs.filter((s) => s.status !== "TERMINATED");
  // RADIUS rows (credentials, Framed-IP-Address, groups) for live subscribers.
  await c.query(
    `INSERT INTO radcheck (username, attribute, op, value, tenant_id, subscriber_id)
     SELECT username, 'Cleartext-Password', ':=', password, "tenantId", id FROM "Subscriber"
      WHERE "tenantId" = $1 AND status <> 'TERMINATED'`,
    [tid],
  );
  await c.query(
    `INSERT INTO radreply (username, attribute, op, value, tenant_id, subscriber_id)
     SELECT username, 'Framed-IP-Address', ':=', host("ipv4Address"), "tenantId", id FROM "Subscriber"
      WHERE "tenantId" = $1 AND status <> 'TERMINATED'`,
    [tid],
  );
  const groups = live.flatMap((s) =>
    intendedRadiusGroups({ status: s.status, planId: s.planId }, "reject").map((g, p) => [s.id, s.username, g, p + 1]),
  );
  await c.query(
    `INSERT INTO radusergroup (username, groupname, priority, tenant_id, subscriber_id)
     SELECT g.username, g.groupname, g.priority, $1, g.sid
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::int[]) AS g(sid, username, groupname, priority)`,
    [tid, ...[0, 1, 2, 3].map((k) => groups.map((g) => g[k]))],
  );
  // IPAM: one /15 pool, each live subscriber's address assigned to it.
  await c.query(
    `INSERT INTO "IpPool" (id, "tenantId", name, prefix, gateway, "dnsServers", "updatedAt")
     VALUES (gen_random_uuid(), $1, 'subs', '100.64.0.0/15', '100.64.0.1', ARRAY['1.1.1.1'], now())`,
    [tid],
  );
  await c.query(
    `INSERT INTO "IpAddress" (id, "tenantId", "poolId", address, status, "subscriberId", "assignedAt", "updatedAt")
     SELECT gen_random_uuid(), s."tenantId", p.id, s."ipv4Address", 'ASSIGNED', s.id, now(), now()
       FROM "Subscriber" s JOIN "IpPool" p ON p."tenantId" = s."tenantId"
      WHERE s."tenantId" = $1 AND s.status <> 'TERMINATED'`,
    [tid],
  );
  // Billing: an active subscription per live subscriber, ended for terminated ones.
  await c.query(
    `INSERT INTO "BillingSubscription" (id, "tenantId", "subscriberId", "customerId", "planId", status, currency,
       "startedOn", "endedOn", "paidThrough", "usageRatedThrough", "updatedAt")
     SELECT gen_random_uuid(), "tenantId", id, "customerId", "planId",
            CASE WHEN status = 'TERMINATED' THEN 'ENDED' ELSE 'ACTIVE' END::"BillingSubscriptionStatus", 'EUR',
            DATE '2026-09-01', CASE WHEN status = 'TERMINATED' THEN DATE '2026-11-01' END, DATE '2026-12-01',
            DATE '2026-11-01', now()
       FROM "Subscriber" WHERE "tenantId" = $1`,
    [tid],
  );
  // CPEs: live subscribers' CPEs linked in our inventory and dialling as them in the ACS.
  const liveCpes = live.map((s) => ({ s, cpe: cpeOf.get(s.onuSerial) })).filter((x) => x.cpe);
  await c.query(
    `INSERT INTO "Cpe" (id, "tenantId", "subscriberId", "acsDeviceId", "serialNumber", "configuredAt", "updatedAt")
     SELECT gen_random_uuid(), $1, x.sid, x.device, x.serial, now(), now()
       FROM unnest($2::uuid[], $3::text[], $4::text[]) AS x(sid, device, serial)`,
    [tid, liveCpes.map((x) => x.s.id), liveCpes.map((x) => x.cpe?.deviceId), liveCpes.map((x) => x.cpe?.serialNumber)],
  );
  for (const { s, cpe } of liveCpes) {
    const param = cpe?.params.get(CPE_WAN_USERNAME);
    if (param) param.value = s.username;
  }
  // ONUs: enabled with the plan's profile for live subscribers; terminated ones disabled.
  const planById = new Map(plans.map((p) => [p.id, p]));
  const onuBySerial = new Map(onus.map((o) => [o.serialNumber, o]));
  for (const s of subs) {
    const onu = onuBySerial.get(s.onuSerial);
    if (!onu) continue;
    sim.setOnuEnabled(onu, s.status !== "TERMINATED");
    const plan = planById.get(s.planId);
    if (s.status !== "TERMINATED" && plan)
      sim.setBandwidth(
        onu.serialNumber,
        bandwidthProfiles({ downstreamKbps: plan.downloadKbps, upstreamKbps: plan.uploadKbps }),
      );
  }
  // Open sessions (as FreeRADIUS records them) for 60% of the active subscribers.
  const online = live.filter((s, i) => s.status === "ACTIVE" && i % 5 < 3);
  await c.query(
    `INSERT INTO radacct (acctsessionid, acctuniqueid, username, nasipaddress, acctstarttime, acctupdatetime,
       framedipaddress, class, tenant_id, subscriber_id)
     SELECT 'S' || x.i, 'U' || x.i, x.username, '10.255.0.1', now(), now(), x.ip::inet, x.class, $1, x.sid
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS x(sid, username, ip, class, i)`,
    [
      tid,
      online.map((s) => s.id),
      online.map((s) => s.username),
      online.map((s) => s.ip),
      online.map((s) => sessionClassFor(planById.get(s.planId))),
    ],
  );

  // The drift to find: 100 subscribers for each of 8 types, on different subscribers.
  const active = live.filter((s) => s.status === "ACTIVE");
  const pick = (k: number) => active.filter((_, i) => i % 97 === k).slice(0, 100);
  const expected: Record<string, number> = {};
  const caused = (type: string, n: number) => {
    expected[type] = n;
  };
  const noReply = pick(1);
  await c.query(`DELETE FROM radreply WHERE subscriber_id = ANY($1::uuid[])`, [noReply.map((s) => s.id)]);
  caused("ip.reply", noReply.length);
  const noPassword = pick(2);
  await c.query(`DELETE FROM radcheck WHERE subscriber_id = ANY($1::uuid[])`, [noPassword.map((s) => s.id)]);
  caused("radius.credentials", noPassword.length);
  const disabled = pick(3);
  for (const s of disabled) sim.setOnuEnabled(onuBySerial.get(s.onuSerial) as (typeof onus)[0], false);
  caused("onu.state", disabled.length);
  const slow = pick(4);
  for (const s of slow)
    sim.setBandwidth(s.onuSerial, bandwidthProfiles({ downstreamKbps: 20_000, upstreamKbps: 10_000 }));
  caused("onu.profile", slow.length);
  const wan = pick(5);
  for (const s of wan) {
    const param = cpeOf.get(s.onuSerial)?.params.get(CPE_WAN_USERNAME);
    if (param) param.value = "factory";
  }
  caused("cpe.wan", wan.length);
  const misbilled = pick(6);
  await c.query(
    `UPDATE "BillingSubscription" b SET "planId" = (SELECT id FROM "Plan" p WHERE p."tenantId" = b."tenantId" AND p.id <> b."planId")
      WHERE "subscriberId" = ANY($1::uuid[])`,
    [misbilled.map((s) => s.id)],
  );
  caused("billing.plan", misbilled.length);
  const { rowCount: leftBilling } = await c.query(
    `UPDATE "BillingSubscription" SET status = 'ACTIVE', "endedOn" = NULL
      WHERE "subscriberId" IN (SELECT id FROM "Subscriber" WHERE "tenantId" = $1 AND status = 'TERMINATED' LIMIT 100)`,
    [tid],
  );
  caused("billing.leftover", leftBilling ?? 0);
  const wrongIp = pick(7).filter((s) => online.includes(s));
  await c.query(`UPDATE radacct SET framedipaddress = '100.127.255.254' WHERE subscriber_id = ANY($1::uuid[])`, [
    wrongIp.map((s) => s.id),
  ]);
  caused("session.ip", wrongIp.length);
  await c.query("ANALYZE");
  await c.end();
  say(`setup: ${subs.length} subscribers in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  process.env.DATABASE_URL = scratch.url;
  const prisma = db();
  const svc = systemContext(tid, "bench");
  const start = process.hrtime.bigint();
  const scan = await scanNow(svc, "manual");
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const byType = scan.byType as Record<string, number>;
  say(`scan ${scan.status}: ${JSON.stringify(byType)}; skipped ${JSON.stringify(scan.skipped)}`);
  for (const [type, n] of Object.entries(expected))
    if (byType[type] !== n) {
      say(`MISMATCH ${type}: caused ${n}, found ${byType[type] ?? 0}`);
      exitCode = 1;
    }
  const total = Object.values(expected).reduce((a, b) => a + b, 0);
  if (scan.findings !== total) {
    say(`MISMATCH total: caused ${total}, found ${scan.findings}`);
    exitCode = 1;
  }
  await prisma.$disconnect();
  console.log(`subscribers=${scan.subscribers} seconds=${seconds.toFixed(1)} findings=${scan.findings}`);
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await scratch.drop();
}
process.exit(exitCode);
