// The authorize functions our radiusd calls (prisma/migrations/*_radius_fast_queries) return
// what the stock sql module's group loop would: the user's items, then those of the first group
// (priority order) whose checks match the NAS vendor. freeradius.test.ts covers them end to end.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NasVendor, radiusAttributeName, renderRateAttributes } from "@/server/modules/radius";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { createTenant } from "@/server/testing/fixtures";
import { type RadiusSubscriber, syncPlanGroups, writeSubscriberRadius } from "./rows";

let t: TestDatabase;
let raw: pg.Client;
const plan = {
  id: "0190e2a0-0000-7000-8000-0000000000aa",
  code: "fiber-100",
  downloadKbps: 100_000,
  uploadKbps: 20_000,
};

beforeAll(async () => {
  t = await testDatabase();
  raw = new pg.Client({ connectionString: t.url });
  await raw.connect();
  await syncPlanGroups(t.prisma, plan);
});
afterAll(async () => {
  await raw.end();
  await t.drop();
});

type Item = { attribute: string; op: string; value: string };
const items = async (fn: "check" | "reply", username: string, vendor: string) =>
  (
    await raw.query<Item>(`SELECT attribute, op, value FROM radius_authorize_${fn}($1, $2)`, [username, vendor])
  ).rows.map((r) => ({ ...r }));

async function subscriber(username: string, status: string, tenantId: string, suspension: "reject" | "walled_garden") {
  const sub: RadiusSubscriber = {
    id: crypto.randomUUID(),
    tenantId,
    username,
    password: "pw",
    status,
    planId: plan.id,
    ipv4Address: "100.64.0.9",
    staticIpv4: null,
    ipv6Prefix: null,
    nasId: null,
  };
  await writeSubscriberRadius(t.prisma, sub, suspension);
}

describe("authorize functions", () => {
  it("return the password and the matching vendor group's attributes only", async () => {
    const tenant = await createTenant(t.prisma);
    await subscriber("active@fiber", "ACTIVE", tenant.id, "reject");
    expect(await items("check", "active@fiber", "mikrotik")).toEqual([
      { attribute: "Cleartext-Password", op: ":=", value: "pw" },
    ]);
    for (const vendor of ["mikrotik", "cisco", "juniper", "huawei", "other", ""] as const) {
      const expected = renderRateAttributes(plan, (vendor || "other") as NasVendor).map((a) => ({
        attribute: radiusAttributeName(a),
        op: a.op,
        value: a.value,
      }));
      expect(await items("reply", "active@fiber", vendor)).toEqual([
        { attribute: "Framed-IP-Address", op: ":=", value: "100.64.0.9" },
        ...expected,
      ]);
    }
  });

  it("reject suspended subscribers through the group's Auth-Type, or walled-garden them", async () => {
    const tenant = await createTenant(t.prisma);
    await subscriber("suspended@fiber", "SUSPENDED", tenant.id, "reject");
    expect(await items("check", "suspended@fiber", "mikrotik")).toEqual([
      { attribute: "Cleartext-Password", op: ":=", value: "pw" },
      { attribute: "Auth-Type", op: ":=", value: "Reject" },
    ]);
    expect(await items("reply", "suspended@fiber", "mikrotik")).toContainEqual({
      attribute: "Reply-Message",
      op: ":=",
      value: "Service suspended",
    });
    await subscriber("garden@fiber", "SUSPENDED", tenant.id, "walled_garden");
    expect(await items("check", "garden@fiber", "mikrotik")).toEqual([
      { attribute: "Cleartext-Password", op: ":=", value: "pw" },
    ]);
    const reply = await items("reply", "garden@fiber", "mikrotik");
    expect(reply).toContainEqual({ attribute: "Filter-Id", op: ":=", value: "walled-garden" });
    expect(reply.map((r) => r.attribute)).not.toContain("Mikrotik-Rate-Limit");
  });

  it("return nothing for an unknown user", async () => {
    expect(await items("check", "nobody@fiber", "mikrotik")).toEqual([]);
    expect(await items("reply", "nobody@fiber", "mikrotik")).toEqual([]);
  });
});
