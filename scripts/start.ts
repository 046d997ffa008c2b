// One command to run the app.
//   npm run demo    database (embedded PostgreSQL unless DATABASE_URL is set) → migrations →
//                   demo data → FreeRADIUS and the BNG simulator with the demo subscribers
//                   online (when Debian's freeradius is installed) → `next start` if a build
//                   exists, else `next dev`
//   npm run dev     the same with `next dev` always
//   npm start       production: DATABASE_URL (or embedded) → migrations → built-in roles (and
//                   PLATFORM_ADMIN_EMAIL/PASSWORD's admin) → `next start` (needs `npm run build`)
// Honours PORT (default 3000) and TRUSTED_PROXIES (scripts/serve.ts). Generates AUTH_SECRET
// into .data/secrets.json when unset.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { RADIUSD_BINARY, type RadiusdHandle, startRadiusd } from "../radius/run.ts";
import { dataDir, type EmbeddedServer, freePort, startEmbeddedPostgres } from "./embedded-postgres.ts";
import { applyMigrations } from "./migrate.ts";

type Mode = "demo" | "dev" | "start";
const mode = (process.argv[2] ?? "demo") as Mode;
if (!["demo", "dev", "start"].includes(mode)) {
  console.error("usage: tsx scripts/start.ts demo | dev | start");
  process.exit(2);
}

const root = path.join(import.meta.dirname, "..");
const say = (line: string) => console.log(`[fiberops] ${line}`);

/** What was started, stopped in reverse order on Ctrl+C, when the app exits, or on a failure. */
const running: Array<() => Promise<void> | void> = [];
let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  for (const stop of running.reverse()) await Promise.resolve(stop()).catch(() => {});
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

function loadSecrets(): Record<string, string> {
  const file = path.join(dataDir, "secrets.json");
  mkdirSync(dataDir, { recursive: true });
  const secrets = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, string>) : {};
  if (!secrets.AUTH_SECRET) {
    secrets.AUTH_SECRET = randomBytes(32).toString("base64url");
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
    say("generated AUTH_SECRET into .data/secrets.json");
  }
  return secrets;
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs = 180_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`next exited with code ${child.exitCode}`);
    try {
      const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5000) });
      if (res.status < 500) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}

type Aaa = { radiusd: RadiusdHandle; bng: ChildProcess; controlPort: number };

/**
 * The demo's access network: a private radiusd on the database and the BNG simulator playing
 * the seeded NAS, its CPEs (the demo subscribers) online with realistic traffic and a fault now
 * and then (simulator/bng/demo.ts). Without FreeRADIUS installed, says how to get it.
 */
async function startAaa(databaseUrl: string): Promise<Aaa | null> {
  if (!existsSync(RADIUSD_BINARY)) {
    say(`FreeRADIUS is not installed (${RADIUSD_BINARY}): no live sessions in the demo.`);
    say("  Install it (Debian/Ubuntu: sudo apt-get install freeradius freeradius-postgresql) and start again.");
    return null;
  }
  let radiusd: RadiusdHandle;
  try {
    radiusd = await startRadiusd({ databaseUrl, watchReloads: true, log: (line) => say(`radius: ${line}`) });
  } catch (error) {
    say(`FreeRADIUS did not start, so the demo runs without live sessions: ${(error as Error).message}`);
    return null;
  }
  const controlPort = await freePort(7810);
  // A process of its own: the app never imports the simulator.
  const bng = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      path.join(root, "simulator", "bng", "main.ts"),
      "--auth",
      String(radiusd.authPort),
      "--acct",
      String(radiusd.acctPort),
      "--control-port",
      String(controlPort),
      "--cpes-from-db",
      "--demo",
    ],
    { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ["ignore", "inherit", "inherit"] },
  );
  bng.on("exit", (code, signal) => {
    if (code !== 0 && signal !== "SIGTERM") say(`the BNG simulator stopped (${code ?? signal}): no new sessions`);
  });
  running.push(
    () => radiusd.stop(),
    () => {
      if (bng.exitCode === null) bng.kill("SIGTERM");
    },
  );
  return { radiusd, bng, controlPort };
}

async function main() {
  const port = Number(process.env.PORT ?? 3000);
  if (!process.env.AUTH_SECRET) process.env.AUTH_SECRET = loadSecrets().AUTH_SECRET;
  process.env.AUTH_TRUST_HOST ??= "true";
  process.env.NEXT_TELEMETRY_DISABLED ??= "1";
  process.env.APP_URL ??= `http://localhost:${port}`;
  // The demo pays "by card" through the fake gateway inside the app unless one is configured.
  if ((mode !== "start" || process.env.SEED_DEMO) && !process.env.PAYMENTS_SECRET_KEY)
    process.env.FIBEROPS_FAKE_GATEWAY ??= "1";
  // Without an email provider, the dev mailbox is how the demo's invitations and resets arrive
  // (a production build runs as "production"); `npm start` never shows their links (SECURITY.md).
  if (mode !== "start") process.env.FIBEROPS_DEMO_MAILBOX ??= "1";
  // Its addresses are looked up in the simulated geocoder unless a real one is configured.
  if ((mode !== "start" || process.env.SEED_DEMO) && !process.env.GEOCODER_URL)
    process.env.FIBEROPS_FAKE_GEOCODER ??= "1";

  let embedded: EmbeddedServer | null = null;
  if (!process.env.DATABASE_URL) {
    const server = await startEmbeddedPostgres("fiberops", say);
    running.push(() => server.stop());
    embedded = server;
    process.env.DATABASE_URL = server.url;
  } else {
    say(`using DATABASE_URL (${new URL(process.env.DATABASE_URL).host})`);
  }
  const url = process.env.DATABASE_URL;

  const applied = await applyMigrations(url, (line) => say(line));
  say(applied.length ? `${applied.length} migration(s) applied` : "database schema is up to date");

  // Imported after DATABASE_URL is set (the server's env is read once).
  const seed = await import("../prisma/seed.ts");
  const { createPrisma } = await import("../server/db.ts");
  const prisma = createPrisma(url);
  try {
    if (mode === "start" && !process.env.SEED_DEMO) {
      await seed.seedPlatform(prisma, say);
      const admins = await seed.platformUserCount(prisma);
      if (!admins)
        say("no platform admin exists yet: set PLATFORM_ADMIN_EMAIL and PLATFORM_ADMIN_PASSWORD and start again");
    } else {
      const tenant = await seed.seedDemo(prisma, say);
      say(`demo tenant "${tenant.name}" is ready`);
    }
  } finally {
    await prisma.$disconnect();
  }

  const aaa = mode === "start" ? null : await startAaa(url);

  const built = existsSync(path.join(root, ".next", "BUILD_ID"));
  if (mode === "start" && !built) throw new Error("no production build: run `npm run build` first");
  const nextCommand = mode === "dev" || (mode === "demo" && !built) ? "dev" : "start";
  if (mode === "demo" && !built) say("no production build found: starting the development server (slower first load)");

  // Next.js behind our own HTTP server, which only believes forwarded headers from TRUSTED_PROXIES.
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(root, "scripts", "serve.ts"), nextCommand, String(port)],
    {
      cwd: root,
      env: { ...process.env, NODE_ENV: nextCommand === "dev" ? "development" : "production" },
      stdio: ["ignore", "inherit", "inherit"],
    },
  );

  running.push(() => {
    if (child.exitCode === null) child.kill("SIGTERM");
  });
  child.on("exit", (code) => void shutdown(code ?? 0));

  const appUrl = `http://localhost:${port}`;
  await waitForHttp(`${appUrl}/sign-in`, child);
  const lines = [
    "",
    `FiberOps is running: ${appUrl}`,
    embedded ? "Database: embedded PostgreSQL" : "Database: DATABASE_URL",
  ];
  if (aaa)
    lines.push(
      `FreeRADIUS: auth ${aaa.radiusd.authPort}/udp, acct ${aaa.radiusd.acctPort}/udp; BNG simulator control API: http://127.0.0.1:${aaa.controlPort}`,
    );
  if (mode !== "start" || process.env.SEED_DEMO) {
    lines.push("", `Demo sign-ins (password for all: ${seed.DEMO_PASSWORD}):`);
    for (const a of seed.demoSignIns()) lines.push(`  ${a.email.padEnd(36)} ${a.role.padEnd(18)} → ${a.home}`);
  }
  lines.push("", "Press Ctrl+C to stop.", "");
  console.log(lines.join("\n"));
}

main().catch((error) => {
  console.error(`[fiberops] ${(error as Error).message}`);
  void shutdown(1);
});
