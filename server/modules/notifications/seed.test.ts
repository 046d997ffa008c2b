// The demo seed gives the bulk-notice journey what it needs, and running it again changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "@/prisma/demo-accounts";
import { seedDemo } from "@/prisma/seed";
import { type TestDatabase, testDatabase } from "@/server/testing/db";

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.drop());

describe("notifications demo seed", () => {
  it("links the portal account to Anna Schmidt and opts Jonas Weber out of maintenance notices, idempotently", async () => {
    const state = async () => {
      const user = await t.prisma.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.subscriber.email } });
      const customer = user.customerId
        ? await t.prisma.customer.findUniqueOrThrow({ where: { id: user.customerId } })
        : null;
      const jonas = await t.prisma.subscriber.findFirstOrThrow({ where: { username: { startsWith: "jonas.weber@" } } });
      const prefs = await t.prisma.notificationPreference.findMany({
        where: { subscriberId: jonas.id },
        orderBy: { channel: "asc" },
      });
      return { customer: customer?.email, prefs: prefs.map((p) => [p.channel, p.category, p.enabled]) };
    };
    await seedDemo(t.prisma, () => {});
    const first = await state();
    expect(first.customer).toBe("anna.schmidt@example.com");
    expect(first.prefs).toEqual([
      ["EMAIL", "MAINTENANCE", false],
      ["SMS", "MAINTENANCE", false],
      ["PUSH", "MAINTENANCE", false],
      ["INBOX", "MAINTENANCE", false],
    ]);
    await seedDemo(t.prisma, () => {});
    expect(await state()).toEqual(first);
  }, 120_000);
});
