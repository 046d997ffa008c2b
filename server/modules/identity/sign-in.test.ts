import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { callerAs, createTenant, createUser, TEST_PASSWORD } from "@/server/testing/fixtures";
import { verifyCredentials } from "./sign-in";

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.drop());

describe("sign-in", () => {
  it("accepts the right password and records it in the audit log", async () => {
    const tenant = await createTenant(t.prisma);
    const user = await createUser(t.prisma, { roleKey: "csr", tenantId: tenant.id });
    const result = await verifyCredentials(user.email.toUpperCase(), TEST_PASSWORD, "198.51.100.1");
    expect(result.ok).toBe(true);
    const audit = await t.prisma.auditLog.findFirstOrThrow({ where: { targetId: user.id, action: "auth.sign_in" } });
    expect(audit.ip).toBe("198.51.100.1");
    const me = await (await callerAs(t.prisma, user.id)).identity.me();
    expect(me.home).toBe("/noc");
    expect(me.permissions).toContain("ticket.write");
  });

  it("locks the account after repeated failures; only the right password learns it is locked", async () => {
    const tenant = await createTenant(t.prisma);
    const user = await createUser(t.prisma, { roleKey: "csr", tenantId: tenant.id });
    for (let i = 0; i < 5; i++)
      expect(await verifyCredentials(user.email, "wrong-password-1", null)).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyCredentials(user.email, "wrong-password-1", null)).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyCredentials(user.email, TEST_PASSWORD, null)).toEqual({ ok: false, reason: "locked" });
    expect(await t.prisma.auditLog.count({ where: { targetId: user.id, action: "auth.locked" } })).toBe(1);
    expect(await t.prisma.auditLog.count({ where: { targetId: user.id, action: "auth.sign_in_failed" } })).toBe(4);
  });

  it("security #11.2: parallel wrong passwords are counted atomically and lock the account", async () => {
    const tenant = await createTenant(t.prisma);
    const user = await createUser(t.prisma, { roleKey: "csr", tenantId: tenant.id });
    const results = await Promise.all(
      Array.from({ length: 25 }, () => verifyCredentials(user.email, "wrong-password-1", null)),
    );
    // Each is refused as a wrong password, or by the per-account rate limit once it is spent.
    expect(results.filter((r) => r.ok || (r.reason !== "invalid" && r.reason !== "throttled"))).toEqual([]);
    const after = await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.lockedUntil?.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect(await t.prisma.auditLog.count({ where: { targetId: user.id, action: "auth.locked" } })).toBe(1);
    expect(await t.prisma.auditLog.count({ where: { targetId: user.id, action: "auth.sign_in_failed" } })).toBe(4);
  });

  it("security #11.8: a disabled or locked account answers a wrong password exactly like an unknown email", async () => {
    const tenant = await createTenant(t.prisma);
    const disabled = await createUser(t.prisma, { roleKey: "csr", tenantId: tenant.id });
    await t.prisma.user.update({ where: { id: disabled.id }, data: { status: "DISABLED" } });
    const locked = await createUser(t.prisma, { roleKey: "csr", tenantId: tenant.id });
    await t.prisma.user.update({ where: { id: locked.id }, data: { lockedUntil: new Date(Date.now() + 600_000) } });
    for (const email of [disabled.email, locked.email, "nobody@test.example"])
      expect(await verifyCredentials(email, "wrong-password-1", null)).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyCredentials(disabled.email, TEST_PASSWORD, null)).toEqual({ ok: false, reason: "disabled" });
    expect(await verifyCredentials(locked.email, TEST_PASSWORD, null)).toEqual({ ok: false, reason: "locked" });
  });

  it("refuses unknown emails without saying whether they exist", async () => {
    expect(await verifyCredentials("nobody@test.example", TEST_PASSWORD, null)).toEqual({
      ok: false,
      reason: "invalid",
    });
  });
});
