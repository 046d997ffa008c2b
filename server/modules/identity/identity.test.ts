import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmbeddedExecutor } from "@/inngest/executor/worker";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { anonymousCaller, callerAs, createTenant, createUser, TEST_PASSWORD } from "@/server/testing/fixtures";
import { builtInRole } from "./roles";
import { verifyCredentials } from "./sign-in";

// Reset emails are sent by a job, as in production.
const executor = new EmbeddedExecutor({ workerId: "identity-test", backoffMs: () => 10 });
let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.drop());

async function expectError(promise: Promise<unknown>, code: string, message?: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe(code);
  if (message) expect((error as TRPCError).message).toMatch(message);
  return error as TRPCError;
}

/** The token in the last email sent to `to` (from the outbox), for links like /invitation/<token>. */
async function tokenFromEmail(to: string, path: string) {
  const email = await t.prisma.emailMessage.findFirstOrThrow({
    where: { toAddress: to },
    orderBy: { createdAt: "desc" },
  });
  const match = new RegExp(`/${path}/([A-Za-z0-9_-]+)`).exec(email.text);
  if (!match) throw new Error(`no ${path} link in email to ${to}`);
  return match[1]!;
}

async function tenantWithAdmin() {
  const tenant = await createTenant(t.prisma);
  const admin = await createUser(t.prisma, { roleKey: "tenant_admin", tenantId: tenant.id });
  return { tenant, admin, caller: await callerAs(t.prisma, admin.id) };
}

describe("invitations", () => {
  it("invites by email, accepts once with a name and password, then the person signs in with the invited role", async () => {
    const { tenant, caller } = await tenantWithAdmin();
    const csr = await builtInRole(t.prisma, "csr");
    const invited = await caller.identity.invitations.create({ email: "New.Person@Example.com", roleId: csr.id });
    expect(invited.emailStatus).toBe("SENT");
    const token = await tokenFromEmail("new.person@example.com", "invitation");
    const stored = await t.prisma.invitation.findUniqueOrThrow({ where: { id: invited.id } });
    expect(stored.tokenHash).not.toContain(token);
    expect(stored.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);

    const anon = anonymousCaller();
    await expect(anon.identity.invitations.lookup({ token })).resolves.toMatchObject({
      email: "new.person@example.com",
      roleName: "Customer service rep",
      organisation: tenant.name,
    });
    await expectError(
      anon.identity.invitations.accept({ token, name: "New Person", password: "short" }),
      "BAD_REQUEST",
      /at least 10/,
    );
    const accepted = await anon.identity.invitations.accept({ token, name: "New Person", password: "a-strong-pass-9" });
    expect(accepted).toEqual({ email: "new.person@example.com", home: "/noc" });
    const signIn = await verifyCredentials("new.person@example.com", "a-strong-pass-9", null);
    expect(signIn.ok).toBe(true);
    const user = await t.prisma.user.findUniqueOrThrow({
      where: { email: "new.person@example.com" },
      include: { role: true },
    });
    expect(user).toMatchObject({ tenantId: tenant.id, audience: "STAFF", name: "New Person" });
    expect(user.role.key).toBe("csr");

    await expectError(
      anon.identity.invitations.accept({ token, name: "Again", password: "a-strong-pass-9" }),
      "BAD_REQUEST",
      /already used/,
    );
    const list = await caller.identity.invitations.list({});
    expect(list.rows.find((r) => r.id === invited.id)?.status).toBe("ACCEPTED");
    const actions = await t.prisma.auditLog.findMany({ where: { tenantId: tenant.id }, select: { action: true } });
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(["invitation.create", "invitation.accept", "user.create"]),
    );
  });

  it("says clearly when a link is expired, revoked, unknown, or for an existing account", async () => {
    const { admin, caller } = await tenantWithAdmin();
    const tech = await builtInRole(t.prisma, "field_technician");
    const anon = anonymousCaller();

    const expired = await caller.identity.invitations.create({ email: "late@example.com", roleId: tech.id });
    const expiredToken = await tokenFromEmail("late@example.com", "invitation");
    await t.prisma.invitation.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expectError(
      anon.identity.invitations.lookup({ token: expiredToken }),
      "BAD_REQUEST",
      /expired on .* Ask your administrator/,
    );
    await expectError(
      anon.identity.invitations.accept({ token: expiredToken, name: "Late", password: "a-strong-pass-9" }),
      "BAD_REQUEST",
      /expired/,
    );
    // Resending gives a new link and a new expiry; the old link stays dead.
    await caller.identity.invitations.resend({ id: expired.id });
    const freshToken = await tokenFromEmail("late@example.com", "invitation");
    expect(freshToken).not.toBe(expiredToken);
    await expectError(anon.identity.invitations.lookup({ token: expiredToken }), "NOT_FOUND", /not valid/);
    await expect(anon.identity.invitations.lookup({ token: freshToken })).resolves.toMatchObject({
      email: "late@example.com",
    });

    const revoked = await caller.identity.invitations.create({ email: "gone@example.com", roleId: tech.id });
    const revokedToken = await tokenFromEmail("gone@example.com", "invitation");
    await caller.identity.invitations.revoke({ id: revoked.id });
    await expectError(anon.identity.invitations.lookup({ token: revokedToken }), "BAD_REQUEST", /withdrawn/);

    await expectError(anon.identity.invitations.lookup({ token: "not-a-real-token-at-all" }), "NOT_FOUND");
    await expectError(
      caller.identity.invitations.create({ email: admin.email, roleId: tech.id }),
      "CONFLICT",
      /already a user here/,
    );
    await expectError(
      caller.identity.invitations.create({ email: "late@example.com", roleId: tech.id }),
      "CONFLICT",
      /pending invitation/,
    );
  });

  it("security #11.8: inviting another tenant's user answers exactly as for a new address", async () => {
    const { caller } = await tenantWithAdmin();
    const other = await tenantWithAdmin();
    const tech = await builtInRole(t.prisma, "field_technician");
    const fresh = await caller.identity.invitations.create({ email: "never-seen@example.com", roleId: tech.id });
    const taken = await caller.identity.invitations.create({ email: other.admin.email, roleId: tech.id });
    expect(Object.keys(taken).sort()).toEqual(Object.keys(fresh).sort());
    expect(taken.emailStatus).toBe(fresh.emailStatus);
    const listed = await caller.identity.invitations.list({ search: other.admin.email });
    expect(listed.rows.map((r) => r.status)).toEqual(["PENDING"]);
    // Only the mailbox's owner, holding the link, learns the address is taken.
    const token = await tokenFromEmail(other.admin.email, "invitation");
    await expectError(
      anonymousCaller().identity.invitations.accept({ token, name: "Someone", password: "a-strong-pass-9" }),
      "CONFLICT",
      /already has an account/,
    );
    const user = await t.prisma.user.findUniqueOrThrow({ where: { email: other.admin.email } });
    expect(user.tenantId).toBe(other.tenant.id);
  });

  it("refuses roles of other audiences or other tenants", async () => {
    const { caller } = await tenantWithAdmin();
    const other = await tenantWithAdmin();
    const platformRole = await builtInRole(t.prisma, "platform_admin");
    await expectError(
      caller.identity.invitations.create({ email: "x@example.com", roleId: platformRole.id }),
      "NOT_FOUND",
    );
    const foreign = await other.caller.identity.roles.create({ name: "Night shift", permissions: ["ticket.read"] });
    await expectError(caller.identity.invitations.create({ email: "y@example.com", roleId: foreign.id }), "NOT_FOUND");
  });
});

describe("security #11.5: no grant above the granter", () => {
  /** A user of `tenant` holding a custom role with exactly `permissions`, and their caller. */
  async function holding(
    tenant: { id: string },
    admin: Awaited<ReturnType<typeof tenantWithAdmin>>,
    permissions: string[],
  ) {
    const role = await admin.caller.identity.roles.create({ name: `Only ${permissions.join(" ")}`, permissions });
    const user = await createUser(t.prisma, { roleKey: "csr", tenantId: tenant.id });
    await t.prisma.user.update({ where: { id: user.id }, data: { roleId: role.id } });
    return { role, user, caller: await callerAs(t.prisma, user.id) };
  }

  it("a role with only integration.manage cannot mint a token of a broader role", async () => {
    const admin = await tenantWithAdmin();
    const tenantAdmin = await builtInRole(t.prisma, "tenant_admin");
    const csr = await builtInRole(t.prisma, "csr");
    const integrator = await holding(admin.tenant, admin, ["integration.manage"]);
    await expectError(
      integrator.caller.identity.apiTokens.create({ name: "escalate", roleId: tenantAdmin.id }),
      "FORBIDDEN",
      /do not hold yourself/,
    );
    await expectError(integrator.caller.identity.apiTokens.create({ name: "csr", roleId: csr.id }), "FORBIDDEN");
    // Its own role is within itself.
    await expect(
      integrator.caller.identity.apiTokens.create({ name: "own", roleId: integrator.role.id }),
    ).resolves.toMatchObject({ name: "own" });
    expect(
      await t.prisma.apiToken.count({ where: { tenantId: admin.tenant.id, name: { in: ["escalate", "csr"] } } }),
    ).toBe(0);
  });

  it("a role with only user.invite cannot invite a tenant admin, nor change a role", async () => {
    const admin = await tenantWithAdmin();
    const tenantAdmin = await builtInRole(t.prisma, "tenant_admin");
    const inviter = await holding(admin.tenant, admin, ["user.invite", "user.read"]);
    await expectError(
      inviter.caller.identity.invitations.create({ email: "boss@example.com", roleId: tenantAdmin.id }),
      "FORBIDDEN",
    );
    expect(await t.prisma.invitation.count({ where: { email: "boss@example.com" } })).toBe(0);
    const manager = await holding(admin.tenant, admin, ["user.manage", "user.read"]);
    await expectError(
      manager.caller.identity.users.changeRole({ id: inviter.user.id, roleId: tenantAdmin.id }),
      "FORBIDDEN",
    );
    // Nor demote someone who holds more.
    await expectError(
      manager.caller.identity.users.changeRole({ id: admin.admin.id, roleId: manager.role.id }),
      "FORBIDDEN",
    );
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: admin.admin.id } })).roleId).toBe(tenantAdmin.id);
  });

  it("a role with only role.manage cannot add permissions to its own role or to any role beyond itself", async () => {
    const admin = await tenantWithAdmin();
    const roler = await holding(admin.tenant, admin, ["role.manage", "user.read"]);
    await expectError(
      roler.caller.identity.roles.update({
        id: roler.role.id,
        name: roler.role.name,
        permissions: ["role.manage", "user.read", "invoice.void"],
      }),
      "FORBIDDEN",
      /role they hold themselves/,
    );
    await expectError(
      roler.caller.identity.roles.create({ name: "Bigger", permissions: ["invoice.void"] }),
      "FORBIDDEN",
    );
    const other = await admin.caller.identity.roles.create({ name: "Billing extra", permissions: ["invoice.read"] });
    await expectError(
      roler.caller.identity.roles.update({ id: other.id, name: other.name, permissions: ["user.read"] }),
      "FORBIDDEN",
    );
    await expect(
      roler.caller.identity.roles.create({ name: "Readers", permissions: ["user.read"] }),
    ).resolves.toMatchObject({ name: "Readers" });
    expect((await t.prisma.role.findUniqueOrThrow({ where: { id: roler.role.id } })).permissions.sort()).toEqual([
      "role.manage",
      "user.read",
    ]);
  });
});

describe("password reset", () => {
  it("sends a single-use link without revealing whether the account exists, and ends old sessions", async () => {
    const { tenant } = await tenantWithAdmin();
    const user = await createUser(t.prisma, { roleKey: "csr", tenantId: tenant.id });
    const anon = anonymousCaller();
    await expect(anon.identity.passwordReset.request({ email: "nobody@example.com" })).resolves.toEqual({ ok: true });
    await executor.runUntilIdle({ advanceClock: true });
    expect(await t.prisma.emailMessage.count({ where: { toAddress: "nobody@example.com" } })).toBe(0);

    await expect(anon.identity.passwordReset.request({ email: user.email.toUpperCase() })).resolves.toEqual({
      ok: true,
    });
    await executor.runUntilIdle({ advanceClock: true });
    const token = await tokenFromEmail(user.email, "reset-password");
    await expect(anon.identity.passwordReset.lookup({ token })).resolves.toMatchObject({ email: user.email });
    await expectError(
      anon.identity.passwordReset.complete({ token, password: "lettersonly" }),
      "BAD_REQUEST",
      /Mix letters/,
    );
    await anon.identity.passwordReset.complete({ token, password: "brand-new-pass-7" });

    expect((await verifyCredentials(user.email, TEST_PASSWORD, null)).ok).toBe(false);
    expect((await verifyCredentials(user.email, "brand-new-pass-7", null)).ok).toBe(true);
    const after = await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.sessionVersion).toBe(1);
    await expectError(
      anon.identity.passwordReset.complete({ token, password: "another-pass-8" }),
      "BAD_REQUEST",
      /already used/,
    );
  });

  it("refuses an expired link", async () => {
    const { tenant } = await tenantWithAdmin();
    const user = await createUser(t.prisma, { roleKey: "csr", tenantId: tenant.id });
    await anonymousCaller().identity.passwordReset.request({ email: user.email });
    await executor.runUntilIdle({ advanceClock: true });
    const token = await tokenFromEmail(user.email, "reset-password");
    await t.prisma.passwordReset.updateMany({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    await expectError(anonymousCaller().identity.passwordReset.lookup({ token }), "BAD_REQUEST", /expired/);
  });
});

describe("users, roles and API tokens", () => {
  it("lists and searches users, changes a role, disables (ending sessions) and enables", async () => {
    const { tenant, admin, caller } = await tenantWithAdmin();
    const csr = await createUser(t.prisma, { roleKey: "csr", tenantId: tenant.id, email: "zoe@isp.example" });
    await createUser(t.prisma, { roleKey: "noc_engineer", tenantId: tenant.id });
    const all = await caller.identity.users.list({});
    expect(all.total).toBe(3);
    const found = await caller.identity.users.list({ search: "zoe" });
    expect(found.rows.map((r) => r.email)).toEqual(["zoe@isp.example"]);

    const billing = await builtInRole(t.prisma, "billing_clerk");
    const changed = await caller.identity.users.changeRole({ id: csr.id, roleId: billing.id });
    expect(changed.role.key).toBe("billing_clerk");
    await caller.identity.users.disable({ id: csr.id });
    await expect(callerAs(t.prisma, csr.id)).rejects.toThrow();
    expect((await verifyCredentials(csr.email, TEST_PASSWORD, null)).ok).toBe(false);
    await caller.identity.users.enable({ id: csr.id });
    expect((await verifyCredentials(csr.email, TEST_PASSWORD, null)).ok).toBe(true);

    await expectError(caller.identity.users.disable({ id: admin.id }), "BAD_REQUEST", /your own account/);
    const actions = await t.prisma.auditLog.findMany({ where: { targetId: csr.id }, select: { action: true } });
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(["user.change_role", "user.disable", "user.enable"]),
    );
  });

  it("creates custom roles limited to staff permissions and refuses to edit built-in ones", async () => {
    const { tenant, caller } = await tenantWithAdmin();
    const role = await caller.identity.roles.create({
      name: "Night shift",
      permissions: ["ticket.read", "session.read"],
    });
    expect(role).toMatchObject({ tenantId: tenant.id, audience: "STAFF", builtIn: false });
    await expectError(
      caller.identity.roles.create({ name: "Sneaky", permissions: ["platform.tenants.manage"] }),
      "BAD_REQUEST",
      /cannot hold: platform.tenants.manage/,
    );
    await expectError(caller.identity.roles.create({ name: "Night shift", permissions: ["ticket.read"] }), "CONFLICT");
    const csr = await builtInRole(t.prisma, "csr");
    await expectError(
      caller.identity.roles.update({ id: csr.id, name: "CSR+", permissions: ["ticket.read"] }),
      "FORBIDDEN",
      /Built-in/,
    );
    const updated = await caller.identity.roles.update({
      id: role.id,
      name: "Night shift",
      permissions: ["ticket.read", "ticket.write"],
    });
    expect(updated.permissions).toEqual(["ticket.read", "ticket.write"]);

    // A user with the custom role gets exactly its permissions.
    const user = await createUser(t.prisma, { roleKey: "csr", tenantId: tenant.id });
    await caller.identity.users.changeRole({ id: user.id, roleId: role.id });
    const me = await (await callerAs(t.prisma, user.id)).identity.me();
    expect(me.permissions.sort()).toEqual(["ticket.read", "ticket.write"]);
    await expectError(caller.identity.roles.delete({ id: role.id }), "CONFLICT", /still used/);
    const roles = await caller.identity.roles.list();
    expect(roles.find((r) => r.id === role.id)?.userCount).toBe(1);
  });

  it("creates an API token shown once, which authenticates until revoked", async () => {
    const { caller } = await tenantWithAdmin();
    const noc = await builtInRole(t.prisma, "noc_engineer");
    const created = await caller.identity.apiTokens.create({ name: "NetBox sync", roleId: noc.id });
    expect(created.token).toMatch(/^fo_/);
    const list = await caller.identity.apiTokens.list({});
    expect(list.rows).toHaveLength(1);
    expect(JSON.stringify(list)).not.toContain(created.token);
    expect(list.rows[0]!.prefix).toBe(created.token.slice(0, 9));
    await caller.identity.apiTokens.revoke({ id: created.id });
    const row = await t.prisma.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.revokedAt).not.toBeNull();
  });

  it("gives a token scopes within its role and its own rate limit", async () => {
    const { caller } = await tenantWithAdmin();
    const noc = await builtInRole(t.prisma, "noc_engineer");
    const scoped = await caller.identity.apiTokens.create({
      name: "Monitoring",
      roleId: noc.id,
      scopes: ["network.read"],
      rateLimitPerMinute: 120,
    });
    const row = await t.prisma.apiToken.findUniqueOrThrow({ where: { id: scoped.id } });
    expect(row).toMatchObject({ scopes: ["network.read"], rateLimitPerMinute: 120 });
    await expect(
      caller.identity.apiTokens.create({ name: "Too wide", roleId: noc.id, scopes: ["tenant.manage"] }),
    ).rejects.toThrow(/does not have tenant\.manage/);
    await expect(
      caller.identity.apiTokens.create({ name: "Zero", roleId: noc.id, rateLimitPerMinute: 0 }),
    ).rejects.toThrow(/At least 1 request per minute/);
    expect(await t.prisma.apiToken.count({ where: { name: { in: ["Too wide", "Zero"] } } })).toBe(0);
  });

  it("searches the audit log by actor, action and date", async () => {
    const { tenant, admin, caller } = await tenantWithAdmin();
    const tech = await builtInRole(t.prisma, "field_technician");
    await caller.identity.invitations.create({ email: "audit-me@example.com", roleId: tech.id });
    const byAction = await caller.audit.search({ action: "invitation." });
    expect(byAction.rows.map((r) => r.action)).toEqual(["invitation.create"]);
    expect(byAction.rows[0]).toMatchObject({ actorLabel: admin.email, ip: "203.0.113.7" });
    const byActor = await caller.audit.search({ actor: admin.email.slice(0, 8) });
    expect(byActor.total).toBeGreaterThan(0);
    const future = await caller.audit.search({ from: "2999-01-01" });
    expect(future.total).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    const onDay = await caller.audit.search({ from: today, to: today, targetType: "Invitation" });
    expect(onDay.total).toBe(1);
    expect(onDay.rows.every((r) => r.targetType === "Invitation")).toBe(true);
    expect(tenant.id).toBeTruthy();
  });
});
