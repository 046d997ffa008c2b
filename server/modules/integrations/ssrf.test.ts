// security #11.6: every server-side request to a tenant-supplied address goes through the
// outbound guard. Here only 127.0.0.2 is allowed (as an operator's OUTBOUND_ALLOWLIST would
// allow an internal host); a listener on 127.0.0.1 stands for the database or a metadata
// service and must never be reached.
import { createECDH, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateVapidKeys, WebPushSender } from "@/server/adapters/push";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { callerAs, createTenant, createUser } from "@/server/testing/fixtures";

process.env.OUTBOUND_ALLOWLIST = "127.0.0.2";

let t: TestDatabase;
let internal: http.Server;
let internalHits = 0;
let allowed: http.Server;
let allowedAnswer: (res: http.ServerResponse) => void = (res) => res.end();

function listen(server: http.Server, host: string) {
  return new Promise<number>((resolve) =>
    server.listen(0, host, () => resolve((server.address() as AddressInfo).port)),
  );
}
let internalPort: number;
let allowedPort: number;

beforeAll(async () => {
  t = await testDatabase();
  internal = http.createServer((_req, res) => {
    internalHits++;
    res.end("internal secret");
  });
  internalPort = await listen(internal, "127.0.0.1");
  allowed = http.createServer((_req, res) => allowedAnswer(res));
  allowedPort = await listen(allowed, "127.0.0.2");
});
afterAll(async () => {
  internal.close();
  allowed.close();
  await t.drop();
});

async function tenantAdmin() {
  const tenant = await createTenant(t.prisma);
  const admin = await createUser(t.prisma, { roleKey: "tenant_admin", tenantId: tenant.id });
  return { tenant, caller: await callerAs(t.prisma, admin.id) };
}

describe("security #11.6: SSRF through integrations and push", () => {
  it("saving refuses loopback, private and link-local destinations, by address or by name", async () => {
    const { caller } = await tenantAdmin();
    for (const [system, url] of [
      ["ACS", `http://127.0.0.1:${internalPort}/`],
      ["ACS", "http://169.254.169.254/latest/meta-data/"],
      ["IPAM", `http://localhost:${internalPort}/`],
      ["OLT", "127.0.0.1:5432"],
      ["ACS", "http://10.1.2.3:7557/"],
    ] as const)
      await expect(
        caller.integrations.save({ system, mode: "REAL", url, credentials: { token: "t".repeat(40) } }),
      ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/private or reserved/) });
    await expect(
      caller.integrations.save({
        system: "OLT",
        mode: "REAL",
        url: "127.0.0.2:55555",
        options: { onosUrl: `http://127.0.0.1:${internalPort}` },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(internalHits).toBe(0);
  });

  it("Test connection refuses an internal address stored earlier, sending no credentials", async () => {
    const { tenant, caller } = await tenantAdmin();
    for (const [system, url] of [
      ["ACS", `http://127.0.0.1:${internalPort}/`],
      ["IPAM", `http://127.0.0.1:${internalPort}/`],
      ["OLT", `127.0.0.1:${internalPort}`],
    ] as const) {
      await t.prisma.integrationConfig.deleteMany({ where: { tenantId: tenant.id, system } });
      await t.prisma.integrationConfig.create({ data: { tenantId: tenant.id, system, mode: "REAL", url } });
      const result = await caller.network.testIntegration({ system });
      expect([system, result.ok]).toEqual([system, false]);
      expect(result.message).toMatch(/private or reserved/);
    }
    expect(internalHits).toBe(0);
  });

  it("redirects are not followed and answers are never echoed", async () => {
    const { tenant, caller } = await tenantAdmin();
    await t.prisma.integrationConfig.create({
      data: { tenantId: tenant.id, system: "ACS", mode: "REAL", url: `http://127.0.0.2:${allowedPort}/` },
    });
    allowedAnswer = (res) => res.writeHead(302, { location: `http://127.0.0.1:${internalPort}/` }).end();
    const redirected = await caller.network.testIntegration({ system: "ACS" });
    expect(redirected.ok).toBe(false);
    expect(redirected.message).toMatch(/redirects are not followed/);
    expect(internalHits).toBe(0);

    allowedAnswer = (res) => res.writeHead(500).end("SECRET-BODY of some internal service");
    const failed = await caller.network.testIntegration({ system: "ACS" });
    expect(failed.ok).toBe(false);
    expect(failed.message).not.toContain("SECRET-BODY");
    const stored = await t.prisma.integrationConfig.findFirstOrThrow({ where: { tenantId: tenant.id, system: "ACS" } });
    expect(stored.lastTestMessage).not.toContain("SECRET-BODY");
  });

  it("web push never sends to an internal endpoint", async () => {
    const sender = new WebPushSender({ ...generateVapidKeys(), subject: "mailto:noc@isp.example" });
    const browser = createECDH("prime256v1");
    const keys = { p256dh: browser.generateKeys().toString("base64url"), auth: randomBytes(16).toString("base64url") };
    for (const endpoint of [`https://127.0.0.1:${internalPort}/push`, `https://localhost:${internalPort}/push`]) {
      const result = await sender.send({ endpoint, keys }, { title: "x", body: "y" }, { ttl: 60, urgency: "normal" });
      expect(result.ok).toBe(false);
      expect(result.ok ? "" : result.error).toMatch(/private or reserved/);
    }
    expect(internalHits).toBe(0);
  });
});
