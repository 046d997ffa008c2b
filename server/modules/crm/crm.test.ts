// The sales pipeline on a real PostgreSQL: leads located and checked, duplicates flagged, the
// public sign-up (honeypot, per-IP rate limit), stage moves, CSV import, the dashboard, REST,
// and the tenant and role walls.
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { builtInRole } from "@/server/modules/identity";
import { hashToken } from "@/server/rest";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { anonymousCaller, callerAs } from "@/server/testing/fixtures";
import { callApi } from "@/server/testing/rest";
import { LINDEN_14, ORANIEN_45, type SalesWorld, SPANDAU, salesWorld, WIENER_5 } from "@/server/testing/sales-fixtures";
import { createLead } from "./create-lead";
import { salesDashboard } from "./dashboard";
import { importLeadsCsv } from "./import-leads";
import { advanceLead, getLead, leadBoard, moveLead } from "./pipeline";
import { publicAvailability, publicSignUp } from "./public-sign-up";

vi.mock("@/server/auth", () => ({ auth: async () => null, sessionUser: async () => null }));

let t: TestDatabase;
let w: SalesWorld;
const TOKEN = "fo_test_sales_leads_token_012345";

beforeAll(async () => {
  t = await testDatabase();
  w = await salesWorld(t.prisma);
  const role = await builtInRole(t.prisma, "sales_rep");
  await t.prisma.apiToken.create({
    data: { tenantId: w.tenant.id, name: "website", roleId: role.id, tokenHash: hashToken(TOKEN), prefix: "fo_test" },
  });
});
afterAll(() => t.drop());

describe("leads", () => {
  it("numbers a lead, locates its address and notes its serviceability", async () => {
    const lead = await createLead(w.svc, {
      name: "Ada Lovelace",
      email: "ada@example.test",
      phone: "+49 30 1111 2222",
      address: ORANIEN_45,
      source: "PHONE",
    });
    expect(lead.number).toBe(1);
    expect(lead.serviceability).toBe("SERVICEABLE");
    expect(lead.addressLabel).toBe("Oranienstraße 45, 10999 Berlin");
    expect(lead.duplicateOfId).toBeNull();
    const full = await getLead(w.svc, lead.id);
    expect(full.activities[0].body).toContain("serviceable");
  });

  it("flags a duplicate by email, phone or address and links the first lead", async () => {
    const first = await t.prisma.lead.findFirstOrThrow({ where: { tenantId: w.tenant.id, number: 1 } });
    const byEmail = await createLead(w.svc, { name: "A. Lovelace", email: "ADA@example.test" });
    const byPhone = await createLead(w.svc, { name: "Ada L", phone: "+49 (30) 1111-2222" });
    const byAddress = await createLead(w.svc, { name: "Flatmate", email: "flat@example.test", address: ORANIEN_45 });
    const fresh = await createLead(w.svc, { name: "Grace Hopper", email: "grace@example.test", address: WIENER_5 });
    for (const d of [byEmail, byPhone, byAddress]) expect(d.duplicateOfId).toBe(first.id);
    expect(fresh.duplicateOfId).toBeNull();
  });

  it("needs an email or a phone, and a valid email", async () => {
    await expect(createLead(w.svc, { name: "Nobody" })).rejects.toThrow(/email address or a phone/);
    await expect(createLead(w.svc, { name: "Typo", email: "not-an-email" })).rejects.toThrow(/valid email/);
  });

  it("moves through stages: lost needs a reason, won only from the installation", async () => {
    const lead = await createLead(w.svc, { name: "Mover", email: "mover@example.test", address: LINDEN_14 });
    await expect(moveLead(w.svc, { id: lead.id, stage: "LOST" })).rejects.toThrow(/why/);
    await expect(moveLead(w.svc, { id: lead.id, stage: "WON" })).rejects.toThrow(/installation/);
    const lost = await moveLead(w.svc, { id: lead.id, stage: "LOST", lostReason: "Price" });
    expect(lost).toMatchObject({ stage: "LOST", lostReason: "Price" });
    // A quote accepted after all brings a lost lead back; the pipeline never moves backwards.
    await advanceLead(w.svc, lead.id, "QUOTED", { note: "Quote sent" });
    await advanceLead(w.svc, lead.id, "SURVEYED", { note: "Survey done late" });
    const back = await getLead(w.svc, lead.id);
    expect(back).toMatchObject({ stage: "QUOTED", lostReason: null });
    expect(back.surveyedAt).not.toBeNull();
    const board = await leadBoard(w.svc);
    expect(board.find((c) => c.stage === "QUOTED")?.cards.map((c) => c.id)).toContain(lead.id);
  });

  it("imports a CSV, reporting the rows it could not take", async () => {
    const csv = [
      "name;email;phone;street;number;postcode;city",
      'Linus;linus@example.test;;"Wiener Straße";5;10999;Berlin',
      ";nobody@example.test;;;;;",
      "Margaret;margaret@example.test;+49 30 555 0000;;;;",
    ].join("\n");
    const r = await importLeadsCsv(w.svc, csv);
    expect(r.created.map((c) => c.line)).toEqual([2, 4]);
    expect(r.failed).toEqual([{ line: 3, reason: expect.stringContaining("name") }]);
    const linus = await t.prisma.lead.findFirstOrThrow({
      where: { tenantId: w.tenant.id, email: "linus@example.test" },
    });
    expect(linus).toMatchObject({ source: "CSV_IMPORT", serviceability: "SERVICEABLE" });
  });

  it("counts the funnel and conversion by source", async () => {
    const d = await salesDashboard(w.svc, new Date(Date.now() - 86_400_000));
    expect(d.total.leads).toBe(await t.prisma.lead.count({ where: { tenantId: w.tenant.id } }));
    expect(d.total.quoted).toBe(1);
    expect(d.bySource.find((s) => s.key === "CSV_IMPORT")?.leads).toBe(2);
  });
});

describe("the public availability page", () => {
  it("shows a visitor the plans at their address without the plant's details", async () => {
    const r = await publicAvailability(w.tenant.slug, ORANIEN_45, { ip: "198.51.100.10" });
    expect(r.status).toBe("SERVICEABLE");
    expect(r.plans.map((p) => p.name)).toEqual(["Fibre 500"]);
    expect(JSON.stringify(r)).not.toContain("SPL-");
    const out = await publicAvailability(w.tenant.slug, SPANDAU, { ip: "198.51.100.10" });
    expect(out).toMatchObject({ status: "NOT_SERVICEABLE", plans: [] });
    await expect(publicAvailability("no-such-isp", ORANIEN_45, { ip: "198.51.100.10" })).rejects.toThrow(/not found/);
  });

  const form = (email: string, extra: Record<string, unknown> = {}) => ({
    tenant: w.tenant.slug,
    name: "Visitor",
    email,
    address: WIENER_5,
    consent: true as const,
    ...extra,
  });

  it("turns a sign-up into a web-form lead; a filled honeypot makes nothing", async () => {
    await publicSignUp(form("visitor@example.test", { planId: w.plan.id }), { ip: "198.51.100.20" });
    const lead = await t.prisma.lead.findFirstOrThrow({
      where: { tenantId: w.tenant.id, email: "visitor@example.test" },
    });
    expect(lead).toMatchObject({ source: "WEB_FORM", planId: w.plan.id, serviceability: "SERVICEABLE" });
    const bot = await publicSignUp(form("bot@example.test", { website: "http://spam.example" }), {
      ip: "198.51.100.21",
    });
    expect(bot).toEqual({ received: true });
    expect(await t.prisma.lead.count({ where: { email: "bot@example.test" } })).toBe(0);
    await expect(
      publicSignUp({ ...form("x@example.test"), consent: false as never }, { ip: "198.51.100.22" }),
    ).rejects.toThrow(/Tick the box/);
  });

  it("refuses a visitor IP after its sign-ups for the hour are spent; another IP still gets through", async () => {
    const ip = "198.51.100.30";
    const scale = Number(process.env.RATE_LIMIT_SCALE ?? 1) || 1;
    const allowed = Math.max(1, Math.floor(5 * scale));
    for (let i = 0; i < allowed; i++) await publicSignUp(form(`burst${i}@example.test`), { ip });
    await expect(publicSignUp(form("one-too-many@example.test"), { ip })).rejects.toMatchObject({
      code: "RATE_LIMITED",
    });
    expect(await t.prisma.lead.count({ where: { email: "one-too-many@example.test" } })).toBe(0);
    await publicSignUp(form("neighbour@example.test"), { ip: "198.51.100.31" });
    expect(await t.prisma.lead.count({ where: { email: "neighbour@example.test" } })).toBe(1);
  });

  it("is reachable signed out through tRPC", async () => {
    const r = await anonymousCaller().crm.public.availability({ tenant: w.tenant.slug, address: WIENER_5 });
    expect(r.status).toBe("SERVICEABLE");
  });
});

describe("walls", () => {
  it("keeps another tenant's leads out of sight", async () => {
    const lead = await t.prisma.lead.findFirstOrThrow({ where: { tenantId: w.tenant.id } });
    const other = await callerAs(t.prisma, w.users.otherSales.id);
    await expect(other.crm.get({ id: lead.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await other.crm.list({ page: 1, pageSize: 50 })).total).toBe(0);
  });

  it("refuses a role without the sales permissions", async () => {
    const tech = await callerAs(t.prisma, w.users.technician.id);
    await expect(tech.crm.list({ page: 1, pageSize: 10 })).rejects.toBeInstanceOf(TRPCError);
    await expect(tech.crm.create({ name: "x", email: "x@example.test" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const sales = await callerAs(t.prisma, w.users.sales.id);
    expect((await sales.crm.list({ page: 1, pageSize: 10, filters: { stage: "QUOTED" } })).total).toBe(1);
  });
});

describe("REST /api/v1/leads", () => {
  it("creates (idempotently), reads and moves a lead", async () => {
    const body = {
      name: "Integration Lead",
      email: "api@example.test",
      source: "PARTNER",
      address: { street_name: "Wiener Straße", street_nr: "5", postcode: "10999", city: "Berlin", country: "DE" },
    };
    const created = await callApi("POST", "/leads", { token: TOKEN, body, headers: { "idempotency-key": "lead-1" } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ source: "PARTNER", stage: "NEW", serviceability: "SERVICEABLE" });
    const again = await callApi("POST", "/leads", { token: TOKEN, body, headers: { "idempotency-key": "lead-1" } });
    expect(again.body.id).toBe(created.body.id);
    const got = await callApi("GET", `/leads/${created.body.id}`, { token: TOKEN });
    expect(got.body.reference).toMatch(/^L-\d+$/);
    const moved = await callApi("PATCH", `/leads/${created.body.id}`, {
      token: TOKEN,
      body: { stage: "LOST", lost_reason: "Chose a competitor" },
    });
    expect(moved.body).toMatchObject({ stage: "LOST", lost_reason: "Chose a competitor" });
    const page = await callApi("GET", "/leads?limit=2", { token: TOKEN });
    expect(page.body.data).toHaveLength(2);
    expect(page.body.next_cursor).not.toBeNull();
  });
});
