// Portal accounts: staff invite a customer to the subscriber portal; the emailed link creates
// an account tied to that customer. Another tenant's customer and a role without
// customer.write are refused.
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { billingTenant, createBilledSubscriber } from "@/server/testing/billing-fixtures";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { anonymousCaller, callerAs, createUser } from "@/server/testing/fixtures";

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(async () => {
  await t.drop();
});

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof TRPCError ? e.code : String(e)),
  );

describe("portal invitations", () => {
  it("invite a customer to the portal; accepting gives an account tied to that customer", async () => {
    const a = await billingTenant(t.prisma);
    const b = await billingTenant(t.prisma);
    const { customer } = await createBilledSubscriber(t.prisma, a.tenant.id, a.basic.id, { email: "mia@example.test" });
    const other = await createBilledSubscriber(t.prisma, b.tenant.id, b.basic.id);
    const staff = await callerAs(
      t.prisma,
      (await createUser(t.prisma, { roleKey: "tenant_admin", tenantId: a.tenant.id })).id,
    );

    const sent = await staff.customers.inviteToPortal({ customerId: customer.id });
    expect(sent.email).toBe("mia@example.test");
    const invitation = await t.prisma.invitation.findUniqueOrThrow({ where: { id: sent.id }, include: { role: true } });
    expect(invitation).toMatchObject({ customerId: customer.id, tenantId: a.tenant.id });
    expect(invitation.role.key).toBe("subscriber");

    const mail = await t.prisma.emailMessage.findFirstOrThrow({ where: { toAddress: "mia@example.test" } });
    const token = /\/invitation\/([A-Za-z0-9_-]{20,})/.exec(mail.text)?.[1];
    expect(token).toBeDefined();
    await anonymousCaller().identity.invitations.accept({ token: token!, name: "Mia", password: "a-long-password-1" });
    const user = await t.prisma.user.findUniqueOrThrow({ where: { email: "mia@example.test" } });
    expect(user).toMatchObject({ audience: "SUBSCRIBER", tenantId: a.tenant.id, customerId: customer.id });

    // Another tenant's customer is not found; a technician may not invite.
    expect(await codeOf(staff.customers.inviteToPortal({ customerId: other.customer.id }))).toBe("NOT_FOUND");
    const tech = await callerAs(
      t.prisma,
      (await createUser(t.prisma, { roleKey: "field_technician", tenantId: a.tenant.id })).id,
    );
    expect(await codeOf(tech.customers.inviteToPortal({ customerId: customer.id }))).toBe("FORBIDDEN");
    expect(await t.prisma.invitation.count({ where: { customerId: other.customer.id } })).toBe(0);
  });
});
