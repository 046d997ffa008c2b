// Outbound webhooks against a real HTTP receiver, delivered by the embedded executor (its clock
// moves through the retry waits): signatures, retries, the log, replay, auto-disable, refusal
// of private destinations, secret rotation with an overlap, the REST routes, the settings
// pages' procedures and tenant isolation.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { EmbeddedExecutor } from "@/inngest/executor/worker";
import { builtInRole } from "@/server/modules/identity";
import { transitionSubscriber } from "@/server/modules/subscribers";
import { hashToken } from "@/server/rest";
import type { ServiceContext } from "@/server/service-context";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { callerAs, createUser } from "@/server/testing/fixtures";
import { createTestSubscriber, tenantContext } from "@/server/testing/network-fixtures";
import { callApi } from "@/server/testing/rest";
import { DISABLE_AFTER, MAX_ATTEMPTS, publishWebhookEvent, SIGNATURE_HEADER, verifyWebhookSignature } from ".";

// The receiver listens on 127.0.0.2, the only private address this test allows.
vi.hoisted(() => {
  process.env.OUTBOUND_ALLOWLIST = "127.0.0.2";
});
vi.mock("@/server/auth", () => ({ auth: async () => null, sessionUser: async () => null }));

type Received = { path: string; headers: IncomingMessage["headers"]; body: string };
let t: TestDatabase;
let svc: ServiceContext;
let other: ServiceContext;
let server: Server;
let base: string;
let received: Received[] = [];
/** Statuses the receiver answers, in turn (then 200); /broken always answers 500. */
let answers: number[] = [];
const TOKEN = "fo_test_webhooks_admin_0123456789";
const OTHER = "fo_test_webhooks_other_0123456789";
const executor = new EmbeddedExecutor({ workerId: "webhooks-test", backoffMs: () => 1000, leaseMs: 60_000 });

const call = (
  method: string,
  path: string,
  opts: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
) => callApi(method, path, { token: TOKEN, ...opts });

async function publish(type: "subscriber.activated" | "invoice.issued", data: Record<string, unknown>) {
  return svc.db.$transaction((tx) => publishWebhookEvent(tx, svc.tenantId, type, data));
}

beforeAll(async () => {
  t = await testDatabase();
  svc = await tenantContext(t.prisma);
  other = await tenantContext(t.prisma);
  const admin = await builtInRole(t.prisma, "tenant_admin");
  await t.prisma.apiToken.createMany({
    data: [
      { tenantId: svc.tenantId, name: "admin", roleId: admin.id, tokenHash: hashToken(TOKEN), prefix: "fo_test" },
      { tenantId: other.tenantId, name: "other", roleId: admin.id, tokenHash: hashToken(OTHER), prefix: "fo_test" },
    ],
  });
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      received.push({ path: req.url ?? "", headers: req.headers, body });
      res.writeHead(req.url === "/broken" ? 500 : (answers.shift() ?? 200)).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.2", resolve));
  base = `http://127.0.0.2:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.drop();
});
beforeEach(() => {
  received = [];
  answers = [];
});

async function newEndpoint(path: string, events = ["subscriber.activated", "invoice.issued"]) {
  const res = await call("POST", "/webhooks/endpoints", { body: { url: `${base}${path}`, events } });
  expect(res.status).toBe(201);
  const secret = (await call("GET", `/webhooks/endpoints/${res.body.id}/secret`)).body.secret as string;
  return { id: res.body.id as string, secret };
}

describe("outbound webhooks", () => {
  it("retries an endpoint answering 500 until it succeeds; every request is signed and logged", async () => {
    const endpoint = await newEndpoint("/retry");
    answers = [500, 500];
    const eventId = await publish("subscriber.activated", { subscriber_id: "s-1", status: "ACTIVE" });
    await executor.runUntilIdle({ advanceClock: true });

    expect(received).toHaveLength(3);
    for (const r of received) {
      const header = r.headers[SIGNATURE_HEADER.toLowerCase()] as string;
      expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(verifyWebhookSignature(endpoint.secret, header, r.body)).toBe(true);
      expect(verifyWebhookSignature("whsec_wrong", header, r.body)).toBe(false);
      expect(verifyWebhookSignature(endpoint.secret, header, `${r.body} `)).toBe(false);
      expect(JSON.parse(r.body)).toMatchObject({
        id: eventId,
        type: "subscriber.activated",
        data: { subscriber_id: "s-1", status: "ACTIVE" },
      });
    }
    // An old signature is refused (replayed request).
    const late = new Date(Date.now() + 10 * 60_000);
    expect(
      verifyWebhookSignature(endpoint.secret, received[0]!.headers["fiberops-signature"] as string, received[0]!.body, {
        now: late,
      }),
    ).toBe(false);

    const log = await call("GET", `/webhooks/endpoints/${endpoint.id}/deliveries`);
    expect(log.body.data).toHaveLength(1);
    expect(log.body.data[0]).toMatchObject({ status: "SUCCEEDED", attempts: 3, last_status_code: 200 });
    expect(log.body.data[0].attempt_log.map((a: { status_code: number }) => a.status_code)).toEqual([500, 500, 200]);
  });

  it("replays a delivery as a new delivery of the same event", async () => {
    const endpoint = await newEndpoint("/replay");
    const eventId = await publish("invoice.issued", { invoice_id: "i-1", total_minor: 3900 });
    await executor.runUntilIdle({ advanceClock: true });
    const [first] = (await call("GET", `/webhooks/endpoints/${endpoint.id}/deliveries`)).body.data;
    const replay = await call("POST", `/webhooks/deliveries/${first.id}/replay`);
    expect(replay.status).toBe(202);
    expect(replay.body).toMatchObject({ status: "PENDING", replay_of: first.id, event: { id: eventId } });
    await executor.runUntilIdle({ advanceClock: true });
    const mine = received.filter((r) => r.path === "/replay");
    expect(mine.map((r) => JSON.parse(r.body).id)).toEqual([eventId, eventId]);
    const log = (await call("GET", `/webhooks/endpoints/${endpoint.id}/deliveries?status=SUCCEEDED`)).body.data;
    expect(log).toHaveLength(2);
    // Another tenant cannot replay it, nor see the endpoint.
    expect((await call("POST", `/webhooks/deliveries/${first.id}/replay`, { token: OTHER })).status).toBe(404);
    expect((await call("GET", `/webhooks/endpoints/${endpoint.id}`, { token: OTHER })).status).toBe(404);
    expect((await call("GET", "/webhooks/endpoints", { token: OTHER })).body.data).toEqual([]);
  });

  it("disables an endpoint after deliveries keep failing, and enabling it starts over", async () => {
    const endpoint = await newEndpoint("/broken", ["invoice.issued"]);
    for (let i = 0; i < DISABLE_AFTER; i++) await publish("invoice.issued", { invoice_id: `i-${i}` });
    await executor.runUntilIdle({ advanceClock: true });
    expect(received.filter((r) => r.path === "/broken")).toHaveLength(DISABLE_AFTER * MAX_ATTEMPTS);
    const disabled = (await call("GET", `/webhooks/endpoints/${endpoint.id}`)).body;
    expect(disabled).toMatchObject({ enabled: false, consecutive_failures: DISABLE_AFTER });
    expect(disabled.disabled_reason).toMatch(/HTTP 500/);
    // A disabled endpoint gets nothing new, and cannot be replayed to.
    await publish("invoice.issued", { invoice_id: "later" });
    expect(await t.prisma.webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(DISABLE_AFTER);
    const failed = (await call("GET", `/webhooks/endpoints/${endpoint.id}/deliveries?status=FAILED`)).body.data;
    expect(failed).toHaveLength(DISABLE_AFTER);
    expect((await call("POST", `/webhooks/deliveries/${failed[0].id}/replay`)).status).toBe(409);
    const enabled = await call("PATCH", `/webhooks/endpoints/${endpoint.id}`, { body: { enabled: true } });
    expect(enabled.body).toMatchObject({ enabled: true, consecutive_failures: 0, disabled_reason: null });
    expect(
      await t.prisma.auditLog.count({ where: { action: "webhook.endpoint.disabled", targetId: endpoint.id } }),
    ).toBe(1);
  });

  it("refuses private and loopback destinations", async () => {
    const literal = await call("POST", "/webhooks/endpoints", {
      body: { url: "http://10.0.0.5/hooks", events: ["invoice.issued"] },
    });
    expect(literal.status).toBe(400);
    expect(literal.body.error.message).toMatch(/private or reserved/);
    expect(
      (await call("POST", "/webhooks/endpoints", { body: { url: "ftp://example.net/x", events: ["invoice.issued"] } }))
        .status,
    ).toBe(400);
    // A name that resolves to loopback is refused when the delivery connects, once, for good.
    const port = (server.address() as AddressInfo).port;
    const sneaky = await call("POST", "/webhooks/endpoints", {
      body: { url: `http://localhost:${port}/hooks`, events: ["subscriber.activated"] },
    });
    expect(sneaky.status).toBe(201);
    await publish("subscriber.activated", { subscriber_id: "s-2" });
    await executor.runUntilIdle({ advanceClock: true });
    const [d] = (await call("GET", `/webhooks/endpoints/${sneaky.body.id}/deliveries`)).body.data;
    expect(d).toMatchObject({ status: "FAILED", attempts: 1, last_status_code: null });
    expect(d.last_error).toMatch(/private or reserved/);
    expect(received.filter((r) => r.headers.host?.startsWith("localhost"))).toEqual([]);
  });

  it("tells endpoints when a subscriber is activated, in the same transaction as the change", async () => {
    const endpoint = await newEndpoint("/lifecycle", ["subscriber.activated", "subscriber.suspended"]);
    const sub = await createTestSubscriber(t.prisma, svc);
    await transitionSubscriber(svc, sub.id, "PROVISIONING");
    await transitionSubscriber(svc, sub.id, "ACTIVE");
    await transitionSubscriber(svc, sub.id, "SUSPENDED", { reason: "NON_PAYMENT" });
    await executor.runUntilIdle({ advanceClock: true });
    const bodies = received.filter((r) => r.path === "/lifecycle").map((r) => JSON.parse(r.body));
    expect(bodies.map((b) => [b.type, b.data.status, b.data.previous_status])).toEqual([
      ["subscriber.activated", "ACTIVE", "PROVISIONING"],
      ["subscriber.suspended", "SUSPENDED", "ACTIVE"],
    ]);
    expect(bodies[1].data).toMatchObject({ subscriber_id: sub.id, reason: "NON_PAYMENT" });
    // An illegal move changes nothing and tells nobody.
    await expect(transitionSubscriber(svc, sub.id, "PENDING")).rejects.toThrow();
    expect(await t.prisma.webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(2);
  });

  it("creates one endpoint for the same Idempotency-Key twice, and validates input", async () => {
    const body = { url: `${base}/idem`, events: ["invoice.issued"], description: "ERP" };
    const headers = { "idempotency-key": "endpoint-1" };
    const a = await call("POST", "/webhooks/endpoints", { body, headers });
    const b = await call("POST", "/webhooks/endpoints", { body, headers });
    expect(b.body.id).toBe(a.body.id);
    expect(await t.prisma.webhookEndpoint.count({ where: { url: body.url } })).toBe(1);
    const bad = await call("POST", "/webhooks/endpoints", { body: { url: "not a url", events: [] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: { path: string[] }) => i.path[0]).sort()).toEqual(["events", "url"]);
    const types = await call("GET", "/webhooks/event-types");
    expect(types.body.data.map((e: { type: string }) => e.type)).toContain("payment.succeeded");
    const removed = await call("DELETE", `/webhooks/endpoints/${a.body.id}`);
    expect(removed.body).toEqual({ id: a.body.id, deleted: true });
    expect((await call("GET", `/webhooks/endpoints/${a.body.id}`)).status).toBe(404);
  });
});

describe("secret rotation", () => {
  it("signs with both secrets during the overlap, then with the new one alone; audited without secrets", async () => {
    const endpoint = await newEndpoint("/rotate", ["invoice.issued"]);
    const rotated = await call("POST", `/webhooks/endpoints/${endpoint.id}/rotate-secret`, {
      body: { overlap_hours: 24 },
    });
    expect(rotated.status).toBe(200);
    const until = new Date(rotated.body.previous_secret_expires_at).getTime();
    expect(until).toBeGreaterThan(Date.now() + 23 * 3_600_000);
    const fresh = (await call("GET", `/webhooks/endpoints/${endpoint.id}/secret`)).body.secret as string;
    expect(fresh).not.toBe(endpoint.secret);

    await publish("invoice.issued", { invoice_id: "i-rot" });
    await executor.runUntilIdle({ advanceClock: true });
    const [during] = received.filter((r) => r.path === "/rotate");
    const header = during!.headers["fiberops-signature"] as string;
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    // A receiver that still has the old secret, and one that already has the new one, both verify.
    expect(verifyWebhookSignature(endpoint.secret, header, during!.body)).toBe(true);
    expect(verifyWebhookSignature(fresh, header, during!.body)).toBe(true);
    expect(verifyWebhookSignature("whsec_wrong", header, during!.body)).toBe(false);

    // Once the overlap is over only the new secret signs.
    await t.prisma.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { previousSecretExpiresAt: new Date(Date.now() - 1000) },
    });
    received = [];
    await publish("invoice.issued", { invoice_id: "i-rot-2" });
    await executor.runUntilIdle({ advanceClock: true });
    const [after] = received.filter((r) => r.path === "/rotate");
    const afterHeader = after!.headers["fiberops-signature"] as string;
    expect(afterHeader).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(fresh, afterHeader, after!.body)).toBe(true);
    expect(verifyWebhookSignature(endpoint.secret, afterHeader, after!.body)).toBe(false);

    // Rotating with no overlap drops the old secret at once; both rotations are audited, no secret in them.
    const now = await call("POST", `/webhooks/endpoints/${endpoint.id}/rotate-secret`, { body: { overlap_hours: 0 } });
    expect(now.body.previous_secret_expires_at).toBeNull();
    const row = await t.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(row.previousSecret).toBeNull();
    const audit = await t.prisma.auditLog.findMany({
      where: { targetId: endpoint.id, action: "webhook.endpoint.secret_rotated" },
    });
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit.map((a) => [a.before, a.after]))).not.toContain("whsec_");
    expect((await call("POST", `/webhooks/endpoints/${endpoint.id}/rotate-secret`, { token: OTHER })).status).toBe(404);
    expect(
      (await call("POST", `/webhooks/endpoints/${endpoint.id}/rotate-secret`, { body: { overlap_hours: 500 } })).status,
    ).toBe(400);
  });
});

describe("the settings pages' procedures", () => {
  it("lists, shows, changes and disables endpoints, rotates the secret and replays; others are refused", async () => {
    const admin = await createUser(t.prisma, { roleKey: "tenant_admin", tenantId: svc.tenantId });
    const csr = await createUser(t.prisma, { roleKey: "csr", tenantId: svc.tenantId });
    const stranger = await createUser(t.prisma, { roleKey: "tenant_admin", tenantId: other.tenantId });
    const caller = await callerAs(t.prisma, admin.id);
    const created = await caller.webhooks.create({ url: `${base}/ui`, events: ["invoice.issued"], description: "ERP" });
    expect(created).not.toHaveProperty("secret");
    const page = await caller.webhooks.list({ page: 1, pageSize: 10, search: "/ui" });
    expect(page.rows.map((r) => r.id)).toEqual([created.id]);
    expect(JSON.stringify(page)).not.toContain("whsec_");

    const disabled = await caller.webhooks.update({ id: created.id, enabled: false });
    expect(disabled).toMatchObject({ enabled: false, disabledReason: "Disabled by a person" });
    expect((await caller.webhooks.list({ page: 1, pageSize: 10, filters: { enabled: "false" } })).rows).toHaveLength(1);
    await caller.webhooks.update({ id: created.id, enabled: true, description: "Accounting" });
    expect(await caller.webhooks.get({ id: created.id })).toMatchObject({ enabled: true, description: "Accounting" });

    const { secret } = await caller.webhooks.revealSecret({ id: created.id });
    const rotated = await caller.webhooks.rotateSecret({ id: created.id, overlapHours: 1 });
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(secret);
    expect((await caller.webhooks.get({ id: created.id })).previousSecretExpiresAt).toEqual(
      rotated.previousSecretExpiresAt,
    );

    await publish("invoice.issued", { invoice_id: "i-ui" });
    await executor.runUntilIdle({ advanceClock: true });
    const log = await caller.webhooks.deliveries({ endpointId: created.id, page: 1, pageSize: 10 });
    expect(log.rows).toHaveLength(1);
    expect(log.rows[0]).toMatchObject({ status: "SUCCEEDED", event: { type: "invoice.issued" } });
    const replay = await caller.webhooks.replay({ id: log.rows[0]!.id });
    const failedOnly = await caller.webhooks.deliveries({
      endpointId: created.id,
      page: 1,
      pageSize: 10,
      filters: { status: "PENDING" },
    });
    expect(failedOnly.rows.map((r) => r.id)).toEqual([replay.id]);

    const refused = async (p: Promise<unknown>) =>
      (
        await p.then(
          () => null,
          (e: TRPCError) => e,
        )
      )?.code;
    expect(await refused((await callerAs(t.prisma, csr.id)).webhooks.list({}))).toBe("FORBIDDEN");
    const foreign = await callerAs(t.prisma, stranger.id);
    expect(await refused(foreign.webhooks.get({ id: created.id }))).toBe("NOT_FOUND");
    expect(await refused(foreign.webhooks.rotateSecret({ id: created.id, overlapHours: 0 }))).toBe("NOT_FOUND");
    expect(await refused(foreign.webhooks.replay({ id: log.rows[0]!.id }))).toBe("NOT_FOUND");
    expect((await foreign.webhooks.list({})).total).toBe(0);

    await caller.webhooks.delete({ id: created.id });
    expect(await refused(caller.webhooks.get({ id: created.id }))).toBe("NOT_FOUND");
  });
});
