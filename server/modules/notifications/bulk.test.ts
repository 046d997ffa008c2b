import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SmsMessage, type SmsSender, TwilioSmsSender } from "@/server/adapters/sms";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { createTenant } from "@/server/testing/fixtures";
import { type FakeTwilio, startFakeTwilio } from "@/simulator/sms/server";
import { cancelBulkJob, createBulkJob, getBulkJob, materializeBulkJob, runBulkBatch } from "./bulk";
import { createPlan, createSubscribers, svcFor } from "./test-helpers";

let t: TestDatabase;
let twilio: FakeTwilio;
const ACCOUNT = `AC${"2".repeat(32)}`;
beforeAll(async () => {
  t = await testDatabase();
  twilio = await startFakeTwilio({ accountSid: ACCOUNT, authToken: "tok", callbacks: false });
});
afterAll(async () => {
  await twilio.close();
  await t.drop();
});

/** A clock the test moves. Noon UTC: outside quiet hours in Lisbon. */
function testClock(start = Date.parse("2026-11-24T12:00:00Z")) {
  let ms = start;
  return { now: () => new Date(ms), advance: (d: number) => (ms += d) };
}

const noticeData = { title: "Street works", message: "Fiber works in your street on Thursday." };

describe("bulk notifications", () => {
  it("sends 10,000 SMS within the rate limit, each exactly once, even when a worker dies mid-send and another resumes", async () => {
    const tenant = await createTenant(t.prisma);
    const plan = await createPlan(t.prisma, tenant.id);
    const N = Number(process.env.BULK_N ?? 10_000);
    await createSubscribers(t.prisma, tenant.id, N, { planId: plan.id, timezone: "Europe/Lisbon" });
    const svc = svcFor(tenant.id, "noc@isp.example");
    const clock = testClock();
    const rate = { perSecond: 500, burst: 500 };
    const real = new TwilioSmsSender(
      { accountSid: ACCOUNT, authToken: "tok", from: "+15005550006", baseUrl: twilio.url },
      { idempotent: true },
    );
    const attempts: number[] = [];
    let crash: "none" | "armed" = "none";
    let hung = 0;
    let died: () => void = () => {};
    // The worker counts as dead once both sends hang and the rest of its batch had a moment.
    const deadSignal = new Promise<"dead">((resolve) => {
      died = () => setTimeout(() => resolve("dead"), 1500);
    });
    const never = new Promise<never>(() => {});
    const sender = (): SmsSender => ({
      name: real.name,
      idempotent: true,
      async send(m: SmsMessage) {
        if (crash === "armed" && hung < 2) {
          hung++;
          // 1st: the worker dies before the request; 2nd: after the provider accepted it.
          if (hung === 1) return never;
          attempts.push(clock.now().getTime());
          await real.send(m);
          died();
          return never;
        }
        attempts.push(clock.now().getTime());
        return real.send(m);
      },
    });

    const job = await createBulkJob(svc, {
      template: "service_notice",
      data: noticeData,
      channels: ["SMS"],
      filter: { statuses: ["ACTIVE"] },
    });
    expect((await materializeBulkJob(svc, job.id, { clock })).total).toBe(N);
    expect((await materializeBulkJob(svc, job.id, { clock })).created).toBe(false);
    const deps = { clock, rates: { SMS: rate }, staleAfterMs: 60_000 };

    // Worker 1 sends until ~3,000 messages went out, then dies in the middle of a batch.
    const w1 = sender();
    while (twilio.messages.length < N * 0.3) {
      const r = await runBulkBatch(svc, job.id, { ...deps, sms: w1 });
      if (r.waitMs) clock.advance(r.waitMs);
    }
    crash = "armed";
    let dead = false;
    for (let i = 0; i < 5 && !dead; i++) {
      const r = await Promise.race([runBulkBatch(svc, job.id, { ...deps, sms: w1 }), deadSignal]);
      if (r === "dead") dead = true;
      else clock.advance(1000);
    }
    expect(dead).toBe(true);
    expect(hung).toBe(2);
    const midway = await getBulkJob(svc, job.id);
    expect(midway.status).toBe("RUNNING");
    expect(midway.sent).toBeLessThan(N);

    // Worker 2 starts later (the dead worker's claims are stale) and finishes the job.
    clock.advance(61_000);
    const w2 = sender();
    for (let i = 0; i < 1000; i++) {
      const r = await runBulkBatch(svc, job.id, { ...deps, sms: w2 });
      if (r.done) break;
      if (r.waitMs) clock.advance(r.waitMs);
    }
    const done = await getBulkJob(svc, job.id);
    expect(done.status).toBe("COMPLETED");
    expect(done.sent).toBe(N);
    expect(done.failed).toBe(0);
    expect(done.progress).toBe(100);

    // Exactly once: one provider message per subscriber, one delivery per recipient.
    expect(twilio.messages).toHaveLength(N);
    expect(new Set(twilio.messages.map((m) => m.to)).size).toBe(N);
    expect(await t.prisma.notificationDelivery.count({ where: { tenantId: tenant.id } })).toBe(N);
    expect(await t.prisma.notification.count({ where: { tenantId: tenant.id, bulkJobId: job.id } })).toBe(N);
    // What the dead worker had sent but not yet recorded was retried with the same idempotency
    // key (the provider returned the first message): at most one batch.
    expect(attempts.length).toBeGreaterThan(N);
    expect(attempts.length).toBeLessThanOrEqual(N + rate.burst);
    expect(new Set(twilio.messages.map((m) => m.idempotency_token)).size).toBe(N);

    // Rate limit: by any time T, at most burst + rate × (T − start) requests.
    const start = attempts[0];
    attempts.sort((a, b) => a - b);
    attempts.forEach((at, i) => {
      expect(i + 1).toBeLessThanOrEqual(rate.burst + (rate.perSecond * (at - start)) / 1000 + 1e-6);
    });
    // …and it took at least (N − burst) / rate seconds of (test) time, excluding the pause.
    expect(attempts[attempts.length - 1] - start).toBeGreaterThanOrEqual(((N - rate.burst) / rate.perSecond) * 1000);
  }, 560_000);

  it("resolves a filter once, skips opted-out recipients, and fills the portal inbox and the outbox", async () => {
    const tenant = await createTenant(t.prisma);
    const plan = await createPlan(t.prisma, tenant.id);
    const subs = await createSubscribers(t.prisma, tenant.id, 12, { planId: plan.id, timezone: "Europe/Lisbon" });
    await t.prisma.subscriber.updateMany({
      where: { id: { in: [subs[10].id, subs[11].id] } },
      data: { status: "SUSPENDED" },
    });
    // Three opted out of maintenance notices on every channel.
    await t.prisma.notificationPreference.createMany({
      data: subs.slice(0, 3).flatMap((s) =>
        (["EMAIL", "INBOX"] as const).map((channel) => ({
          tenantId: tenant.id,
          subscriberId: s.id,
          channel,
          category: "MAINTENANCE" as const,
          enabled: false,
        })),
      ),
    });
    const svc = svcFor(tenant.id);
    const clock = testClock();
    const job = await createBulkJob(svc, {
      template: "service_notice",
      data: noticeData,
      channels: ["EMAIL", "INBOX"],
      filter: { statuses: ["ACTIVE"] },
    });
    // The job's run is waiting in the outbox, written with the job.
    const outbox = await t.prisma.executorEvent.findUnique({ where: { id: `notifications-bulk-${job.id}` } });
    expect(outbox).toMatchObject({
      name: "notifications/bulk.scheduled",
      data: { tenantId: tenant.id, jobId: job.id },
    });
    for (let i = 0; i < 50; i++) {
      const r = await runBulkBatch(svc, job.id, { clock, rates: { EMAIL: { perSecond: 4, burst: 4 } } });
      if (r.done) break;
      clock.advance(r.waitMs || 1000);
    }
    const done = await getBulkJob(svc, job.id);
    expect(done).toMatchObject({ status: "COMPLETED", total: 20, sent: 14, suppressed: 6, failed: 0 });
    const optedOut = new Set(subs.slice(0, 3).map((s) => s.id));
    const inbox = await t.prisma.inboxItem.findMany({ where: { tenantId: tenant.id } });
    expect(inbox).toHaveLength(7);
    expect(inbox.some((i) => optedOut.has(i.subscriberId!))).toBe(false);
    expect(inbox[0].title).toBe("Street works");
    const emails = await t.prisma.emailMessage.findMany({ where: { tenantId: tenant.id } });
    expect(emails).toHaveLength(7);
    expect(emails.every((e) => e.template === "service_notice" && e.subject === "Street works")).toBe(true);
    // Audited; a finished job cannot be cancelled into another state.
    expect(await t.prisma.auditLog.count({ where: { targetId: job.id, action: "notification.bulk.create" } })).toBe(1);
    expect((await cancelBulkJob(svc, job.id)).status).toBe("COMPLETED");
    // Another tenant cannot see it.
    const other = await createTenant(t.prisma);
    await expect(getBulkJob(svcFor(other.id), job.id)).rejects.toThrow(/not found/);
  });
});
