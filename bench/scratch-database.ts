// The private database each benchmark builds its data in and drops at the end, on the server
// of DATABASE_ADMIN_URL (a superuser; the local PostgreSQL by default).
import pg from "pg";

export async function scratchDatabase(name: string) {
  const adminUrl = process.env.DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** A database an earlier run kept (BENCH_KEEP=1), timed again without loading; never dropped. */
export function keptDatabase(name: string) {
  const url = new URL(process.env.DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
  url.pathname = `/${name}`;
  return { url: url.toString(), async drop() {} };
}
