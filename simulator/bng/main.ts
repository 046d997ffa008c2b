// The BNG simulator as a process (dev/demo): plays the NAS `bng-sim-1` towards FreeRADIUS.
//   tsx simulator/bng/main.ts [--radius 127.0.0.1] [--auth 1812] [--acct 1813] [--secret S]
//        [--nas-ip 127.0.0.1] [--dae-port 3799] [--vendor mikrotik] [--control-port 7810]
//        [--interim-ms 60000] [--redial-ms 10000] [--cpes-from-db]
// --cpes-from-db registers a CPE for every active or suspended subscriber of DATABASE_URL,
// configured with its current credentials (as provisioning would have configured it).
import pg from "pg";
import { BngSimulator } from "./bng";
import { startControlServer } from "./control";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};

export async function loadCpesFromDatabase(bng: BngSimulator, databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ username: string; password: string; cpeMac: string | null }>(
      `SELECT username, password, "cpeMac" FROM "Subscriber" WHERE status IN ('ACTIVE', 'SUSPENDED')`,
    );
    for (const r of rows) bng.addCpe({ username: r.username, password: r.password, mac: r.cpeMac?.toUpperCase() });
    return rows.length;
  } finally {
    await client.end();
  }
}

const bng = await new BngSimulator({
  radiusHost: arg("radius", "127.0.0.1"),
  authPort: Number(arg("auth", "1812")),
  acctPort: Number(arg("acct", "1813")),
  secret: arg("secret", process.env.BNG_SECRET ?? "acme-bng-secret"),
  nasIp: arg("nas-ip", "127.0.0.1"),
  daePort: Number(arg("dae-port", process.env.BNG_DAE_PORT ?? "3799")),
  vendor: arg("vendor", "mikrotik"),
  interimMs: Number(arg("interim-ms", "60000")),
  redialMs: Number(arg("redial-ms", "10000")),
}).start();
if (process.argv.includes("--cpes-from-db")) {
  if (!process.env.DATABASE_URL) throw new Error("--cpes-from-db needs DATABASE_URL");
  console.log(`[bng] ${await loadCpesFromDatabase(bng, process.env.DATABASE_URL)} CPE(s) registered from the database`);
}
const control = await startControlServer(bng, Number(arg("control-port", "7810")));
console.log(`[bng] NAS ${bng.opts.nasIp}: DAE on ${bng.daePort}/udp, control API on http://127.0.0.1:${control.port}`);
bng.on("reject", (e) => console.log(`[bng] Access-Reject for ${e.username}${e.message ? `: ${e.message}` : ""}`));
bng.on("session-start", (s) =>
  console.log(`[bng] session ${s.acctSessionId} up for ${s.username} at ${s.rate ?? "?"}`),
);
bng.on("dae", (e) => console.log(`[bng] ${e.code} for ${e.username ?? e.acctSessionId} → ${e.answer}`));
const stop = async () => {
  await control.close();
  await bng.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
