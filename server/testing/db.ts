// A private, migrated database for one test file. Usage:
//   const t = await testDatabase();   // in beforeAll
//   ... t.prisma ...                  // the process-wide db() points at it too
//   await t.drop();                   // in afterAll
import { randomBytes } from "node:crypto";
import pg from "pg";
import { db } from "@/server/db";
import type { PrismaClient } from "@/server/generated/prisma/client";
import { syncBuiltInRoles } from "@/server/modules/identity";
import { adminUrl, databaseUrlFor } from "./database-urls";

export type TestDatabase = { name: string; url: string; prisma: PrismaClient; drop(): Promise<void> };

export async function testDatabase(): Promise<TestDatabase> {
  const template = process.env.FIBEROPS_TEST_TEMPLATE;
  if (!template) throw new Error("vitest globalSetup did not run (server/testing/global-setup.ts)");
  // The creation time in the name lets another run tell a leftover from a database in use.
  const name = `fiberops_t_${Math.floor(Date.now() / 1000).toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  await admin.end();
  const url = databaseUrlFor(name);
  // Configured as production is: the app's own client follows DATABASE_URL.
  process.env.DATABASE_URL = url;
  const prisma = db();
  const [opened] = await prisma.$queryRawUnsafe<{ name: string }[]>("SELECT current_database() AS name");
  if (opened?.name !== name)
    throw new Error("db() was opened before testDatabase(): call testDatabase() first in the test file");
  await syncBuiltInRoles(prisma);
  return {
    name,
    url,
    prisma,
    async drop() {
      await prisma.$disconnect();
      if (process.env.KEEP_TEST_DBS) return;
      const a = new pg.Client({ connectionString: adminUrl() });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
