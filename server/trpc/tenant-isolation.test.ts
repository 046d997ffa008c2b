// Tenant isolation: a user of tenant A never sees or changes tenant B's objects.
// 1. The foundation objects one by one (users, invitations, roles, tax rates, API tokens,
//    audit rows, emails), through the tRPC caller as A's admin.
// 2. A generic pass over EVERY procedure of appRouter (including ones other modules add):
//    tenant B gets one row in every table that has a tenant column (inserted straight from
//    the database catalogue, so new tables are covered without editing this file), then
//    every procedure whose input has an id-like field is called as A's admin with B's ids.
//    Nothing of B may come back, and B's rows must be byte-for-byte unchanged afterwards.
import { TRPCError } from "@trpc/server";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtInRole } from "@/server/modules/identity";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { callerAs, createTenant, createUser } from "@/server/testing/fixtures";
import { idFields, type ProcedureDef, sample } from "@/server/testing/probe-inputs";
import { MARKER, seedEveryTenantTable, snapshotTenant } from "@/server/testing/tenant-rows";
import { appRouter } from "./root";

let t: TestDatabase;
let sql: pg.Client;
beforeAll(async () => {
  t = await testDatabase();
  sql = new pg.Client({ connectionString: t.url });
  await sql.connect();
});
afterAll(async () => {
  await sql.end();
  await t.drop();
});

type Caller = Awaited<ReturnType<typeof callerAs>>;

async function errorOf(promise: Promise<unknown>): Promise<TRPCError | null> {
  return promise.then(
    () => null,
    (e: unknown) => (e instanceof TRPCError ? e : new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: String(e) })),
  );
}

async function twoTenants() {
  const a = await createTenant(t.prisma);
  const b = await createTenant(t.prisma);
  const adminA = await createUser(t.prisma, { roleKey: "tenant_admin", tenantId: a.id });
  const adminB = await createUser(t.prisma, { roleKey: "tenant_admin", tenantId: b.id });
  return {
    a,
    b,
    adminA,
    adminB,
    callerA: await callerAs(t.prisma, adminA.id),
    callerB: await callerAs(t.prisma, adminB.id),
  };
}

describe("foundation objects of another tenant", () => {
  it("users: not listed, not readable, not changeable", async () => {
    const { b, callerA } = await twoTenants();
    const userB = await createUser(t.prisma, { roleKey: "csr", tenantId: b.id, email: "b-only@example.com" });
    const noc = await builtInRole(t.prisma, "noc_engineer");
    expect((await callerA.identity.users.list({ search: "b-only" })).total).toBe(0);
    expect((await errorOf(callerA.identity.users.get({ id: userB.id })))?.code).toBe("NOT_FOUND");
    expect((await errorOf(callerA.identity.users.changeRole({ id: userB.id, roleId: noc.id })))?.code).toBe(
      "NOT_FOUND",
    );
    expect((await errorOf(callerA.identity.users.disable({ id: userB.id })))?.code).toBe("NOT_FOUND");
    const after = await t.prisma.user.findUniqueOrThrow({ where: { id: userB.id }, include: { role: true } });
    expect(after.status).toBe("ACTIVE");
    expect(after.role.key).toBe("csr");
  });

  it("invitations, custom roles and API tokens: NOT_FOUND and unchanged", async () => {
    const { callerA, callerB } = await twoTenants();
    const roleB = await callerB.identity.roles.create({ name: "B only role", permissions: ["ticket.read"] });
    const invB = await callerB.identity.invitations.create({ email: "inv-b@example.com", roleId: roleB.id });
    const tokenB = await callerB.identity.apiTokens.create({ name: "B token", roleId: roleB.id });

    expect((await callerA.identity.invitations.list({ search: "inv-b" })).total).toBe(0);
    expect((await errorOf(callerA.identity.invitations.revoke({ id: invB.id })))?.code).toBe("NOT_FOUND");
    expect((await errorOf(callerA.identity.invitations.resend({ id: invB.id })))?.code).toBe("NOT_FOUND");
    expect((await callerA.identity.roles.list()).some((r) => r.id === roleB.id)).toBe(false);
    expect(
      (await errorOf(callerA.identity.roles.update({ id: roleB.id, name: "Hijack", permissions: ["ticket.write"] })))
        ?.code,
    ).toBe("NOT_FOUND");
    expect((await errorOf(callerA.identity.roles.delete({ id: roleB.id })))?.code).toBe("NOT_FOUND");
    expect(
      (await errorOf(callerA.identity.invitations.create({ email: "x@example.com", roleId: roleB.id })))?.code,
    ).toBe("NOT_FOUND");
    expect((await errorOf(callerA.identity.apiTokens.create({ name: "xx", roleId: roleB.id })))?.code).toBe(
      "NOT_FOUND",
    );
    expect((await callerA.identity.apiTokens.list({})).total).toBe(0);
    expect((await errorOf(callerA.identity.apiTokens.revoke({ id: tokenB.id })))?.code).toBe("NOT_FOUND");

    expect(await t.prisma.invitation.findUniqueOrThrow({ where: { id: invB.id } })).toMatchObject({ revokedAt: null });
    expect(await t.prisma.role.findUniqueOrThrow({ where: { id: roleB.id } })).toMatchObject({ name: "B only role" });
    expect(await t.prisma.apiToken.findUniqueOrThrow({ where: { id: tokenB.id } })).toMatchObject({ revokedAt: null });
  });

  it("tax rates and settings: A's settings update cannot touch B's tax rates", async () => {
    const { a, b, callerA } = await twoTenants();
    const rateB = await t.prisma.taxRate.create({ data: { tenantId: b.id, name: "B VAT", basisPoints: 2000 } });
    const settingsA = await callerA.tenancy.settings.get();
    expect(settingsA.id).toBe(a.id);
    expect(JSON.stringify(settingsA)).not.toContain(rateB.id);
    await callerA.tenancy.settings.update({
      name: a.name,
      legalName: a.legalName,
      currency: "EUR",
      timezone: "Europe/Berlin",
      taxRates: [{ id: rateB.id, name: "B VAT", percent: 1, isDefault: true }],
    });
    expect(await t.prisma.taxRate.findUniqueOrThrow({ where: { id: rateB.id } })).toMatchObject({
      tenantId: b.id,
      basisPoints: 2000,
    });
    expect((await t.prisma.taxRate.findFirstOrThrow({ where: { tenantId: a.id } })).id).not.toBe(rateB.id);
  });

  it("audit log and mailbox: only one's own rows", async () => {
    const { b, callerA, callerB } = await twoTenants();
    const tech = await builtInRole(t.prisma, "field_technician");
    await callerB.identity.invitations.create({ email: "audit-b@example.com", roleId: tech.id });
    const emailB = await t.prisma.emailMessage.findFirstOrThrow({ where: { tenantId: b.id } });
    const auditA = await callerA.audit.search({ pageSize: 200 });
    expect(auditA.rows.some((r) => r.targetId && JSON.stringify(r).includes("audit-b@example.com"))).toBe(false);
    expect((await callerA.audit.search({ actor: "audit-b" })).total).toBe(0);
    expect((await callerA.mailbox.list({ search: "audit-b" })).total).toBe(0);
    expect((await errorOf(callerA.mailbox.get({ id: emailB.id })))?.code).toBe("NOT_FOUND");
  });

  it("platform-only procedures stay closed to tenant admins", async () => {
    const { b, callerA } = await twoTenants();
    expect((await errorOf(callerA.tenancy.tenants.get({ id: b.id })))?.code).toBe("FORBIDDEN");
    expect((await errorOf(callerA.tenancy.tenants.suspend({ id: b.id })))?.code).toBe("FORBIDDEN");
    expect((await errorOf(callerA.mailbox.listAll({})))?.code).toBe("FORBIDDEN");
  });
});

// ---------------------------------------------------------------------------------------
// Generic pass

describe("generic isolation pass over every procedure", () => {
  it("never returns or changes tenant B's rows when tenant A's admin passes B's ids", async () => {
    const { a, b, adminA } = await twoTenants();
    await createUser(t.prisma, { roleKey: "csr", tenantId: b.id, email: `${MARKER}-user@example.com` });
    const { seeded, failed, pks, tenantTables } = await seedEveryTenantTable(sql, b.id);
    // Foundation tables must be covered; others are covered when their constraints allow a generic row.
    for (const table of ["TaxRate", "Invitation", "ApiToken", "IdempotencyRecord", "AuditLog", "EmailMessage"])
      expect([...seeded.keys()]).toContain(table);
    console.info(
      `tenant-isolation: seeded ${seeded.size}/${tenantTables.length} tenant tables for B` +
        (failed.size ? `; not seedable generically: ${[...failed.keys()].join(", ")}` : ""),
    );

    // B's primary keys by table (plus B's users and roles, which have a nullable tenant column).
    const bIds: Array<{ table: string; value: unknown }> = [];
    for (const [table, row] of seeded) {
      const pk = pks.get(table);
      if (pk && row[pk] !== undefined) bIds.push({ table, value: row[pk] });
    }
    for (const u of await t.prisma.user.findMany({ where: { tenantId: b.id } }))
      bIds.push({ table: "User", value: u.id });
    bIds.push({ table: "Tenant", value: b.id });

    const before = await snapshotTenant(sql, tenantTables, b.id);
    const callerA: Caller = await callerAs(t.prisma, adminA.id);
    const procedures = (appRouter._def as unknown as { procedures: Record<string, ProcedureDef> }).procedures;
    const leaks: string[] = [];
    let calls = 0;
    const bValues = bIds.map((x) => String(x.value));
    for (const [path, procedure] of Object.entries(procedures)) {
      const input = procedure._def.inputs[0];
      if (!input) continue;
      const fields = idFields(input);
      if (fields.length === 0) continue;
      for (const field of fields) {
        const base = field.key.replace(/Ids?$/, "").toLowerCase();
        const matching = bIds.filter((x) => base && x.table.toLowerCase().endsWith(base));
        for (const target of (matching.length ? matching : bIds).filter(
          (x) => typeof x.value === (field.numeric ? "number" : "string"),
        )) {
          const payload = sample(input) as Record<string, unknown>;
          payload[field.key] = field.array ? [target.value] : target.value;
          const fn = path.split(".").reduce<unknown>((node, k) => (node as Record<string, unknown>)[k], callerA) as (
            i: unknown,
          ) => Promise<unknown>;
          calls++;
          const result = await Promise.race([
            fn(payload).then(
              (value) => ({ ok: true as const, value }),
              () => ({ ok: false as const }),
            ),
            new Promise<{ ok: false }>((resolve) => setTimeout(() => resolve({ ok: false }), 5_000)),
          ]);
          if (!result.ok) continue;
          const json = JSON.stringify(result.value ?? null, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
          const leaked = bValues.filter((v) => v !== String(target.value) && json.includes(v));
          if (json.includes(b.id) || json.includes(MARKER) || leaked.length)
            leaks.push(`${path} {${field.key}: ${target.table}} returned tenant B data`);
        }
      }
    }
    const after = await snapshotTenant(sql, tenantTables, b.id);
    console.info(`tenant-isolation: ${calls} calls with tenant B ids`);
    expect(calls).toBeGreaterThan(0);
    expect(leaks).toEqual([]);
    expect(after).toBe(before);
    expect(a.id).not.toBe(b.id);
  }, 300_000);
});
