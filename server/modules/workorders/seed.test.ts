// The field demo data: after seeding, the demo technician's day has the install, their van
// holds free ONUs the network discovered, they have every skill and the install's zone, and
// seeding again adds nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "@/prisma/demo-accounts";
import { seedDemo } from "@/prisma/seed";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { callerAs } from "@/server/testing/fixtures";
import { DEMO_INSTALL } from "./seed";

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.drop());

describe("field demo data", () => {
  it("gives the technician today's install and free ONUs in the van, once", async () => {
    await seedDemo(t.prisma, () => {});
    const user = await t.prisma.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.technician.email } });
    const tech = await callerAs(t.prisma, user.id);
    const day = await tech.workorders.myDay({});
    expect(day.map((o) => [o.title, o.status, o.type])).toEqual([[DEMO_INSTALL.title, "SCHEDULED", "INSTALL"]]);
    const van = await tech.inventory.myVan();
    expect(van.items).toHaveLength(2);
    const onus = await t.prisma.onu.findMany({ where: { serialNumber: { in: van.items.map((i) => i.serial) } } });
    expect(onus.map((o) => o.subscriberId)).toEqual([null, null]);
    // Each live subscriber's ONU is in the inventory, fitted at their premises (J4 returns).
    const live = await t.prisma.subscriber.findMany({
      where: { status: { in: ["ACTIVE", "SUSPENDED"] }, onuSerial: { not: null } },
    });
    const fitted = await t.prisma.inventoryItem.findMany({
      where: { serial: { in: live.map((s) => s.onuSerial ?? "") } },
    });
    const premises = await t.prisma.stockLocation.findMany({ where: { id: { in: fitted.map((i) => i.locationId) } } });
    expect(fitted).toHaveLength(live.length);
    expect(new Set(premises.map((p) => p.subscriberId))).toEqual(new Set(live.map((s) => s.id)));
    const items = await t.prisma.inventoryItem.count();
    expect(items).toBe(2 + live.length);
    await seedDemo(t.prisma, () => {});
    expect(await t.prisma.workOrder.count()).toBe(1);
    expect(await t.prisma.inventoryItem.count()).toBe(items);
    // Every skill, in the zone the install lies in.
    const [profile] = await t.prisma.technicianProfile.findMany();
    const kreuzberg = await t.prisma.coverageArea.findFirstOrThrow({ where: { name: "Kreuzberg" } });
    expect(profile).toMatchObject({ userId: user.id, zoneIds: [kreuzberg.id] });
    expect(profile?.skills).toHaveLength(4);
  }, 120_000); // the whole demo seeded twice: minutes on a loaded machine
});
