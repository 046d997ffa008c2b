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
    // Leftovers of interrupted runs: only databases created more than a day ago (the name
    // carries its creation time, server/testing/db.ts). A younger one may be another run's that
    // is between connections right now; dropping it would fail that run.
    const stale = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname ~ '^fiberops_t_[0-9a-z]+_[0-9a-f]+$'",
    );
    const dayAgo = Date.now() / 1000 - 24 * 3600;
    for (const { datname } of stale.rows) {
      if (process.env.KEEP_TEST_DBS) break;
      if (Number.parseInt(datname.split("_")[2]!, 36) > dayAgo) continue;
      await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).catch(() => {});
    }
  } finally {
    await admin.query("SELECT pg_advisory_unlock(727275)");
    await admin.end();
  }
  process.env.FIBEROPS_TEST_TEMPLATE = template;
}
