// The BNG simulator as a process (dev/demo): plays the NAS `bng-sim-1` towards FreeRADIUS.
//   tsx simulator/bng/main.ts [--radius 127.0.0.1] [--auth 1812] [--acct 1813] [--secret S]
//        [--nas-ip 127.0.0.1] [--dae-port 3799] [--vendor mikrotik] [--control-port 7810]
//        [--interim-ms 60000] [--redial-ms 10000] [--cpes-from-db] [--demo] [--fault-every-ms 180000]
// --cpes-from-db registers a CPE for every active or suspended subscriber of DATABASE_URL,
// configured with its current credentials (as provisioning would have configured it).
// --demo (what `npm run demo` runs): realistic traffic in the Interim-Updates and a fault now
// and then (simulator/bng/demo.ts); only the faults are logged.
import { BngSimulator } from "./bng";
import { startControlServer } from "./control";
import { DemoActivity } from "./demo";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};

/**
 * Registers the CPEs of every tenant's active and suspended subscribers (DATABASE_URL), read
 * through the subscribers module's face (loaded on demand: the simulator alone needs no server
 * code); `onlyNew` leaves the ones already registered as they are (the demo picks up new
 * subscribers every minute).
 */
export async function loadCpesFromDatabase(bng: BngSimulator, onlyNew = false) {
  const { liveCpeCredentials } = await import("@/server/modules/subscribers");
  const { activeTenants } = await import("@/server/modules/tenancy");
  const { systemContext } = await import("@/server/service-context");
  let added = 0;
  for (const tenant of await activeTenants())
    for (const c of await liveCpeCredentials(systemContext(tenant.id, "bng-simulator"))) {
      if (onlyNew && bng.cpes.has(c.username)) continue;
      bng.addCpe({ username: c.username, password: c.password, mac: c.cpeMac?.toUpperCase() });
      added++;
    }
  return added;
}

const demo = process.argv.includes("--demo");
const interimMs = Number(arg("interim-ms", "60000"));
const bng = await new BngSimulator({
  radiusHost: arg("radius", "127.0.0.1"),
  authPort: Number(arg("auth", "1812")),
  acctPort: Number(arg("acct", "1813")),
  secret: arg("secret", process.env.BNG_SECRET ?? "acme-bng-secret"),
  nasIp: arg("nas-ip", "127.0.0.1"),
  daePort: Number(arg("dae-port", process.env.BNG_DAE_PORT ?? "3799")),
  vendor: arg("vendor", "mikrotik"),
  interimMs: demo ? 0 : interimMs,
  redialMs: Number(arg("redial-ms", "10000")),
}).start();
const databaseUrl = process.env.DATABASE_URL;
if (process.argv.includes("--cpes-from-db")) {
  if (!databaseUrl) throw new Error("--cpes-from-db needs DATABASE_URL");
  console.log(`[bng] ${await loadCpesFromDatabase(bng)} CPE(s) registered from the database`);
  if (demo) {
    void bng.redialAll();
    const refresh = setInterval(async () => {
      const added = await loadCpesFromDatabase(bng, true).catch(() => 0);
      if (added) console.log(`[bng] ${added} new subscriber CPE(s) dialling in`);
    }, 60_000);
    process.once("exit", () => clearInterval(refresh));
  }
}
const control = await startControlServer(bng, Number(arg("control-port", "7810")));
console.log(`[bng] NAS ${bng.opts.nasIp}: DAE on ${bng.daePort}/udp, control API on http://127.0.0.1:${control.port}`);
const activity = demo
  ? new DemoActivity(bng, {
      interimMs,
      faultEveryMs: Number(arg("fault-every-ms", "180000")),
      log: (line) => console.log(`[bng] ${line}`),
    }).start()
  : null;
if (!demo) logEvents();
function logEvents() {
  bng.on("reject", (e) => console.log(`[bng] Access-Reject for ${e.username}${e.message ? `: ${e.message}` : ""}`));
  bng.on("session-start", (s) =>
    console.log(`[bng] session ${s.acctSessionId} up for ${s.username} at ${s.rate ?? "?"}`),
  );
  bng.on("dae", (e) => console.log(`[bng] ${e.code} for ${e.username ?? e.acctSessionId} → ${e.answer}`));
}
const stop = async () => {
  activity?.stop();
  await control.close();
  await bng.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
