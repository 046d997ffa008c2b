// Self-registration to the subscriber portal on a real PostgreSQL: account number plus the email
// on file gets an invitation link (once; it expires) that creates the customer's portal account;
// a wrong email, an unknown number or another tenant's customer get the same answer and no
// email; requests are rate-limited per IP and per account.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmbeddedExecutor } from "@/inngest/executor/worker";
import { LIMITS } from "@/server/rate-limit";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { anonymousCaller, createTenant } from "@/server/testing/fixtures";
import { requestPortalRegistration, sendPortalRegistration } from "./portal-registration";

// Registration emails are sent by a job, as in production.
const executor = new EmbeddedExecutor({ workerId: "portal-registration-test", backoffMs: () => 10 });
let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.drop());

async function tenantWithCustomer(email: string) {
  const tenant = await createTenant(t.prisma);
  const customer = await t.prisma.customer.create({
    data: {
      tenantId: tenant.id,
      number: "C-1001",
      name: "Ana Silva",
      email,
      billingLine1: "1 Fibre Street",
      billingCity: "Lisbon",
      billingPostcode: "1000-001",
      billingCountry: "PT",
    },
  });
  return { tenant, customer };
}

const invitationsTo = (to: string) =>
  t.prisma.emailMessage.findMany({ where: { toAddress: to, template: "invitation" }, orderBy: { createdAt: "asc" } });

function tokenIn(text: string) {
  const match = /\/invitation\/([A-Za-z0-9_-]+)/.exec(text);
  if (!match) throw new Error("no invitation link in the email");
  return match[1]!;
}

describe("portal self-registration", () => {
  it("emails a single-use link only when number and email match; the same answer otherwise", async () => {
    const mine = await tenantWithCustomer("ana@example.test");
    const other = await tenantWithCustomer("bruno@example.test");
    const ask = (accountNumber: string, email: string) =>
      requestPortalRegistration({ tenantId: mine.tenant.id, accountNumber, email, ip: "203.0.113.20" });
    for (const [number, email] of [
      ["C-1001", "bruno@example.test"], // another tenant's customer has this number and email
      ["C-9999", "ana@example.test"], // unknown number
      ["C-1001", "someone@example.test"], // not the email on file
      [" C-1001 ", "Ana@Example.test"], // a match, typed loosely
    ])
      await expect(ask(number!, email!)).resolves.toEqual({ ok: true });
    await expect(ask("", "ana@example.test")).rejects.toMatchObject({ details: { field: "accountNumber" } });
    await expect(ask("C-1001", "not an email")).rejects.toMatchObject({ details: { field: "email" } });
    await executor.runUntilIdle({ advanceClock: true });
    expect(await invitationsTo("bruno@example.test")).toHaveLength(0);
    expect(await invitationsTo("someone@example.test")).toHaveLength(0);
    const [mail] = await invitationsTo("ana@example.test");
    const token = tokenIn(mail!.text);

    const anon = anonymousCaller();
    await anon.identity.invitations.accept({ token, name: "Ana Silva", password: "fibre-at-home-9" });
    const user = await t.prisma.user.findUniqueOrThrow({
      where: { email: "ana@example.test" },
      include: { role: true },
    });
    expect(user).toMatchObject({ tenantId: mine.tenant.id, customerId: mine.customer.id, audience: "SUBSCRIBER" });
    expect(user.role.key).toBe("subscriber");
    // Used once; and registering again once the account exists sends nothing.
    await expect(
      anon.identity.invitations.accept({ token, name: "Ana Silva", password: "fibre-at-home-9" }),
    ).rejects.toThrow();
    expect(
      await sendPortalRegistration({
        tenantId: mine.tenant.id,
        accountNumber: "C-1001",
        email: "ana@example.test",
        ip: null,
      }),
    ).toBe("already registered");
    expect(await invitationsTo("ana@example.test")).toHaveLength(1);
    expect(await t.prisma.customer.findUniqueOrThrow({ where: { id: other.customer.id } })).toBeTruthy();
  });

  it("refuses an expired link", async () => {
    const { tenant } = await tenantWithCustomer("carla@example.test");
    const input = { tenantId: tenant.id, accountNumber: "C-1001", email: "carla@example.test", ip: null };
    expect(await sendPortalRegistration(input)).toBe("sent");
    const token = tokenIn((await invitationsTo("carla@example.test"))[0]!.text);
    await t.prisma.invitation.updateMany({
      where: { email: "carla@example.test" },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    await expect(anonymousCaller().identity.invitations.lookup({ token })).rejects.toThrow(/expired/);
    expect(await t.prisma.user.count({ where: { email: "carla@example.test" } })).toBe(0);
  });

  it("limits requests per IP and emails per account", async () => {
    const { tenant } = await tenantWithCustomer("dora@example.test");
    const scale = Number(process.env.RATE_LIMIT_SCALE ?? 1) || 1;
    const ask = (email: string) =>
      requestPortalRegistration({ tenantId: tenant.id, accountNumber: "C-1001", email, ip: "198.51.100.30" });
    const perIp = Math.floor(LIMITS.emailLinkPerIp.max * scale);
    for (let i = 0; i < perIp; i++) await ask(`guess-${i}@example.test`);
    await expect(ask("dora@example.test")).rejects.toMatchObject({ code: "RATE_LIMITED" });

    const input = { tenantId: tenant.id, accountNumber: "C-1001", email: "dora@example.test", ip: null };
    const perAccount = Math.floor(LIMITS.emailLinkPerAccount.max * scale);
    const outcomes = [];
    for (let i = 0; i <= perAccount; i++) outcomes.push(await sendPortalRegistration(input));
    expect(outcomes[0]).toBe("sent");
    expect(outcomes.at(-1)).toBe("limit reached");
    expect(await invitationsTo("dora@example.test")).toHaveLength(1);
  });
});
