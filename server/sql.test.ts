// Raw SQL goes through one helper: a tenant's statement must bind that tenant in its tenant
// predicate (or insert rows of that tenant), else it is refused before it reaches the database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/server/db";
import { crossTenantSql, tenantSql } from "@/server/sql";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { createTenant } from "@/server/testing/fixtures";

let t: TestDatabase;
let a: string;
let b: string;
beforeAll(async () => {
  t = await testDatabase();
  a = (await createTenant(t.prisma)).id;
  b = (await createTenant(t.prisma)).id;
  await t.prisma.documentCounter.createMany({
    data: [
      { tenantId: a, kind: "invoice", last: 1 },
      { tenantId: b, kind: "invoice", last: 1 },
    ],
  });
});
afterAll(() => t.drop());

const lasts = async () =>
  (await t.prisma.documentCounter.findMany({ orderBy: { tenantId: "asc" } })).map((c) => [c.tenantId, c.last]);

describe("tenantSql", () => {
  it("runs a statement that binds the tenant in its predicate, on that tenant's rows only", async () => {
    const sql = tenantSql(t.prisma, a);
    expect(await sql.execute`UPDATE "DocumentCounter" SET last = last + 1 WHERE "tenantId" = ${a}::uuid`).toBe(1);
    const where = Prisma.sql`c."tenantId" = ${a}::uuid AND c.kind = ${"invoice"}`;
    const rows = await sql.query<{ last: number }[]>(Prisma.sql`SELECT last FROM "DocumentCounter" c WHERE ${where}`);
    expect(rows).toEqual([{ last: 2 }]);
    // An insert of the tenant's own rows carries it in the tenant column.
    await sql.execute`INSERT INTO "DocumentCounter" ("tenantId", kind, last) VALUES (${a}::uuid, ${"credit_note"}, 0)`;
    expect(await t.prisma.documentCounter.count({ where: { tenantId: a } })).toBe(2);
  });

  it("refuses a statement without the tenant predicate, or with another tenant's, and changes nothing", async () => {
    const before = await lasts();
    const sql = tenantSql(t.prisma, a);
    await expect(sql.execute`UPDATE "DocumentCounter" SET last = last + 1`).rejects.toThrow(/tenant predicate/);
    await expect(
      sql.execute`UPDATE "DocumentCounter" SET last = last + 1 WHERE "tenantId" = ${b}::uuid`,
    ).rejects.toThrow(/tenant predicate/);
    // The tenant's id elsewhere than in the predicate does not count.
    await expect(sql.query`SELECT last FROM "DocumentCounter" WHERE kind = ${a} OR true`).rejects.toThrow(
      /tenant predicate/,
    );
    await expect(tenantSql(t.prisma, "").query`SELECT 1 WHERE "tenantId" = ${""}`).rejects.toThrow(/tenant predicate/);
    expect(await lasts()).toEqual(before);
  });
});

describe("crossTenantSql", () => {
  it("is the named way for work that spans every tenant", async () => {
    const rows = await crossTenantSql(t.prisma).query<
      { n: bigint }[]
    >`SELECT count(*)::bigint AS n FROM "DocumentCounter"`;
    expect(Number(rows[0]!.n)).toBe(3);
  });
});
