// The rate-limit windows must not depend on the database session's time zone: every
// connection of this file runs in UTC+14 (PGOPTIONS is read by node-postgres when it connects).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consumeRateLimit } from "@/server/rate-limit";
import { type TestDatabase, testDatabase } from "@/server/testing/db";

process.env.PGOPTIONS = "-c timezone=Pacific/Kiritimati";

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.drop());

describe("security: rate-limit windows in a database session that is not in UTC", () => {
  it("stores the window's start in UTC and answers a retry within the window", async () => {
    const [{ timezone }] = await t.prisma.$queryRaw<
      { timezone: string }[]
    >`SELECT current_setting('TimeZone') AS timezone`;
    expect(timezone).toBe("Pacific/Kiritimati");
    const before = Date.now();
    const result = await consumeRateLimit("tz:window", 5, 3600);
    expect(result.retryAfterSeconds).toBeGreaterThan(0);
    expect(result.retryAfterSeconds).toBeLessThanOrEqual(3600);
    const row = await t.prisma.rateLimitWindow.findFirstOrThrow({ where: { key: "tz:window" } });
    // Prisma reads a timestamp without zone as UTC: the window started within the last hour.
    expect(row.windowStart.getTime()).toBeLessThanOrEqual(before);
    expect(before - row.windowStart.getTime()).toBeLessThan(3_600_000);
  });
});
