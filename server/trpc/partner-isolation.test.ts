// Partner isolation: inside one tenant, partner A's users never read or change partner B's
// rows nor the ISP's direct customers' — through ANY procedure of appRouter or ANY /api/v1
// route (including ones other modules add later). Partner B and the ISP get a customer, a
// service, an invoice, a ticket and commission rows; then every procedure with an id-like
// input is called as A's admin and as A's agent with each of those ids, and every REST route
// with a path parameter is called with them as A's admin. Nothing of B or of the direct
// customer may come back, and their rows must be byte-for-byte unchanged afterwards.
import { TRPCError } from "@trpc/server";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { API_ROUTES } from "@/app/api/v1/routes";
import { parseDate, runBillingCycle, startBillingSubscription } from "@/server/modules/billing";
import { loadSessionUser } from "@/server/modules/identity";
import { openTicket } from "@/server/modules/tickets";
import { billingTenant, createBilledSubscriber } from "@/server/testing/billing-fixtures";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { callerAs, createUser } from "@/server/testing/fixtures";
import { idFields, type ProcedureDef, sample } from "@/server/testing/probe-inputs";
import { dispatchApi } from "@/server/testing/rest";
import { appRouter } from "./root";

const session = vi.hoisted(() => ({ user: null as unknown }));
vi.mock("@/server/auth", () => ({ auth: async () => null, sessionUser: async () => session.user }));

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

const MARKER = "bprobe";

/** Rows partner A must never see or change: partner B's and the direct customer's. */
async function snapshot(partnerB: string, planB: string) {
  const { rows: tables } = await sql.query(
    `SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'partnerId'`,
  );
  const out: Record<string, unknown[]> = {};
  for (const { table_name: table } of tables) {
    const { rows } = await sql.query(
      `SELECT * FROM "${table}" WHERE "partnerId" = $1::uuid OR "partnerId" IS NULL ORDER BY 1`,
      [partnerB],
    );
    out[table] = rows;
  }
  out.Partner = (await sql.query(`SELECT * FROM "Partner" WHERE id = $1::uuid`, [partnerB])).rows;
  out.CommissionPlan = (await sql.query(`SELECT * FROM "CommissionPlan" WHERE id = $1::uuid`, [planB])).rows;
  out.Invoice = (await sql.query(`SELECT * FROM "Invoice" ORDER BY id`)).rows;
  out.OrchestrationJob = (await sql.query(`SELECT * FROM "OrchestrationJob" ORDER BY id`)).rows;
  return JSON.stringify(out, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
}

describe("generic partner isolation pass", () => {
  it("partner A's users never read or change partner B's or the ISP's direct data", async () => {
    const ctx = await billingTenant(t.prisma);
    const tenantId = ctx.tenant.id;
    const admin = await createUser(t.prisma, { roleKey: "tenant_admin", tenantId });
    const staff = await callerAs(t.prisma, admin.id);
    const planB = await staff.partners.plans.create({
      name: `${MARKER} plan`,
      kind: "PERCENT_RECURRING",
      basisPoints: 1000,
    });
    const partnerA = await staff.partners.create({ name: "A reseller", type: "RESELLER" });
    const partnerB = await staff.partners.create({
      name: `${MARKER} reseller`,
      type: "RESELLER",
      commissionPlanId: planB.id,
      branding: { brandName: `${MARKER} brand` },
    });
    const subB = await staff.partners.create({ name: `${MARKER} agent`, type: "AGENT", parentId: partnerB.id });

    const billed = async (partnerId: string | null, name: string) => {
      const s = await createBilledSubscriber(t.prisma, tenantId, ctx.basic.id, { name });
      if (partnerId) await staff.customers.update({ id: s.customer.id, data: { partnerId } });
      await startBillingSubscription(ctx.svc, s.subscriber, { at: parseDate("2026-01-01") });
      const ticket = await openTicket(ctx.svc, {
        subject: `${MARKER} ticket`,
        description: "No light on the ONU",
        customerId: s.customer.id,
      });
      return { ...s, ticket };
    };
    const own = await billed(partnerA.id, "A's customer");
    const ofB = await billed(partnerB.id, `${MARKER} customer`);
    const ofSubB = await billed(subB.id, `${MARKER} sub customer`);
    const direct = await billed(null, `${MARKER} direct customer`);
    await runBillingCycle(ctx.svc, { date: parseDate("2026-02-01") });
    await staff.partners.commissions.recompute({ partnerId: partnerB.id });
    const invoices = await t.prisma.invoice.findMany({
      where: { customerId: { in: [ofB.customer.id, direct.customer.id] } },
    });
    expect(invoices.length).toBeGreaterThan(0);

    const adminA = await createUser(t.prisma, { roleKey: "partner_admin", tenantId, partnerId: partnerA.id });
    const agentA = await createUser(t.prisma, { roleKey: "partner_agent", tenantId, partnerId: partnerA.id });
    // A's own view works (the pass below is not vacuous).
    const callerA = await callerAs(t.prisma, adminA.id);
    expect((await callerA.partners.portal.customers({})).rows.map((c) => c.id)).toEqual([own.customer.id]);

    const targets = [
      { table: "partner", value: partnerB.id },
      { table: "partner", value: subB.id },
      { table: "commissionplan", value: planB.id },
      ...[ofB, ofSubB, direct].flatMap((x) => [
        { table: "customer", value: x.customer.id },
        { table: "subscriber", value: x.subscriber.id },
        { table: "ticket", value: x.ticket.id },
      ]),
      ...invoices.map((i) => ({ table: "invoice", value: i.id })),
      ...(await t.prisma.commissionEntry.findMany({ where: { partnerId: partnerB.id } })).map((e) => ({
        table: "commissionentry",
        value: e.id,
      })),
    ];
    const forbidden = [...new Set([...targets.map((x) => x.value), MARKER])];
    const before = await snapshot(partnerB.id, planB.id);
    const leaks: string[] = [];
    let calls = 0;

    const procedures = (appRouter._def as unknown as { procedures: Record<string, ProcedureDef> }).procedures;
    for (const user of [adminA, agentA]) {
      const caller = await callerAs(t.prisma, user.id);
      for (const [path, procedure] of Object.entries(procedures)) {
        const input = procedure._def.inputs[0];
        if (!input) continue;
        for (const field of idFields(input)) {
          if (field.numeric) continue;
          const base = field.key.replace(/Ids?$/, "").toLowerCase();
          const matching = targets.filter((x) => base && x.table.endsWith(base));
          for (const target of matching.length ? matching : targets) {
            const payload = sample(input) as Record<string, unknown>;
            payload[field.key] = field.array ? [target.value] : target.value;
            const fn = path.split(".").reduce<unknown>((node, k) => (node as Record<string, unknown>)[k], caller) as (
              i: unknown,
            ) => Promise<unknown>;
            calls++;
            const result = await fn(payload).then(
              (value) => ({ ok: true as const, value }),
              (e: unknown) => ({ ok: false as const, e }),
            );
            if (!result.ok) {
              if (!(result.e instanceof TRPCError)) leaks.push(`${path} {${field.key}} threw ${String(result.e)}`);
              continue;
            }
            const json = JSON.stringify(result.value ?? null, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
            const leaked = forbidden.filter((v) => v !== target.value && json.includes(v));
            if (leaked.length) leaks.push(`${path} {${field.key}: ${target.table}} returned ${leaked.join(", ")}`);
          }
        }
      }
    }

    // Every REST route, as A's admin signed in (the browser's session), with B's and direct ids.
    session.user = await loadSessionUser(t.prisma, adminA.id, 0);
    try {
      for (const route of API_ROUTES) {
        const params = route.path.match(/\{\w+\}/g) ?? [];
        const paths = params.length
          ? targets.map((x) => route.path.replace(/\{\w+\}/g, x.value))
          : [`${route.path}?customer_id=${ofB.customer.id}&month=2026-02`];
        for (const path of paths) {
          calls++;
          const res = await dispatchApi(
            new Request(`http://localhost/api/v1${path}`, {
              method: route.method,
              headers: { "content-type": "application/json" },
              body: route.method === "GET" || route.method === "DELETE" ? undefined : "{}",
            }),
          );
          if (res.status >= 500) leaks.push(`${route.method} ${path} answered ${res.status}`);
          const text = await res.text();
          const leaked = forbidden.filter((v) => !path.includes(v) && text.includes(v));
          if (leaked.length) leaks.push(`${route.method} ${path} returned ${leaked.join(", ")}`);
        }
      }
    } finally {
      session.user = null;
    }

    console.info(`partner-isolation: ${calls} calls with partner B's and direct ids`);
    expect(calls).toBeGreaterThan(100);
    expect(leaks).toEqual([]);
    expect(await snapshot(partnerB.id, planB.id)).toBe(before);
  }, 300_000);
});
