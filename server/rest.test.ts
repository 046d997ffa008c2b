// The /api/v1 convention itself: per-token rate limits, token scopes, tenant isolation.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { builtInRole } from "@/server/modules/identity";
import { registerOlt } from "@/server/modules/network";
import { hashToken } from "@/server/rest";
import type { ServiceContext } from "@/server/service-context";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { tenantContext } from "@/server/testing/network-fixtures";
import { callApi } from "@/server/testing/rest";

vi.mock("@/server/auth", () => ({ auth: async () => null, sessionUser: async () => null }));

let t: TestDatabase;
let svc: ServiceContext;
let other: ServiceContext;
let otherOlt: string;
const LIMITED = "fo_test_limited_token_0123456789";
const SCOPED = "fo_test_scoped_token_01234567890";
const OTHER = "fo_test_other_tenant_0123456789";

beforeAll(async () => {
  t = await testDatabase();
  svc = await tenantContext(t.prisma);
  other = await tenantContext(t.prisma);
  const noc = await builtInRole(t.prisma, "noc_engineer");
  await t.prisma.apiToken.createMany({
    data: [
      {
        tenantId: svc.tenantId,
        name: "limited",
        roleId: noc.id,
        tokenHash: hashToken(LIMITED),
        prefix: "fo_test",
        rateLimitPerMinute: 3,
      },
      {
        tenantId: svc.tenantId,
        name: "read-only scope",
        roleId: noc.id,
        tokenHash: hashToken(SCOPED),
        prefix: "fo_test",
        scopes: ["network.read"],
      },
      { tenantId: other.tenantId, name: "other", roleId: noc.id, tokenHash: hashToken(OTHER), prefix: "fo_test" },
    ],
  });
  await registerOlt(svc, { name: "MINE", hostAndPort: "10.7.0.1:9191" });
  otherOlt = (await registerOlt(other, { name: "THEIRS", hostAndPort: "10.8.0.1:9191" })).id;
});
afterAll(() => t.drop());

describe("the /api/v1 convention", () => {
  it("answers 429 with Retry-After once a token has spent its requests for the minute", async () => {
    for (let i = 0; i < 3; i++) expect((await callApi("GET", "/voltha/olts", { token: LIMITED })).status).toBe(200);
    // Windows are whole minutes: should one end during these calls, the next call still finds
    // a window holding more than three.
    let refused = await callApi("GET", "/voltha/olts", { token: LIMITED });
    for (let i = 0; i < 3 && refused.status === 200; i++)
      refused = await callApi("GET", "/voltha/olts", { token: LIMITED });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("RATE_LIMITED");
    const retry = Number(refused.headers.get("retry-after"));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    // Another token has its own budget.
    expect((await callApi("GET", "/voltha/olts", { token: SCOPED })).status).toBe(200);
  });

  it("limits a token to its scopes within its role", async () => {
    const serial = (await t.prisma.onu.findFirstOrThrow({ where: { tenantId: svc.tenantId } })).serialNumber;
    expect((await callApi("GET", `/voltha/onus/${serial}`, { token: SCOPED })).status).toBe(200);
    const refused = await callApi("POST", `/voltha/onus/${serial}/activate`, { token: SCOPED });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/onu\.control/);
  });

  it("never shows or changes another tenant's resources", async () => {
    const mine = await callApi("GET", "/voltha/olts", { token: SCOPED });
    expect(mine.body.data.map((o: { name: string }) => o.name)).toEqual(["MINE"]);
    expect((await callApi("GET", `/voltha/olts/${otherOlt}/ports`, { token: SCOPED })).status).toBe(404);
    const theirSerial = (await t.prisma.onu.findFirstOrThrow({ where: { tenantId: other.tenantId } })).serialNumber;
    expect((await callApi("GET", `/voltha/onus/${theirSerial}`, { token: SCOPED })).status).toBe(404);
    expect((await callApi("GET", `/voltha/olts/${otherOlt}/ports`, { token: OTHER })).status).toBe(200);
  });
});
