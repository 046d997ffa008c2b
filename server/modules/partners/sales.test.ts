// A partner's leads and quotes on a real PostgreSQL: leads registered by a reseller and by its
// agent sub-partner (source PARTNER, owned by them), seen by the reseller and not by another
// partner; quotes priced like the ISP's, sent and rendered under the reseller's name and colour;
// another partner's lead and quote are NOT_FOUND and stay untouched; the REST routes.
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadSessionUser, type SessionUser } from "@/server/modules/identity";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { callerAs, createUser } from "@/server/testing/fixtures";
import { callApi } from "@/server/testing/rest";
import { LINDEN_14, ORANIEN_45, salesWorld, WIENER_5 } from "@/server/testing/sales-fixtures";

const session = vi.hoisted(() => ({ user: null as unknown }));
vi.mock("@/server/auth", () => ({ auth: async () => null, sessionUser: async () => session.user }));

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.drop());

async function world() {
  const w = await salesWorld(t.prisma);
  const staff = await callerAs(t.prisma, w.users.admin.id);
  const north = await staff.partners.create({
    name: "North",
    type: "RESELLER",
    branding: { brandName: "North Fibre", primaryColor: "#7a1f5c" },
  });
  const street = await staff.partners.create({ name: "North street team", type: "AGENT", parentId: north.id });
  const south = await staff.partners.create({ name: "South", type: "RESELLER" });
  const user = async (roleKey: string, partnerId: string) =>
    callerAs(t.prisma, (await createUser(t.prisma, { roleKey, tenantId: w.tenant.id, partnerId })).id);
  return {
    ...w,
    staff,
    north,
    street,
    south,
    northAdmin: await user("partner_admin", north.id),
    streetAgent: await user("partner_agent", street.id),
    southAdmin: await user("partner_admin", south.id),
  };
}

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => "OK",
    (e: { code?: string }) => e.code ?? String(e),
  );

describe("partner leads and quotes", () => {
  it("a reseller sees its own and its agent's leads, quotes them under its brand; another partner sees nothing", async () => {
    const w = await world();
    const own = await w.northAdmin.partners.portal.createLead({
      name: "Grace Hopper",
      email: "grace@example.test",
      address: ORANIEN_45,
    });
    expect(own).toMatchObject({ source: "PARTNER", partnerId: w.north.id, serviceability: "SERVICEABLE" });
    const agents = await w.streetAgent.partners.portal.createLead({
      name: "Alan Turing",
      phone: "+49 30 555 0101",
      address: WIENER_5,
    });
    expect(agents.partnerId).toBe(w.street.id);
    const souths = await w.southAdmin.partners.portal.createLead({
      name: "Edsger Dijkstra",
      email: "edsger@example.test",
      address: LINDEN_14,
    });
    // A bad lead is refused with the field's message and nothing is stored.
    await expect(w.northAdmin.partners.portal.createLead({ name: "No contact" })).rejects.toThrow(
      /email address or a phone number/,
    );
    // A partner cannot give its lead to a partner outside its tree.
    expect(
      await codeOf(
        w.northAdmin.partners.portal.createLead({ name: "Stolen", email: "s@example.test", partnerId: w.south.id }),
      ),
    ).toBe("FORBIDDEN");

    const northLeads = await w.northAdmin.partners.portal.leads({});
    expect(northLeads.rows.map((l) => l.id).sort()).toEqual([own.id, agents.id].sort());
    expect((await w.streetAgent.partners.portal.leads({})).rows.map((l) => l.id)).toEqual([agents.id]);
    expect((await w.southAdmin.partners.portal.leads({})).rows.map((l) => l.id)).toEqual([souths.id]);
    expect(await codeOf(w.northAdmin.partners.portal.lead({ leadId: souths.id }))).toBe("NOT_FOUND");
    expect(await codeOf(w.streetAgent.partners.portal.lead({ leadId: own.id }))).toBe("NOT_FOUND");
    // The ISP's sales desk sees the partner's lead in its pipeline.
    expect((await w.staff.crm.get({ id: own.id })).partnerId).toBe(w.north.id);

    const quote = await w.northAdmin.partners.portal.createQuote({
      leadId: own.id,
      planId: w.plan.id,
      equipment: [{ description: "Wi-Fi mesh point", unitMinor: 4999, quantity: 1 }],
    });
    // 3999 × 1.19 = 4758.81 → 4759; (9900 + 4999) × 0.19 = 2830.81 → 2831 → 17730.
    expect(quote).toMatchObject({ status: "DRAFT", monthlyGrossMinor: 4759, oneOffGrossMinor: 17730 });
    const big = await w.northAdmin.partners.portal.createQuote({
      leadId: own.id,
      planId: w.plan.id,
      discountBasisPoints: 2500,
    });
    expect(big.status).toBe("PENDING_APPROVAL");
    await expect(w.northAdmin.partners.portal.sendQuote({ quoteId: big.id })).rejects.toThrow(/needs approval/);
    const again = await w.northAdmin.partners.portal.createQuote({ leadId: own.id, planId: w.plan.id });
    const sent = await w.northAdmin.partners.portal.sendQuote({ quoteId: again.id });
    expect(sent.status).toBe("SENT");
    const lead = await w.northAdmin.partners.portal.lead({ leadId: own.id });
    expect(lead.stage).toBe("QUOTED");
    expect(lead.quotes.map((q) => [q.id, q.status])).toEqual([
      [again.id, "SENT"],
      [big.id, "SUPERSEDED"],
      [quote.id, "SUPERSEDED"],
    ]);

    // The PDF the lead received is the reseller's: its name as author and its colour on the bar.
    const stored = await t.prisma.quote.findUniqueOrThrow({ where: { id: again.id } });
    const pdf = await PDFDocument.load(stored.pdf!);
    expect(pdf.getAuthor()).toBe("North Fibre");
    // And so is the email that carried it.
    const email = await t.prisma.notificationDelivery.findFirstOrThrow({
      where: { tenantId: w.tenant.id, template: "quote_sent", recipient: "grace@example.test" },
    });
    expect(email.subject).toContain("North Fibre");
    // The agent's leads are quoted under the reseller above it too.
    const agentQuote = await w.streetAgent.partners.portal.createQuote({ leadId: agents.id, planId: w.plan.id });
    expect(agentQuote.number).toMatch(/^Q-\d+-1$/);

    // Another partner's lead and quote: NOT_FOUND, and nothing of theirs changes.
    const southQuote = await w.southAdmin.partners.portal.createQuote({ leadId: souths.id, planId: w.plan.id });
    const before = await t.prisma.quote.findUniqueOrThrow({ where: { id: southQuote.id } });
    expect(await codeOf(w.northAdmin.partners.portal.createQuote({ leadId: souths.id, planId: w.plan.id }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(w.northAdmin.partners.portal.sendQuote({ quoteId: southQuote.id }))).toBe("NOT_FOUND");
    expect(await t.prisma.quote.findUniqueOrThrow({ where: { id: southQuote.id } })).toEqual(before);
    expect(await t.prisma.quote.count({ where: { leadId: souths.id } })).toBe(1);
  });

  it("POST /api/v1/partners/leads and /partners/quotes run the same use cases, idempotently", async () => {
    const w = await world();
    const admin = await t.prisma.user.findFirstOrThrow({
      where: { tenantId: w.tenant.id, partnerId: w.north.id },
    });
    session.user = (await loadSessionUser(t.prisma, admin.id, 0)) as SessionUser;
    try {
      const body = { name: "Barbara Liskov", email: "barbara@example.test", address: { ...rest(ORANIEN_45) } };
      const created = await callApi("POST", "/partners/leads", { body, headers: { "idempotency-key": "lead-1" } });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ partner_id: w.north.id, serviceability: "SERVICEABLE", stage: "NEW" });
      const replay = await callApi("POST", "/partners/leads", { body, headers: { "idempotency-key": "lead-1" } });
      expect(replay.body.id).toBe(created.body.id);
      expect(await t.prisma.lead.count({ where: { tenantId: w.tenant.id } })).toBe(1);
      const bad = await callApi("POST", "/partners/leads", { body: { name: "Nobody" } });
      expect(bad.status).toBe(400);

      const quote = await callApi("POST", "/partners/quotes", {
        body: { lead_id: created.body.id, plan_id: w.plan.id },
      });
      expect(quote.status).toBe(201);
      expect(quote.body).toMatchObject({ lead_id: created.body.id, status: "DRAFT", monthly_gross_minor: 4759 });
      expect(quote.body.lines.map((l: { kind: string }) => l.kind)).toEqual(["PLAN", "INSTALLATION"]);

      const southLead = await w.southAdmin.partners.portal.createLead({ name: "Other", email: "o@example.test" });
      const foreign = await callApi("POST", "/partners/quotes", {
        body: { lead_id: southLead.id, plan_id: w.plan.id },
      });
      expect(foreign.status).toBe(404);
    } finally {
      session.user = null;
    }
  });
});

/** An address in the API's snake_case. */
function rest(a: typeof ORANIEN_45) {
  return { street_name: a.streetName, street_nr: a.streetNr, postcode: a.postcode, city: a.city, country: a.country };
}
