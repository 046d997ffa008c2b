// Starts a private FreeRADIUS 3.2 (Debian's `freeradius` binary) on chosen ports against a
// given PostgreSQL database, from the template in radius/template. Used by the dev/demo
// start-up, the integration tests, the e2e app and the benchmark.
//
//   import { startRadiusd } from "@/radius/run";
//   const r = await startRadiusd({ databaseUrl, authPort: 0 });   // 0 = a free random port
//   ... r.authPort, r.acctPort ...
//   await r.stop();
//
// CLI (dev/CI):  DATABASE_URL=… tsx radius/run.ts [--auth 1812] [--acct 1813] [--listen 0.0.0.0] [--debug]
//
// radiusd reads its clients (the `nas` table) only at start. With `watchReloads` (the CLI
// default) the runner polls the `radius_reload` row the platform writes when a NAS is added,
// changed or removed, restarts radiusd, and marks the request done.
import { type ChildProcess, spawn } from "node:child_process";
import dgram from "node:dgram";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const here = import.meta.dirname ?? path.join(process.cwd(), "radius");
const TEMPLATE = path.join(here, "template");
const SYSTEM_QUERIES = "/etc/freeradius/3.0/mods-config/sql/main/postgresql/queries.conf";
export const RADIUSD_BINARY = process.env.RADIUSD_BINARY ?? "/usr/sbin/freeradius";

export type RadiusdOptions = {
  databaseUrl: string;
  /** 0 or undefined: a free random high port. */
  authPort?: number;
  acctPort?: number;
  listen?: string;
  /** "sql" (our schema) or "files" (users file: the benchmark's ceiling). */
  mode?: "sql" | "files";
  /** The stock authorize and Interim-Update queries instead of our functions (comparisons). */
  stockQueries?: boolean;
  /** Contents of the `users` file in files mode. */
  usersFile?: string;
  threads?: number;
  maxThreads?: number;
  sqlPool?: number;
  /** Also listen for CoA/Disconnect on this port and ACK them (a test receiver; 0 = off). */
  coaPort?: number;
  /**
   * Commit FreeRADIUS's own writes (radacct, radpostauth) without waiting for the WAL flush
   * (`synchronous_commit = off` on radiusd's connections only; default true). A crash can
   * lose the last fraction of a second of accounting/post-auth rows, which the next
   * Interim-Update (cumulative counters) repairs; the platform's own writes stay synchronous.
   */
  asyncCommit?: boolean;
  /** Seconds radiusd waits before sending an Access-Reject (FreeRADIUS default 1). */
  rejectDelay?: number;
  /** Run with -X (full debug log in <dir>/log/radius.log; slow). */
  debug?: boolean;
  /** Restart radiusd when the platform requests a reload (NAS changes). */
  watchReloads?: boolean;
  watchIntervalMs?: number;
  log?: (line: string) => void;
};

export type RadiusdHandle = {
  authPort: number;
  acctPort: number;
  dir: string;
  pid(): number | undefined;
  /** Restarts radiusd (re-reads the `nas` table). */
  restart(): Promise<void>;
  stop(): Promise<void>;
  /** radiusd's log so far (for failure messages). */
  logText(): string;
};

/** A UDP port nobody is bound to right now, in the high range (tests of several engineers run at once). */
export async function freeUdpPort(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = 20000 + Math.floor(Math.random() * 40000);
    const ok = await new Promise<boolean>((resolve) => {
      const s = dgram.createSocket("udp4");
      s.once("error", () => resolve(false));
      s.bind(port, "0.0.0.0", () => s.close(() => resolve(true)));
    });
    // The accounting port is auth+1 by convention: check it too.
    if (ok) {
      const ok2 = await new Promise<boolean>((resolve) => {
        const s = dgram.createSocket("udp4");
        s.once("error", () => resolve(false));
        s.bind(port + 1, "0.0.0.0", () => s.close(() => resolve(true)));
      });
      if (ok2) return port;
    }
  }
  throw new Error("no free UDP port found");
}

// Our radiusd's hot queries call the plpgsql functions of the *_radius_fast_queries migration
// (rlm_sql_postgresql sends plain text, so each stock query is parsed and planned again; a
// function's statements are planned once per connection).
// - authorize: two queries instead of the stock check + reply + group list + check and reply
//   per tried group (used with read_groups = no). Each returns the user's items followed by
//   those of the first group whose checks match, as the stock group loop would.
// - Interim-Update: the stock UPDATE; no row back when no open session matched, so rlm_sql
//   falls through to the stock INSERT as before.
// The tables and every other stock query stay as they are: a stock FreeRADIUS reads the same rows.
const AUTHORIZE_QUERIES = `authorize_check_query = "\\
	SELECT id, username, attribute, value, op \\
	FROM radius_authorize_check('%{SQL-User-Name}', '%{FiberOps-NAS-Vendor}')"

authorize_reply_query = "\\
	SELECT id, username, attribute, value, op \\
	FROM radius_authorize_reply('%{SQL-User-Name}', '%{FiberOps-NAS-Vendor}')"`;

const INTERIM_QUERY = `query = "\\
				SELECT * FROM radius_acct_interim('%{Acct-Unique-Session-Id}', '\${....event_timestamp_epoch}', \\
					'%{Acct-Session-Time}', '%{Acct-Input-Gigawords}', '%{Acct-Input-Octets}', \\
					'%{Acct-Output-Gigawords}', '%{Acct-Output-Octets}', '%{Framed-IP-Address}', \\
					'%{Framed-IPv6-Address}', '%{Framed-IPv6-Prefix}', '%{Framed-Interface-Id}', \\
					'%{Delegated-IPv6-Prefix}')"
`;

const QUOTED = '"(?:[^"\\\\]|\\\\[\\s\\S])*"\\n';

/** Replaces one top-level `name = "…"` item (a quoted string continued with backslashes). */
function replaceItem(conf: string, name: string, replacement: string) {
  const match = new RegExp(`^${name} = ${QUOTED}`, "m").exec(conf);
  if (!match) throw new Error(`${SYSTEM_QUERIES}: no top-level ${name}`);
  return conf.slice(0, match.index) + replacement + conf.slice(match.index + match[0].length);
}

// Accounting-On/Off: the stock bulk close of the NAS's open sessions, and (in the same
// statement) the reload recorded in the stock nasreload table with its status type, from which
// monitoring raises "NAS down" / "NAS restarted". (A data-modifying WITH runs in full even
// though the INSERT does not read it.)
const ACCOUNTING_ON_QUERY = `query = "\\
				WITH closed AS (UPDATE \${....acct_table1} \\
					SET AcctStopTime = \${....event_timestamp}, \\
						AcctUpdateTime = \${....event_timestamp}, \\
						AcctSessionTime = (\${....event_timestamp_epoch} - EXTRACT(EPOCH FROM(AcctStartTime))), \\
						AcctTerminateCause = '%{%{Acct-Terminate-Cause}:-NAS-Reboot}' \\
					WHERE AcctStopTime IS NULL \\
					AND NASIPAddress = '%{%{NAS-IPv6-Address}:-%{NAS-IP-Address}}' \\
					AND AcctStartTime <= \${....event_timestamp} RETURNING 1) \\
				INSERT INTO nasreload (NASIPAddress, ReloadTime, AcctStatusType) \\
				VALUES ('%{%{NAS-IPv6-Address}:-%{NAS-IP-Address}}', \${....event_timestamp}, '%{Acct-Status-Type}') \\
				ON CONFLICT (NASIPAddress) DO UPDATE \\
				SET ReloadTime = EXCLUDED.ReloadTime, AcctStatusType = EXCLUDED.AcctStatusType"
`;

/** Replaces the first `query = "…"` of the `interim-update { … }` section. */
function replaceInterim(conf: string) {
  const match = new RegExp(`(^\\s*interim-update \\{\\s*\\n\\s*)query = ${QUOTED}`, "m").exec(conf);
  if (!match) throw new Error(`${SYSTEM_QUERIES}: no interim-update query`);
  return conf.slice(0, match.index) + match[1] + INTERIM_QUERY + conf.slice(match.index + match[0].length);
}

/** Replaces the first (active) `query = "…"` of the `accounting-on { … }` section. */
function replaceAccountingOn(conf: string) {
  const match = new RegExp(`(^\\s*accounting-on \\{\\s*\\n(?:\\s*(?:#.*)?\\n)*\\s*)query = ${QUOTED}`, "m").exec(conf);
  if (!match) throw new Error(`${SYSTEM_QUERIES}: no accounting-on query`);
  return conf.slice(0, match.index) + match[1] + ACCOUNTING_ON_QUERY + conf.slice(match.index + match[0].length);
}

/**
 * The Debian queries.conf with our post-auth query (no password stored) and Accounting-On/Off
 * query (the reload recorded) and, unless `stock`, our authorize and Interim-Update queries.
 */
export function renderQueries(system = readFileSync(SYSTEM_QUERIES, "utf8"), stock = false) {
  if (!stock) {
    const [check, reply] = AUTHORIZE_QUERIES.split(/\n\n/);
    system = replaceItem(system, "authorize_check_query", `${check}\n`);
    system = replaceItem(system, "authorize_reply_query", `${reply}\n`);
    system = replaceInterim(system);
  }
  system = replaceAccountingOn(system);
  const start = system.search(/^post-auth \{/m);
  if (start < 0) throw new Error(`${SYSTEM_QUERIES}: no top-level post-auth section`);
  const end = system.indexOf("\n}", start);
  const ours = `post-auth {
	# FiberOps: never store the password; keep the NAS and FreeRADIUS's failure message. The
	# radpostauth trigger adds tenant, subscriber and a readable reject reason.
	query = "\\
		INSERT INTO \${..postauth_table} \\
			(username, pass, reply, calledstationid, callingstationid, authdate, nasipaddress, message) \\
		VALUES(\\
			'%{SQL-User-Name}', \\
			NULL, \\
			'%{reply:Packet-Type}', \\
			NULLIF('%{Called-Station-Id}', ''), \\
			NULLIF('%{Calling-Station-Id}', ''), \\
			now(), \\
			NULLIF('%{NAS-IP-Address}', '')::inet, \\
			NULLIF('%{Module-Failure-Message}', ''))"
}`;
  return system.slice(0, start) + ours + system.slice(end + 2);
}

function fill(template: string, values: Record<string, string | number>) {
  return template.replace(/\{\{([A-Z_]+)\}\}/g, (_, key: string) => {
    if (!(key in values)) throw new Error(`radius template: no value for {{${key}}}`);
    return String(values[key]);
  });
}

/** Writes a complete config tree into `dir`. */
export function renderConfig(dir: string, o: RadiusdOptions & { authPort: number; acctPort: number }) {
  const url = new URL(o.databaseUrl);
  const mode = o.mode ?? "sql";
  const values = {
    DIR: dir,
    LISTEN: o.listen ?? "127.0.0.1",
    AUTH_PORT: o.authPort,
    ACCT_PORT: o.acctPort,
    DB_HOST: url.hostname,
    DB_PORT: url.port || "5432",
    DB_USER: decodeURIComponent(url.username || "postgres"),
    DB_PASSWORD: decodeURIComponent(url.password || ""),
    // A libpq connection string (radius_db with "=" is used as-is by rlm_sql_postgresql).
    DB_CONNINFO: [
      `dbname='${url.pathname.replace(/^\//, "")}'`,
      `host='${url.hostname}'`,
      `port='${url.port || "5432"}'`,
      `user='${decodeURIComponent(url.username || "postgres")}'`,
      url.password ? `password='${decodeURIComponent(url.password)}'` : "",
      o.asyncCommit === false ? "" : "options='-c synchronous_commit=off'",
    ]
      .filter(Boolean)
      .join(" "),
    THREADS: o.threads ?? 4,
    // Few threads: on a small machine more threads only add context switches, and each one
    // may hold a PostgreSQL connection (rlm_sql fails a request when the pool is exhausted
    // rather than queueing it, so the pool's max follows max_servers).
    MAX_THREADS: o.maxThreads ?? 16,
    POOL: o.sqlPool ?? 4,
    MAX_POOL: Math.max(o.sqlPool ?? 4, o.maxThreads ?? 16),
    REJECT_DELAY: o.rejectDelay ?? 0,
    AUTHORIZE: mode === "files" ? "files" : "sql",
    READ_GROUPS: o.stockQueries ? "yes" : "no",
    ACCOUNTING: mode === "files" ? "ok" : "sql",
    POSTAUTH: mode === "files" ? "ok" : "sql",
    COA_SERVER: o.coaPort
      ? `# A CoA/Disconnect receiver that acknowledges every correctly signed request (tests).
server fiberops-coa {
	listen {
		type = coa
		ipaddr = ${o.listen ?? "127.0.0.1"}
		port = ${o.coaPort}
	}
	recv-coa {
		ok
	}
	send-coa {
		ok
	}
}`
      : "",
  };
  for (const sub of ["log", "run", "acct"]) mkdirSync(path.join(dir, sub), { recursive: true });
  for (const file of ["radiusd.conf", "sql.conf", "site.conf", "dictionary"]) {
    writeFileSync(path.join(dir, file), fill(readFileSync(path.join(TEMPLATE, file), "utf8"), values));
  }
  writeFileSync(path.join(dir, "queries.conf"), renderQueries(undefined, o.stockQueries));
  writeFileSync(path.join(dir, "users"), o.usersFile ?? "");
  writeFileSync(path.join(dir, "acct_users"), "");
  writeFileSync(path.join(dir, "preproxy_users"), "");
}

async function markReloadDone(databaseUrl: string, startedAt: Date) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("UPDATE radius_reload SET done_at = $1 WHERE requested_at <= $1", [startedAt]);
  } finally {
    await client.end();
  }
}

export async function startRadiusd(options: RadiusdOptions): Promise<RadiusdHandle> {
  const authPort = options.authPort || (await freeUdpPort());
  const acctPort = options.acctPort || authPort + 1;
  const dir = mkdtempSync(path.join(os.tmpdir(), "fiberops-radiusd-"));
  renderConfig(dir, { ...options, authPort, acctPort });
  const logFile = path.join(dir, "log", "radius.log");
  const say = options.log ?? (() => {});
  let child: ChildProcess | undefined;
  let output = "";
  let startedAt = new Date();
  let stopping = false;

  const launch = () =>
    new Promise<void>((resolve, reject) => {
      output = "";
      // -f: foreground; -X: debug (single line per packet); -l: log destination.
      const args = options.debug ? ["-X", "-d", dir, "-l", logFile] : ["-f", "-d", dir, "-l", "stdout"];
      startedAt = new Date();
      const proc = spawn(RADIUSD_BINARY, args, { stdio: ["ignore", "pipe", "pipe"] });
      child = proc;
      let ready = false;
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.length > 200_000) output = output.slice(-100_000);
        if (!ready && /Ready to process requests/.test(output)) {
          ready = true;
          resolve();
        }
      };
      proc.stdout?.on("data", onData);
      proc.stderr?.on("data", onData);
      const poll = setInterval(() => {
        if (ready || !options.debug || !existsSync(logFile)) return;
        if (/Ready to process requests/.test(readFileSync(logFile, "utf8"))) {
          ready = true;
          clearInterval(poll);
          resolve();
        }
      }, 100);
      proc.on("exit", (code, signal) => {
        clearInterval(poll);
        if (!ready) {
          const log = existsSync(logFile) ? readFileSync(logFile, "utf8").slice(-4000) : "";
          reject(new Error(`radiusd exited (${code ?? signal}) before it was ready:\n${output.slice(-4000)}${log}`));
        } else if (!stopping) {
          say(`radiusd exited (${code ?? signal})`);
        }
      });
      setTimeout(() => {
        if (!ready) {
          proc.kill("SIGKILL");
        }
      }, 20_000).unref();
    });

  const kill = () =>
    new Promise<void>((resolve) => {
      const proc = child;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return resolve();
      const timer = setTimeout(() => proc.kill("SIGKILL"), 3000);
      proc.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      proc.kill("SIGTERM");
    });

  await launch();
  say(`radiusd ready: auth ${authPort}/udp, acct ${acctPort}/udp (${options.mode ?? "sql"} mode, config ${dir})`);
  if (options.mode !== "files") await markReloadDone(options.databaseUrl, startedAt).catch(() => {});

  let watcher: NodeJS.Timeout | undefined;
  let endWatchClient: () => Promise<void> = async () => {};
  let restarting: Promise<void> | null = null;
  const restart = async () => {
    restarting ??= (async () => {
      stopping = true;
      await kill();
      stopping = false;
      await launch();
      await markReloadDone(options.databaseUrl, startedAt).catch(() => {});
      say("radiusd restarted: NAS table re-read");
    })().finally(() => {
      restarting = null;
    });
    return restarting;
  };

  if (options.watchReloads) {
    // One connection, opened again after it breaks (a database restart, or the drop at the end
    // of a test run, must neither crash the process nor stop the watch for good).
    let client: pg.Client | null = null;
    const connect = async () => {
      const c = new pg.Client({ connectionString: options.databaseUrl });
      c.on("error", (error) => {
        say(`reload watch: ${error.message}`);
        if (client === c) client = null;
      });
      await c.connect();
      client = c;
      return c;
    };
    await connect();
    endWatchClient = async () => {
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    };
    watcher = setInterval(async () => {
      try {
        const c = client ?? (await connect());
        const { rows } = await c.query<{ requested_at: Date }>("SELECT requested_at FROM radius_reload WHERE id = 1");
        if (rows[0] && rows[0].requested_at > startedAt && !restarting) await restart();
      } catch (error) {
        say(`reload watch: ${(error as Error).message}`);
        await endWatchClient();
      }
    }, options.watchIntervalMs ?? 2000);
    watcher.unref();
    process.once("exit", endWatchClient);
  }

  return {
    authPort,
    acctPort,
    dir,
    pid: () => child?.pid,
    restart,
    async stop() {
      if (watcher) clearInterval(watcher);
      await endWatchClient();
      stopping = true;
      await kill();
      if (!process.env.KEEP_RADIUSD_DIR) rmSync(dir, { recursive: true, force: true });
    },
    logText: () => output + (existsSync(logFile) ? readFileSync(logFile, "utf8") : ""),
  };
}

// CLI
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(here, "run.ts")) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const databaseUrl = arg("db") ?? process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.error("usage: DATABASE_URL=… tsx radius/run.ts [--auth 1812] [--acct 1813] [--listen 0.0.0.0] [--debug]");
    process.exit(2);
  }
  const r = await startRadiusd({
    databaseUrl,
    authPort: Number(arg("auth") ?? 1812),
    acctPort: Number(arg("acct") ?? 1813),
    listen: arg("listen") ?? "0.0.0.0",
    debug: process.argv.includes("--debug"),
    watchReloads: true,
    log: (line) => console.log(`[radius] ${line}`),
  });
  const shutdown = async () => {
    await r.stop();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}
