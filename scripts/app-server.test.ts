// security #11.9 over real HTTP: the app's server (scripts/app-server.ts, what `npm start` runs in
// front of Next.js) believes X-Forwarded-For only from TRUSTED_PROXIES, so the audit row and the
// per-IP rate limit of a real /api/v1 request carry the true client — not a forged header.
// The server here wraps the /api/v1 dispatcher instead of all of Next.js; the wrapper is the same.
import { randomUUID } from "node:crypto";
import type http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parseTrustedProxies } from "@/server/client-ip";
import { builtInRole } from "@/server/modules/identity";
import { hashToken } from "@/server/rest";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { createTenant } from "@/server/testing/fixtures";
import { dispatchApi } from "@/server/testing/rest";
import { appServer } from "./app-server";

// next-auth cannot load under vitest (it imports next/server); these calls use API tokens.
vi.mock("@/server/auth", () => ({ auth: async () => null, sessionUser: async () => null }));

let t: TestDatabase;
let token: string;
let tenantId: string;
beforeAll(async () => {
  t = await testDatabase();
  tenantId = (await createTenant(t.prisma)).id;
  token = `fo_test_${randomUUID().replaceAll("-", "")}`;
  await t.prisma.apiToken.create({
    data: {
      tenantId,
      name: "desk",
      roleId: (await builtInRole(t.prisma, "tenant_admin")).id,
      tokenHash: hashToken(token),
      prefix: "fo_test",
      scopes: [],
    },
  });
});
afterAll(() => t.drop());

/** The app server over the /api/v1 dispatcher, on a loopback port; records the headers the app saw. */
async function serve(trustedProxies: string) {
  const seen: Headers[] = [];
  const server = appServer(async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers))
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    seen.push(headers);
    const answer = await dispatchApi(
      new Request(`http://${req.headers.host}${req.url}`, {
        method: req.method,
        headers,
        body: chunks.length ? Buffer.concat(chunks) : undefined,
      }),
    );
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    res.end(Buffer.from(await answer.arrayBuffer()));
  }, parseTrustedProxies(trustedProxies));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function openTicketVia(url: string, forwarded: Record<string, string>) {
  const subject = `Forwarded ${randomUUID()}`;
  const res = await fetch(`${url}/api/v1/tickets`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...forwarded },
    body: JSON.stringify({ name: subject, description: "Line down" }),
  });
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as { id: string };
  const audit = await t.prisma.auditLog.findFirstOrThrow({
    where: { tenantId, action: "ticket.opened", targetId: id },
  });
  return audit.ip;
}

async function failedTokenIps(url: string, forwarded: Record<string, string>) {
  const res = await fetch(`${url}/api/v1/tickets`, { headers: { authorization: "Bearer fo_wrong", ...forwarded } });
  expect(res.status).toBe(401);
  const rows = await t.prisma.rateLimitWindow.findMany({ where: { key: { startsWith: "api-token-failure:" } } });
  return rows.map((r) => r.key.slice("api-token-failure:".length));
}

describe("security #11.9: the app server believes X-Forwarded-For only from trusted proxies", () => {
  it("from a client that is not a proxy, a forged X-Forwarded-For reaches neither the audit log nor the rate limit", async () => {
    const app = await serve("");
    try {
      const forged = { "x-forwarded-for": "203.0.113.66", "x-forwarded-host": "evil.example", "x-real-ip": "6.6.6.6" };
      expect(await openTicketVia(app.url, forged)).toBe("127.0.0.1");
      expect(app.seen.at(-1)?.get("x-forwarded-for")).toBe("127.0.0.1");
      expect(app.seen.at(-1)?.get("x-forwarded-host")).toBeNull();
      expect(app.seen.at(-1)?.get("x-real-ip")).toBeNull();
      expect(await failedTokenIps(app.url, forged)).toEqual(["127.0.0.1"]);
    } finally {
      await app.close();
    }
  });

  it("behind a trusted proxy, the client is the nearest address the proxy appended, not what the client prepended", async () => {
    await t.prisma.rateLimitWindow.deleteMany({});
    const app = await serve("127.0.0.1/32");
    try {
      const viaProxy = { "x-forwarded-for": "6.6.6.6, 198.51.100.20", "x-forwarded-host": "fiber.example" };
      expect(await openTicketVia(app.url, viaProxy)).toBe("198.51.100.20");
      expect(app.seen.at(-1)?.get("x-forwarded-host")).toBe("fiber.example");
      expect(await failedTokenIps(app.url, viaProxy)).toEqual(["198.51.100.20"]);
    } finally {
      await app.close();
    }
  });
});
