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

  it("locks the account after repeated failures, even for the right password", async () => {
    const tenant = await createTenant(t.prisma);
    const user = await createUser(t.prisma, { roleKey: "csr", tenantId: tenant.id });
    for (let i = 0; i < 4; i++)
      expect(await verifyCredentials(user.email, "wrong-password-1", null)).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyCredentials(user.email, "wrong-password-1", null)).toEqual({ ok: false, reason: "locked" });
    expect(await verifyCredentials(user.email, TEST_PASSWORD, null)).toEqual({ ok: false, reason: "locked" });
    expect(await t.prisma.auditLog.count({ where: { targetId: user.id, action: "auth.locked" } })).toBe(1);
  });

  it("refuses unknown emails without saying whether they exist", async () => {
    expect(await verifyCredentials("nobody@test.example", TEST_PASSWORD, null)).toEqual({
      ok: false,
      reason: "invalid",
    });
  });
});
