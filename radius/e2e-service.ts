// The AAA part of the e2e environment: the BNG simulator (NAS 127.0.0.1 of the demo seed,
// its DAE port written into the seeded `nas` row), a private radiusd on the e2e database
// (watching NAS reload requests), and the BNG's control API for specs (BNG_CONTROL_URL).
// The demo subscribers' CPEs dial in and re-dial every second while disconnected.
import pg from "pg";
import { BngSimulator } from "../simulator/bng/bng";
import { startControlServer } from "../simulator/bng/control";
import { startRadiusd } from "./run";

export async function startAaaForE2e(ctx: { databaseUrl: string; log: (line: string) => void }) {
  const secret = "e2e-bng-secret";
  const bng = await new BngSimulator({
    authPort: 1,
    acctPort: 1,
    secret,
    vendor: "mikrotik",
    redialMs: 1000,
    interimMs: 5000,
  }).start();
  const db = new pg.Client({ connectionString: ctx.databaseUrl });
  await db.connect();
  try {
    await db.query("UPDATE nas SET secret = $1, coa_port = $2 WHERE nasname = '127.0.0.1'", [secret, bng.daePort]);
    const { rows } = await db.query<{ username: string; password: string; cpeMac: string | null }>(
      `SELECT username, password, "cpeMac" FROM "Subscriber" WHERE status IN ('ACTIVE', 'SUSPENDED')`,
    );
    for (const r of rows) bng.addCpe({ username: r.username, password: r.password, mac: r.cpeMac?.toUpperCase() });
  } finally {
    await db.end();
  }
  const radiusd = await startRadiusd({ databaseUrl: ctx.databaseUrl, watchReloads: true, log: ctx.log });
  bng.opts.authPort = radiusd.authPort;
  bng.opts.acctPort = radiusd.acctPort;
  const control = await startControlServer(bng);
  ctx.log(`radiusd on ${radiusd.authPort}/${radiusd.acctPort}, BNG DAE ${bng.daePort}, BNG control ${control.port}`);
  return {
    env: {
      BNG_CONTROL_URL: `http://127.0.0.1:${control.port}`,
      RADIUS_AUTH_PORT: String(radiusd.authPort),
      RADIUS_ACCT_PORT: String(radiusd.acctPort),
    },
    async stop() {
      await control.close();
      await bng.stop();
      await radiusd.stop();
    },
  };
}
