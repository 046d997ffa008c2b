// npm run bench:incidents — a storm of ONU loss-of-signal alarms from the network simulator,
// correlated into incidents. Builds a private database, a tenant with BENCH_OLTS (80) simulated
// OLTs of 4 PON ports × 50 ONUs, each ONU serving an active subscriber (every 5th a business),
// then cuts the fibre behind 200 PON ports spread evenly over BENCH_SECONDS (60): all 4 ports of
// the first half of the OLTs (each OLT must become one incident rooted at the OLT), one port of
// the others (one incident rooted at the port) — 10,000 alarms. A delivery loop takes the
// simulator's events as the VOLTHA webhook does (record, then the alarms → incidents pipeline).
// Impact latency per cut port: from its cut to its alarms being in an incident whose impact list
// is stored. Last line: alarms=<n> incidents=<n> correct=<bool> impact_latency_p95_ms=<ms> …
import pg from "pg";
import { applyMigrations } from "@/scripts/migrate";
import { db } from "@/server/db";
import { handleNetworkEvents } from "@/server/modules/incidents";
import { recordEvents } from "@/server/modules/network";
import { systemContext } from "@/server/service-context";
import { toOltEvent } from "@/simulator/adapters/olt";
import { NetworkSimulator, seededRandom } from "@/simulator/network/state";
import { scratchDatabase } from "./scratch-database";

const OLTS = Number(process.env.BENCH_OLTS ?? 80);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const ONUS_PER_PORT = 50;
const scratch = await scratchDatabase(`fiberops_bench_incidents_${process.pid}`);
let exitCode = 0;
try {
  await applyMigrations(scratch.url);
  const t0 = Date.now();
  const sim = new NetworkSimulator("bench-incidents", { onusPerPort: ONUS_PER_PORT, ponPortsPerOlt: 4 });
  const c = new pg.Client({ connectionString: scratch.url });
  await c.connect();
  const {
    rows: [tenant],
  } = await c.query(`INSERT INTO "Tenant" (id, slug, name, "legalName", currency, timezone, "billingDay", "updatedAt")
    VALUES (gen_random_uuid(), 'bench', 'Bench Fiber', 'Bench Fiber Ltd', 'EUR', 'Europe/Lisbon', 1, now()) RETURNING id`);
  const tid = tenant.id as string;
  const {
    rows: [plan],
  } = await c.query(
    `INSERT INTO "Plan" (id, "tenantId", code, name, "downloadKbps", "uploadKbps", "priceMinor", currency, "updatedAt")
     VALUES (gen_random_uuid(), $1, 'F500', 'Fiber 500', 500000, 100000, 3999, 'EUR', now()) RETURNING id`,
    [tid],
  );

  // The plant: OLTs in the simulator (enabling one discovers its ONUs), the same in our inventory.
  type PortRow = { id: string; oltId: string; oltExternalId: string; portNo: number; label: string };
  const olts: { id: string; externalId: string; ports: PortRow[] }[] = [];
  const onus: Record<string, unknown>[] = [];
  let n = 0;
  for (let i = 0; i < OLTS; i++) {
    const device = sim.createOlt({ hostAndPort: `10.99.${Math.floor(i / 200)}.${i % 200}:9191` });
    sim.enableDevice(device.id);
    const {
      rows: [olt],
    } = await c.query(
      `INSERT INTO "Olt" (id, "tenantId", name, "externalId", "operStatus", "adminState", "updatedAt")
       VALUES (gen_random_uuid(), $1, $2, $3, 'ACTIVE', 'ENABLED', now()) RETURNING id`,
      [tid, `Bench-OLT-${i}`, device.id],
    );
    const ports: PortRow[] = [];
    for (const p of device.ports.filter((x) => x.type === "PON_OLT")) {
      const {
        rows: [port],
      } = await c.query(
        `INSERT INTO "PonPort" (id, "tenantId", "oltId", "portNo", label, "updatedAt")
         VALUES (gen_random_uuid(), $1, $2, $3, $4, now()) RETURNING id`,
        [tid, olt.id, p.portNo, p.label],
      );
      ports.push({ id: port.id, oltId: olt.id, oltExternalId: device.id, portNo: p.portNo, label: p.label });
      for (const onu of sim.onusOf(device.id).filter((o) => o.parentPortNo === p.portNo)) {
        n++;
        onus.push({
          n,
          oltId: olt.id,
          ponPortId: port.id,
          serial: onu.serialNumber,
          externalId: onu.id,
          business: n % 5 === 0,
        });
      }
    }
    olts.push({ id: olt.id, externalId: device.id, ports });
  }
  await c.query(
    `WITH src AS (SELECT * FROM json_to_recordset($3::json)
                    AS x(n int, "oltId" uuid, "ponPortId" uuid, serial text, "externalId" text, business boolean)),
     cu AS (INSERT INTO "Customer" (id, "tenantId", number, name, kind, email, "billingLine1", "billingCity",
              "billingPostcode", "billingCountry", "updatedAt")
            SELECT gen_random_uuid(), $1, 'C' || n, 'Customer ' || n,
                   (CASE WHEN business THEN 'BUSINESS' ELSE 'PERSON' END)::"CustomerKind",
                   'c' || n || '@bench.test', n || ' Fibre Street', 'Lisbon', '1000-001', 'PT', now()
              FROM src RETURNING id, number),
     su AS (INSERT INTO "Subscriber" (id, "tenantId", "customerId", "planId", username, password, status, "onuSerial",
              "updatedAt")
            SELECT gen_random_uuid(), $1, cu.id, $2, 'bench-' || src.n, 'pw-' || src.n, 'ACTIVE', src.serial, now()
              FROM src JOIN cu ON cu.number = 'C' || src.n RETURNING id, "onuSerial")
     INSERT INTO "Onu" (id, "tenantId", "oltId", "ponPortId", "serialNumber", "externalId", state, "adminState",
              "operStatus", "subscriberId", "updatedAt")
     SELECT gen_random_uuid(), $1, src."oltId", src."ponPortId", src.serial, src."externalId", 'ACTIVE', 'ENABLED',
            'ACTIVE', su.id, now()
       FROM src JOIN su ON su."onuSerial" = src.serial`,
    [tid, plan.id, JSON.stringify(onus)],
  );
  await c.query("ANALYZE");
  console.log(`setup: ${OLTS} OLTs, ${onus.length} ONUs and subscribers in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // The cuts: every port of the first half of the OLTs, one port of the others; shuffled.
  const half = Math.floor(OLTS / 2);
  const cuts = olts.flatMap((o, i) => (i < half ? o.ports : [o.ports[i % 4]]));
  const rand = seededRandom("bench-incidents-cuts");
  for (let i = cuts.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [cuts[i], cuts[j]] = [cuts[j], cuts[i]];
  }
  const expectedAlarms = cuts.length * ONUS_PER_PORT;

  process.env.DATABASE_URL = scratch.url;
  const prisma = db();
  const svc = systemContext(tid, "bench");
  const cutAt = new Map<string, number>();
  const readyAfter = new Map<string, number>();
  // The discovery events of the setup are not part of the storm.
  let cursor = sim.eventsSince(0).at(-1)?.seq ?? 0;
  const start = Date.now();
  const spacing = (SECONDS * 1000) / cuts.length;
  let cutsDone = 0;
  const cutter = setInterval(
    () => {
      const port = cuts[cutsDone++];
      if (!port) return;
      sim.cutFibre(port.oltExternalId, port.portNo);
      cutAt.set(port.id, Date.now());
    },
    Math.max(1, Math.floor(spacing)),
  );
  let rounds = 0;
  let recordMs = 0;
  let pipelineMs = 0;
  let lastAlarmAt = 0;
  // The delivery loop: what the Kafka → webhook bridge hands over, then the pipeline.
  while (readyAfter.size < cuts.length) {
    const events = sim.eventsSince(cursor);
    if (events.length) {
      cursor = events[events.length - 1].seq;
      const r0 = Date.now();
      await recordEvents(svc, events.map(toOltEvent));
      recordMs += Date.now() - r0;
      lastAlarmAt = Date.now();
    }
    const h0 = Date.now();
    await handleNetworkEvents(svc);
    pipelineMs += Date.now() - h0;
    rounds++;
    const attached = await c.query<{ pon: string; n: number }>(
      `SELECT upstream[2] AS pon, count(*)::int AS n FROM "Alarm" WHERE "incidentId" IS NOT NULL GROUP BY 1`,
    );
    const now = Date.now();
    for (const r of attached.rows) {
      const id = r.pon.slice("pon:".length);
      if (r.n >= ONUS_PER_PORT && cutAt.has(id) && !readyAfter.has(id))
        readyAfter.set(id, now - (cutAt.get(id) ?? now));
    }
    if (!events.length && cutsDone >= cuts.length && now - lastAlarmAt > 30_000) break;
    if (!events.length) await new Promise((r) => setTimeout(r, 50));
  }
  clearInterval(cutter);
  const finishedAfterLastAlarm = Date.now() - lastAlarmAt;

  // Correct: one incident per OLT fully cut (rooted at the OLT) and one per single cut port, with
  // the right impact; every alarm in one of them.
  const incidents = await prisma.incident.findMany({ where: { tenantId: tid, mergedIntoId: null } });
  const expected = new Map<string, number>();
  olts.forEach((o, i) => {
    if (i < half) expected.set(`olt:${o.id}`, 4 * ONUS_PER_PORT);
    else expected.set(`pon:${o.ports[i % 4].id}`, ONUS_PER_PORT);
  });
  const alarms = await prisma.alarm.count({ where: { tenantId: tid } });
  const loose = await prisma.alarm.count({ where: { tenantId: tid, incidentId: null } });
  const wrong = incidents.filter((i) => expected.get(i.rootKey) !== i.affectedCount);
  const correct = alarms === expectedAlarms && loose === 0 && incidents.length === expected.size && wrong.length === 0;
  const lat = [...readyAfter.values()].sort((a, b) => a - b);
  const p95 = lat.length ? lat[Math.min(lat.length - 1, Math.floor(lat.length * 0.95))] : -1;
  console.log(
    `storm: ${cuts.length} cuts over ${((Date.now() - start) / 1000).toFixed(1)} s, ${rounds} pipeline rounds ` +
      `(recording events ${recordMs} ms, alarms → incidents ${pipelineMs} ms); ` +
      `expected incidents ${expected.size}, wrong ${wrong.length}, alarms outside incidents ${loose}; ` +
      `ready ${finishedAfterLastAlarm} ms after the last alarm; latency max ${lat.at(-1) ?? -1} ms`,
  );
  console.log(
    `alarms=${alarms} incidents=${incidents.length} correct=${correct} impact_latency_p95_ms=${p95} expected_incidents=${expected.size}`,
  );
  if (!correct) exitCode = 1;
  await prisma.$disconnect();
  await c.end();
} finally {
  await scratch.drop();
}
process.exit(exitCode);
