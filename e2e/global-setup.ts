// Before the specs: a fresh database (migrated, demo data), the services of e2e/services.ts,
// and the production build served by scripts/serve.ts (as `npm start` does) on a free port. Returns the teardown:
// stop the app and the services, drop the database.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { applyMigrations } from "../scripts/migrate.ts";
import { E2E_SERVICES } from "./services.ts";

const root = path.join(import.meta.dirname, "..");
const log = (line: string) => console.log(`[e2e] ${line}`);

function adminUrl() {
  return process.env.TEST_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, child: ChildProcess, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null)
      throw new Error(`the app exited with code ${child.exitCode} (see test-results/e2e-app.log)`);
    try {
      const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5000) });
      if (res.status < 500) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the app did not answer at ${url} within ${timeoutMs / 1000}s (see test-results/e2e-app.log)`);
}

async function admin<T>(work: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export default async function globalSetup() {
  if (process.env.E2E_BASE_URL) {
    log(`using the app at ${process.env.E2E_BASE_URL}`);
    return async () => {};
  }
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
    throw new Error("no production build: run `flock /tmp/next.lock npx next build` first (npm test does)");
  }

  const name = `fiberops_e2e_${randomBytes(5).toString("hex")}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const stops: Array<() => Promise<void>> = [];
  let app: ChildProcess | undefined;

  const teardown = async () => {
    if (app && app.exitCode === null) {
      const exited = new Promise((r) => app?.once("exit", r));
      app.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (app.exitCode === null) app.kill("SIGKILL");
    }
    for (const stop of stops.reverse()) await stop().catch((e) => log(`stopping a service failed: ${e}`));
    // Dropping the database ends every connection still open to it; a service that left a
    // client open (without an error handler) must not crash the run after the tests passed.
    process.on("uncaughtException", (error: Error & { code?: string }) => {
      // 57P01 when the server ends it; "terminated unexpectedly" when the socket closes first.
      if (error.code === "57P01" || error.message === "Connection terminated unexpectedly")
        log(`a connection to ${name} was still open at teardown (closed by the drop)`);
      else throw error;
    });
    if (!process.env.KEEP_E2E_DB) await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    else log(`kept database ${name}`);
  };

  try {
    const started = Date.now();
    await applyMigrations(databaseUrl);
    process.env.DATABASE_URL = databaseUrl;
    const seed = await import("../prisma/seed.ts");
    const { createPrisma } = await import("../server/db.ts");
    const prisma = createPrisma(databaseUrl);
    try {
      await seed.seedDemo(prisma, log);
    } finally {
      await prisma.$disconnect();
    }
    log(`database ${name} migrated and seeded in ${((Date.now() - started) / 1000).toFixed(1)}s`);

    // The app's address is fixed before the services start (webhook senders need it).
    const port = await freePort();
    const baseUrl = `http://localhost:${port}`;
    const env: Record<string, string> = {};
    for (const service of E2E_SERVICES) {
      const s = await service.start({ databaseUrl, appUrl: baseUrl, env: { ...env }, log });
      Object.assign(env, s.env ?? {});
      stops.push(s.stop);
      log(`started ${service.name}`);
    }

    mkdirSync(path.join(root, "test-results"), { recursive: true });
    const out = createWriteStream(path.join(root, "test-results", "e2e-app.log"));
    app = spawn(
      process.execPath,
      // The server `npm start` runs (it decides which forwarded headers to believe).
      ["--import", "tsx", path.join(root, "scripts", "serve.ts"), "start", String(port)],
      {
        cwd: root,
        env: {
          ...process.env,
          ...env,
          NODE_ENV: "production",
          DATABASE_URL: databaseUrl,
          AUTH_SECRET: randomBytes(32).toString("base64url"),
          AUTH_TRUST_HOST: "true",
          APP_URL: baseUrl,
          // Every journey signs in from this one address: per-IP limits would refuse the suite.
          RATE_LIMIT_SCALE: "100",
          NEXT_TELEMETRY_DISABLED: "1",
          PORT: String(port),
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    app.stdout?.pipe(out);
    app.stderr?.pipe(out);
    await waitFor(`${baseUrl}/sign-in`, app);
    log(`app ready at ${baseUrl}`);
    process.env.E2E_BASE_URL = baseUrl;
    process.env.E2E_DATABASE_URL = databaseUrl;
    for (const [k, v] of Object.entries(env)) process.env[k] = v;
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
