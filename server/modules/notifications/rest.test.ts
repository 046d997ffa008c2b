// The notifications REST API, called through the /api/v1 dispatcher with API tokens; bulk sends
// are run by the embedded Inngest executor as in production.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { EmbeddedExecutor } from "@/inngest/executor/worker";
import { builtInRole } from "@/server/modules/identity";
import { hashToken } from "@/server/rest";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { createTenant } from "@/server/testing/fixtures";
import { callApi } from "@/server/testing/rest";
import { createPlan, createSubscribers } from "./test-helpers";

// next-auth cannot load under vitest (it imports next/server); these calls use API tokens.
vi.mock("@/server/auth", () => ({ auth: async () => null, sessionUser: async () => null }));

let t: TestDatabase;
let tenantId: string;
let subs: Awaited<ReturnType<typeof createSubscribers>>;
let otherSub: string;
const TOKEN = "fo_test_notify_token_0123456789ab";
const TECH_TOKEN = "fo_test_notify_tech_0123456789ab";

function call(
  method: string,
  path: string,
  opts: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
) {
  return callApi(method, path, { ...opts, token: opts.token ?? TOKEN });
}

beforeAll(async () => {
  t = await testDatabase();
  const tenant = await createTenant(t.prisma);
  tenantId = tenant.id;
  const plan = await createPlan(t.prisma, tenant.id);
  subs = await createSubscribers(t.prisma, tenant.id, 5, { planId: plan.id });
  const other = await createTenant(t.prisma);
  otherSub = (await createSubscribers(t.prisma, other.id, 1, { planId: (await createPlan(t.prisma, other.id)).id }))[0]
    .id;
  const noc = await builtInRole(t.prisma, "noc_engineer");
  const tech = await builtInRole(t.prisma, "field_technician");
  await t.prisma.apiToken.createMany({
    data: [
      { tenantId, name: "crm-bridge", roleId: noc.id, tokenHash: hashToken(TOKEN), prefix: "fo_test" },
      { tenantId, name: "tech", roleId: tech.id, tokenHash: hashToken(TECH_TOKEN), prefix: "fo_test" },
    ],
  });
});
afterAll(() => t.drop());

const notice = { title: "Street works", message: "Fiber works in your street on Thursday." };

describe("POST /api/v1/notifications/send", () => {
  it("sends on the given channels, is idempotent per Idempotency-Key, and maps errors", async () => {
    const body = { subscriber_id: subs[0].id, template: "service_notice", channels: ["EMAIL", "INBOX"], data: notice };
    const headers = { "idempotency-key": "send-1" };
    const first = await call("POST", "/notifications/send", { body, headers });
    expect(first.status).toBe(200);
    const sent = first.body;
    expect(sent.deliveries.map((d: { channel: string; status: string }) => [d.channel, d.status]).sort()).toEqual([
      ["EMAIL", "SENT"],
      ["INBOX", "DELIVERED"],
    ]);
    const again = (await call("POST", "/notifications/send", { body, headers })).body;
    expect(again.notification_id).toBe(sent.notification_id);
    expect(await t.prisma.notification.count({ where: { tenantId } })).toBe(1);
    expect(await t.prisma.emailMessage.count({ where: { tenantId, subject: "Street works" } })).toBe(1);
    expect(await t.prisma.inboxItem.count({ where: { tenantId, subscriberId: subs[0].id } })).toBe(1);

    const reused = await call("POST", "/notifications/send", { body: { ...body, channels: ["EMAIL"] }, headers });
    expect(reused.status).toBe(409);
    const noTemplate = await call("POST", "/notifications/send", { body: { ...body, template: "nope" } });
    expect(noTemplate.status).toBe(400);
    expect(noTemplate.body.error.message).toMatch(/no notification template "nope"/);
    const badData = await call("POST", "/notifications/send", { body: { ...body, data: { title: "" } } });
    expect(badData.status).toBe(400);
    expect(badData.body.error.message).toMatch(/message/);
    const badBody = await call("POST", "/notifications/send", { body: { ...body, subscriber_id: "x" } });
    expect(badBody.status).toBe(400);
    // Another tenant's subscriber does not exist here.
    const foreign = await call("POST", "/notifications/send", { body: { ...body, subscriber_id: otherSub } });
    expect(foreign.status).toBe(404);
    expect(await t.prisma.notification.count({ where: { subscriberId: otherSub } })).toBe(0);
  });

  it("needs a valid token with notification.send", async () => {
    const body = { subscriber_id: subs[0].id, template: "service_notice", data: notice };
    expect((await call("POST", "/notifications/send", { body, token: "fo_wrong" })).status).toBe(401);
    const forbidden = await call("POST", "/notifications/send", { body, token: TECH_TOKEN });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.message).toMatch(/notification\.send/);
    expect((await call("POST", "/notifications/bulk", { body: {}, token: TECH_TOKEN })).status).toBe(403);
  });
});

describe("POST /api/v1/notifications/bulk", () => {
  it("schedules a filtered bulk send that runs at schedule_at; opted-out recipients get nothing", async () => {
    // Subscribers 0–2 are behind one OLT; 3–4 behind another. Subscriber 1 opted out of maintenance email.
    const olt = await t.prisma.olt.create({ data: { tenantId, name: "OLT-A" } });
    const oltB = await t.prisma.olt.create({ data: { tenantId, name: "OLT-B" } });
    const port = await t.prisma.ponPort.create({ data: { tenantId, oltId: olt.id, portNo: 1, label: "pon-1" } });
    await t.prisma.onu.createMany({
      data: subs.map((s, i) => ({
        tenantId,
        oltId: i < 3 ? olt.id : oltB.id,
        ponPortId: i < 3 ? port.id : null,
        serialNumber: `REST${String(i).padStart(8, "0")}`,
        subscriberId: s.id,
      })),
    });
    await t.prisma.notificationPreference.create({
      data: { tenantId, subscriberId: subs[1].id, channel: "EMAIL", category: "MAINTENANCE", enabled: false },
    });
    const scheduleAt = new Date(Date.now() + 3_600_000).toISOString();
    const body = {
      name: "Works on OLT-A",
      filter: { pon_port_ids: [port.id], statuses: ["ACTIVE"] },
      template: "service_notice",
      channels: ["EMAIL", "INBOX"],
      data: notice,
      schedule_at: scheduleAt,
    };
    const headers = { "idempotency-key": "bulk-1" };
    const res = await call("POST", "/notifications/bulk", { body, headers });
    expect(res.status).toBe(202);
    const job = res.body;
    expect(job).toMatchObject({ name: "Works on OLT-A", status: "SCHEDULED", channels: ["EMAIL", "INBOX"], total: 0 });
    expect(new Date(job.schedule_at).toISOString()).toBe(scheduleAt);
    const same = (await call("POST", "/notifications/bulk", { body, headers })).body;
    expect(same.job_id).toBe(job.job_id);
    expect(await t.prisma.bulkNotificationJob.count({ where: { tenantId } })).toBe(1);

    // Nothing goes out before schedule_at; the executor's clock then moves on and runs it.
    const executor = new EmbeddedExecutor({ workerId: "notif-rest-test", backoffMs: () => 1000, leaseMs: 60_000 });
    await executor.runUntilIdle();
    expect((await call("GET", `/notifications/bulk/${job.job_id}`)).body.status).toBe("SCHEDULED");
    await executor.runUntilIdle({ advanceClock: true });
    const done = (await call("GET", `/notifications/bulk/${job.job_id}`)).body;
    expect(done).toMatchObject({ status: "COMPLETED", total: 6, sent: 5, suppressed: 1, failed: 0, progress: 100 });
    const mails = await t.prisma.emailMessage.findMany({ where: { tenantId, subject: "Street works" } });
    // Subscriber 0 also got the single send above.
    expect(mails.map((m) => m.toAddress.split("-")[0]).sort()).toEqual(["c0", "c0", "c2"]);
    const deliveries = await t.prisma.notificationDelivery.findMany({
      where: { tenantId, notification: { bulkJobId: job.job_id } },
    });
    expect(deliveries.map((d) => `${d.channel}:${subs.findIndex((s) => s.id === d.subscriberId)}`).sort()).toEqual([
      "EMAIL:0",
      "EMAIL:2",
      "INBOX:0",
      "INBOX:1",
      "INBOX:2",
    ]);
    const optedOut = await t.prisma.bulkNotificationRecipient.findFirstOrThrow({
      where: { jobId: job.job_id, subscriberId: subs[1].id, channel: "EMAIL" },
    });
    expect(optedOut).toMatchObject({ status: "SUPPRESSED", error: "opted out of maintenance messages by email" });
  });

  it("takes subscriber ids, refuses unknown or foreign ones and ambiguous bodies", async () => {
    const base = { template: "service_notice", channels: ["INBOX"], data: notice };
    const ok = await call("POST", "/notifications/bulk", {
      body: { ...base, subscriber_ids: [subs[3].id, subs[4].id] },
    });
    expect(ok.status).toBe(202);
    const foreign = await call("POST", "/notifications/bulk", {
      body: { ...base, subscriber_ids: [subs[3].id, otherSub] },
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.message).toMatch(/1 of the subscriber ids were not found/);
    const both = await call("POST", "/notifications/bulk", {
      body: { ...base, subscriber_ids: [subs[3].id], filter: { statuses: ["ACTIVE"] } },
    });
    expect(both.status).toBe(400);
    const neither = await call("POST", "/notifications/bulk", { body: base });
    expect(neither.status).toBe(400);
    const badDate = await call("POST", "/notifications/bulk", {
      body: { ...base, filter: {}, schedule_at: "tomorrow" },
    });
    expect(badDate.status).toBe(400);
    expect((await call("GET", `/notifications/bulk/${"not-a-uuid"}`)).status).toBe(400);
    const otherTenant = await createTenant(t.prisma);
    const foreignJob = await t.prisma.bulkNotificationJob.create({
      data: {
        tenantId: otherTenant.id,
        name: "B's notice",
        template: "service_notice",
        channels: ["INBOX"],
        scheduleAt: new Date(),
      },
    });
    expect((await call("GET", `/notifications/bulk/${foreignJob.id}`)).status).toBe(404);
  });
});
