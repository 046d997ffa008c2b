// Partners on a real PostgreSQL: the partner tree and its scope (a partner's users see only
// their partner's and sub-partners' customers; another partner's and the ISP's direct
// customers are NOT_FOUND), commissions from paid invoices with refund and credit-note
// clawbacks (idempotent ledger), statements and payouts, the REST routes, and roles.
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DEMO_ACCOUNTS, seedDemo } from "@/prisma/seed";
import { parseDate, runBillingCycle, startBillingSubscription } from "@/server/modules/billing";
import { builtInRole, loadSessionUser, type SessionUser } from "@/server/modules/identity";
import { hashToken } from "@/server/rest";
import { billingTenant, createBilledSubscriber } from "@/server/testing/billing-fixtures";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { callerAs, createUser } from "@/server/testing/fixtures";
import { callApi } from "@/server/testing/rest";
import { brandingFor } from "./partners";

const session = vi.hoisted(() => ({ user: null as unknown }));
vi.mock("@/server/auth", () => ({ auth: async () => null, sessionUser: async () => session.user }));

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(async () => {
  await t.drop();
});

async function errorOf(promise: Promise<unknown>) {
  return promise.then(
    () => null,
    (e: unknown) => (e instanceof TRPCError ? e.code : String(e)),
  );
}

const d = parseDate;

/** A tenant with a reseller (15%) and its agent sub-partner, another reseller, and one
 * billed customer each plus one direct customer of the ISP. */
async function world() {
  const ctx = await billingTenant(t.prisma);
  const admin = await createUser(t.prisma, { roleKey: "tenant_admin", tenantId: ctx.tenant.id });
  const staff = await callerAs(t.prisma, admin.id);
  const plan = await staff.partners.plans.create({
    name: "Reseller 15%",
    kind: "PERCENT_RECURRING",
    basisPoints: 1500,
    clawbackDays: 90,
  });
  const north = await staff.partners.create({ name: "North", type: "RESELLER", commissionPlanId: plan.id });
  const street = await staff.partners.create({ name: "North street team", type: "AGENT", parentId: north.id });
  const south = await staff.partners.create({ name: "South", type: "RESELLER", commissionPlanId: plan.id });
  const owned = async (partnerId: string | null) => {
    const s = await createBilledSubscriber(t.prisma, ctx.tenant.id, ctx.basic.id);
    if (partnerId) await staff.customers.update({ id: s.customer.id, data: { partnerId } });
    return s;
  };
  const customers = {
    north: await owned(north.id),
    street: await owned(street.id),
    south: await owned(south.id),
    direct: await owned(null),
  };
  const northAdmin = await createUser(t.prisma, {
    roleKey: "partner_admin",
    tenantId: ctx.tenant.id,
    partnerId: north.id,
  });
  const streetAgent = await createUser(t.prisma, {
    roleKey: "partner_agent",
    tenantId: ctx.tenant.id,
    partnerId: street.id,
  });
  return {
    ...ctx,
    admin,
    staff,
    plan,
    north,
    street,
    south,
    customers,
    northAdmin,
    streetAgent,
    asNorth: await callerAs(t.prisma, northAdmin.id),
    asStreet: await callerAs(t.prisma, streetAgent.id),
  };
}

describe("partner scope", () => {
  it("a partner sees its own and its sub-partners' customers, nothing of another partner or the ISP", async () => {
    const w = await world();
    const north = (await w.asNorth.partners.portal.customers({})).rows;
    expect(north.map((c) => c.id).sort()).toEqual(
      [w.customers.north.customer.id, w.customers.street.customer.id].sort(),
    );
    // A customer's services follow it to the partner.
    expect(north.find((c) => c.id === w.customers.north.customer.id)?.services.map((s) => s.id)).toEqual([
      w.customers.north.subscriber.id,
    ]);
    const street = (await w.asStreet.partners.portal.customers({})).rows;
    expect(street.map((c) => c.id)).toEqual([w.customers.street.customer.id]);

    for (const other of [w.customers.south, w.customers.direct]) {
      expect(await errorOf(w.asNorth.partners.portal.customer({ customerId: other.customer.id }))).toBe("NOT_FOUND");
      expect(
        await errorOf(w.asNorth.partners.portal.changePlan({ subscriberId: other.subscriber.id, planId: w.fast.id })),
      ).toBe("NOT_FOUND");
    }
    // The sub-partner cannot look up at its parent's customers.
    expect(await errorOf(w.asStreet.partners.portal.customer({ customerId: w.customers.north.customer.id }))).toBe(
      "NOT_FOUND",
    );
    // Nothing was changed on the refused subscribers.
    const south = await t.prisma.subscriber.findUniqueOrThrow({ where: { id: w.customers.south.subscriber.id } });
    expect(south.planId).toBe(w.basic.id);
    expect(await t.prisma.orchestrationJob.count({ where: { tenantId: w.tenant.id } })).toBe(0);
  });

  it("lower roles are refused: partners cannot manage partners, staff without partner.manage cannot either", async () => {
    const w = await world();
    expect(await errorOf(w.asNorth.partners.create({ name: "Mine now", type: "AGENT" }))).toBe("FORBIDDEN");
    expect(await errorOf(w.asNorth.partners.list())).toBe("FORBIDDEN");
    expect(await errorOf(w.asNorth.partners.commissions.payout({ partnerId: w.north.id, month: "2026-01" }))).toBe(
      "FORBIDDEN",
    );
    const csr = await createUser(t.prisma, { roleKey: "csr", tenantId: w.tenant.id });
    const asCsr = await callerAs(t.prisma, csr.id);
    expect(await errorOf(asCsr.partners.list())).toBe("FORBIDDEN");
    // Staff are no partners: the portal is closed to them.
    expect(await errorOf(w.staff.partners.portal.dashboard())).toBe("FORBIDDEN");
    // A partner account not linked to a partner sees nothing at all.
    const loose = await createUser(t.prisma, { roleKey: "partner_admin", tenantId: w.tenant.id });
    expect(await errorOf((await callerAs(t.prisma, loose.id)).partners.portal.customers({}))).toBe("FORBIDDEN");
  });
});

describe("white label", () => {
  it("a reseller's customers and users see its brand; direct customers and agents' own customers of no reseller do not", async () => {
    const w = await world();
    await w.staff.partners.update({ id: w.north.id, branding: { brandName: "North Fibre", primaryColor: "#6b21a8" } });
    const as = (customerId: string) => ({ tenantId: w.tenant.id, audience: "SUBSCRIBER", partnerId: null, customerId });
    expect(await brandingFor(as(w.customers.north.customer.id))).toMatchObject({
      name: "North Fibre",
      primaryColor: "#6b21a8",
    });
    // The agent's customer came through the reseller: the reseller's brand.
    expect(await brandingFor(as(w.customers.street.customer.id))).toMatchObject({ name: "North Fibre" });
    expect(await brandingFor(as(w.customers.direct.customer.id))).toBeNull();
    // The partner's users see it too; the agent (no brand of its own) its parent's.
    const user = (partnerId: string) => ({ tenantId: w.tenant.id, audience: "PARTNER", partnerId, customerId: null });
    expect(await brandingFor(user(w.street.id))).toMatchObject({ name: "North Fibre" });
    // A too light colour is refused with what to do.
    expect(await errorOf(w.staff.partners.update({ id: w.north.id, branding: { primaryColor: "#fafafa" } }))).toBe(
      "BAD_REQUEST",
    );
    // A suspended reseller's brand is gone.
    await w.staff.partners.update({ id: w.north.id, status: "SUSPENDED" });
    expect(await brandingFor(as(w.customers.north.customer.id))).toBeNull();
  });
});

describe("partner invitations", () => {
  it("the tenant invites a partner's admin; the partner admin invites within its own tree only", async () => {
    const w = await world();
    const first = await w.staff.partners.invite({
      partnerId: w.south.id,
      email: "boss@south.example",
      role: "partner_admin",
    });
    const row = await t.prisma.invitation.findUniqueOrThrow({ where: { id: first.id }, include: { role: true } });
    expect(row).toMatchObject({ partnerId: w.south.id, tenantId: w.tenant.id });
    expect(row.role.key).toBe("partner_admin");

    const agent = await w.asNorth.partners.portal.invite({ email: "new-agent@north.example", role: "partner_agent" });
    expect((await t.prisma.invitation.findUniqueOrThrow({ where: { id: agent.id } })).partnerId).toBe(w.north.id);
    const sub = await w.asNorth.partners.portal.invite({
      partnerId: w.street.id,
      email: "street@north.example",
      role: "partner_agent",
    });
    expect((await t.prisma.invitation.findUniqueOrThrow({ where: { id: sub.id } })).partnerId).toBe(w.street.id);
    expect(
      await errorOf(
        w.asNorth.partners.portal.invite({ partnerId: w.south.id, email: "spy@north.example", role: "partner_admin" }),
      ),
    ).toBe("NOT_FOUND");
    // An agent may not invite anyone.
    expect(await errorOf(w.asStreet.partners.portal.invite({ email: "x@street.example", role: "partner_agent" }))).toBe(
      "FORBIDDEN",
    );
    expect(
      await t.prisma.invitation.count({ where: { email: { in: ["spy@north.example", "x@street.example"] } } }),
    ).toBe(0);
  });
});

describe("commissions", () => {
  async function expectedOn(invoiceId: string, bp: number) {
    const inv = await t.prisma.invoice.findUniqueOrThrow({
      where: { id: invoiceId },
      include: { lines: true, creditNotes: true },
    });
    const credited = inv.creditNotes.reduce((s, n) => s + n.totalMinor, 0);
    const recurring = inv.lines
      .filter((l) => ["RECURRING", "ADDON", "PRORATION", "CREDIT"].includes(l.kind))
      .reduce((s, l) => s + l.netMinor, 0);
    const collected = Math.max(0, Math.min(inv.paidMinor, inv.totalMinor - credited));
    return Math.floor((collected * recurring * bp) / (inv.totalMinor * 10_000));
  }

  it("are earned from paid invoices, clawed back on refund and credit note, idempotently", async () => {
    const w = await world();
    const clerk = await callerAs(
      t.prisma,
      (await createUser(t.prisma, { roleKey: "billing_clerk", tenantId: w.tenant.id })).id,
    );
    const sub = w.customers.north;
    await startBillingSubscription(w.svc, sub.subscriber, { at: d("2026-01-01") });
    await runBillingCycle(w.svc, { date: d("2026-02-01") });
    const invoice = await t.prisma.invoice.findFirstOrThrow({
      where: { subscriberId: sub.subscriber.id, status: { not: "DRAFT" } },
      orderBy: { createdAt: "asc" },
    });

    // Issued but unpaid: nothing earned, nothing recorded.
    expect((await w.staff.partners.commissions.recompute({ partnerId: w.north.id })).added).toBe(0);
    expect(await w.staff.partners.commissions.ledger({ partnerId: w.north.id })).toEqual([]);

    const paid = await clerk.payments.record({
      customerId: sub.customer.id,
      method: "BANK_TRANSFER",
      amountMinor: invoice.totalMinor,
      allocations: [{ invoiceId: invoice.id }],
    });
    await w.staff.partners.commissions.recompute({ partnerId: w.north.id });
    const full = await expectedOn(invoice.id, 1500);
    expect(full).toBeGreaterThan(0);
    const sum = async () =>
      (await w.staff.partners.commissions.ledger({ partnerId: w.north.id })).reduce((s, e) => s + e.amountMinor, 0);
    expect(await sum()).toBe(full);
    // Idempotent: again changes nothing.
    expect((await w.staff.partners.commissions.recompute({ partnerId: w.north.id })).added).toBe(0);

    // A partial refund within the window claws back its share.
    const refund = Math.floor(invoice.totalMinor / 4);
    await clerk.payments.refund({ paymentId: paid.paymentId, amountMinor: refund, reason: "goodwill" });
    await w.staff.partners.commissions.recompute({ partnerId: w.north.id });
    const afterRefund = await expectedOn(invoice.id, 1500);
    expect(afterRefund).toBeLessThan(full);
    expect(await sum()).toBe(afterRefund);
    const ledger = await w.staff.partners.commissions.ledger({ partnerId: w.north.id });
    expect(ledger[0]).toMatchObject({
      amountMinor: afterRefund - full,
      description: expect.stringMatching(/^Clawback .*refund/),
    });

    // A full credit note (the paid part goes to the customer's balance) takes it to nothing.
    await clerk.billing.creditNotes.create({ invoiceId: invoice.id, reason: "outage credit", full: true });
    await w.staff.partners.commissions.recompute({ partnerId: w.north.id });
    expect(await expectedOn(invoice.id, 1500)).toBe(0);
    expect(await sum()).toBe(0);
    expect((await w.staff.partners.commissions.ledger({ partnerId: w.north.id }))[0]!.description).toMatch(
      /credit note/,
    );

    // Other partners earned nothing from North's customer.
    expect(await t.prisma.commissionEntry.count({ where: { partnerId: { not: w.north.id } } })).toBe(0);
  });

  it("statements by month and a payout once per finished month; the partner sees its own", async () => {
    const w = await world();
    const entry = {
      tenantId: w.tenant.id,
      partnerId: w.north.id,
      customerId: w.customers.north.customer.id,
      source: "INVOICE" as const,
      currency: "EUR",
      description: "Commission on invoice INV-9",
    };
    await t.prisma.commissionEntry.createMany({
      data: [
        { ...entry, sourceId: w.customers.north.customer.id, revision: 0, amountMinor: 900, month: "2026-01" },
        { ...entry, sourceId: w.customers.north.customer.id, revision: 1, amountMinor: -300, month: "2026-01" },
      ],
    });
    const statement = await w.asNorth.partners.portal.statement({ month: "2026-01" });
    expect(statement.totalMinor).toBe(600);
    expect(statement.entries).toHaveLength(2);
    expect(await errorOf(w.staff.partners.commissions.payout({ partnerId: w.north.id, month: "2999-01" }))).toBe(
      "BAD_REQUEST",
    );
    const payout = await w.staff.partners.commissions.payout({
      partnerId: w.north.id,
      month: "2026-01",
      reference: "SEPA 1",
    });
    const again = await w.staff.partners.commissions.payout({ partnerId: w.north.id, month: "2026-01" });
    expect(again.id).toBe(payout.id);
    expect(payout.amountMinor).toBe(600);
    const months = await w.asNorth.partners.portal.commissionMonths();
    expect(months.find((m) => m.month === "2026-01")?.payout?.id).toBe(payout.id);
    // South's statement of the same month is empty: nothing of North leaks.
    const southAdmin = await createUser(t.prisma, {
      roleKey: "partner_admin",
      tenantId: w.tenant.id,
      partnerId: w.south.id,
    });
    const south = await callerAs(t.prisma, southAdmin.id);
    expect((await south.partners.portal.statement({ month: "2026-01" })).entries).toEqual([]);
    // A sub-partner's agent does not read the parent's statement either.
    expect((await w.asStreet.partners.portal.statement({ month: "2026-01" })).entries).toEqual([]);
  });
});

describe("REST /api/v1/partners", () => {
  it("answers a partner with its own data, hands a customer off, and refuses staff tokens", async () => {
    const w = await world();
    session.user = (await loadSessionUser(t.prisma, w.northAdmin.id, 0)) as SessionUser;
    try {
      const dash = await callApi("GET", "/partners/dashboard");
      expect(dash.status).toBe(200);
      expect(dash.body).toMatchObject({ partner_id: w.north.id, customers: 2, active_services: 2, mrr_minor: 6000 });
      const list = await callApi("GET", "/partners/customers");
      expect(list.body.data.map((c: { id: string }) => c.id).sort()).toEqual(
        [w.customers.north.customer.id, w.customers.street.customer.id].sort(),
      );
      expect((await callApi("GET", "/partners/commissions")).status).toBe(200);

      const foreign = await callApi("POST", `/partners/customers/${w.customers.south.customer.id}/handoff`);
      expect(foreign.status).toBe(404);
      const direct = await callApi("POST", `/partners/customers/${w.customers.direct.customer.id}/handoff`);
      expect(direct.status).toBe(404);
      const handoff = await callApi("POST", `/partners/customers/${w.customers.street.customer.id}/handoff`);
      expect(handoff.status).toBe(200);
      expect(handoff.body).toEqual({ customer_id: w.customers.street.customer.id, handed_off_from: w.street.id });
      const moved = await t.prisma.subscriber.findUniqueOrThrow({ where: { id: w.customers.street.subscriber.id } });
      expect(moved.partnerId).toBeNull();
      expect((await callApi("GET", "/partners/customers")).body.data).toHaveLength(1);
      // South's customer is untouched.
      const south = await t.prisma.customer.findUniqueOrThrow({ where: { id: w.customers.south.customer.id } });
      expect(south.partnerId).toBe(w.south.id);
    } finally {
      session.user = null;
    }
    const token = `fo_test_partners_${w.tenant.id.slice(0, 8)}_0123456789`;
    const role = await builtInRole(t.prisma, "tenant_admin");
    await t.prisma.apiToken.create({
      data: { tenantId: w.tenant.id, name: "erp", roleId: role.id, tokenHash: hashToken(token), prefix: "fo_test" },
    });
    expect((await callApi("GET", "/partners/dashboard", { token })).status).toBe(403);
  });
});

describe("demo partners", () => {
  it("the demo partner accounts belong to the reseller and its agent, and see their customers", async () => {
    const tenant = await seedDemo(t.prisma, () => {});
    await seedDemo(t.prisma, () => {}); // idempotent
    const admin = await t.prisma.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.partnerAdmin.email } });
    const agent = await t.prisma.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.partnerAgent.email } });
    expect(await t.prisma.partner.count({ where: { tenantId: tenant.id } })).toBe(2);
    const asAdmin = await callerAs(t.prisma, admin.id);
    const dash = await asAdmin.partners.portal.dashboard();
    expect(dash.partner.name).toBe("Northwind Connect");
    expect(dash.customers).toBe(3);
    const asAgent = await callerAs(t.prisma, agent.id);
    expect((await asAgent.partners.portal.customers({})).rows.map((c) => c.email)).toEqual(["kiez-cafe@example.com"]);
  }, 120_000);
});
