// Builds one template database with every migration applied; each test file then gets its
// own copy (CREATE DATABASE … TEMPLATE), so tests never share rows.
import { createHash } from "node:crypto";
import pg from "pg";
import { applyMigrations, readMigrations } from "@/scripts/migrate";
import { adminUrl, databaseUrlFor } from "./database-urls";

export default async function setup() {
  const digest = createHash("sha256")
    .update(
      readMigrations()
        .map((m) => m.checksum)
        .join(),
    )
    .digest("hex")
    .slice(0, 12);
  const template = `fiberops_template_${digest}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query("SELECT pg_advisory_lock(727275)");
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [template]);
    if (!rowCount) {
      await admin.query(`CREATE DATABASE ${template}_building`);
      await applyMigrations(databaseUrlFor(`${template}_building`));
      await admin.query(`ALTER DATABASE ${template}_building RENAME TO ${template}`);
    }
    // Leftovers of interrupted runs. Without FORCE, so databases that another run is
    // using right now (it holds connections) stay. Templates of other migration sets are kept:
    // a run on another checkout may be about to copy one (it holds no connection meanwhile).
    const stale = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'fiberops\\_t\\_%'",
    );
    for (const { datname } of stale.rows) {
      if (process.env.KEEP_TEST_DBS) break;
      await admin.query(`DROP DATABASE IF EXISTS ${datname}`).catch(() => {});
    }
  } finally {
    await admin.query("SELECT pg_advisory_unlock(727275)");
    await admin.end();
  }
  process.env.FIBEROPS_TEST_TEMPLATE = template;
}
