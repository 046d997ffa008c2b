import { Agent } from "node:https";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateVapidKeys, type PushSender, WebPushSender } from "@/server/adapters/push";
import { TwilioSmsSender } from "@/server/adapters/sms";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { createTenant } from "@/server/testing/fixtures";
import { type FakePushService, startFakePushService } from "@/simulator/push/server";
import { type FakeResend, startFakeResend } from "@/simulator/resend/server";
import { type FakeTwilio, startFakeTwilio } from "@/simulator/sms/server";
import { quietHoursEnd } from "./rules";
import { dispatchDueDeliveries, notify } from "./service";
import { createPlan, createSubscribers, svcFor } from "./test-helpers";

let t: TestDatabase;
let twilio: FakeTwilio;
let resend: FakeResend;
let pushService: FakePushService;
let push: PushSender;
const ACCOUNT = `AC${"1".repeat(32)}`;
beforeAll(async () => {
  t = await testDatabase();
  twilio = await startFakeTwilio({ accountSid: ACCOUNT, authToken: "tok", callbacks: false });
  resend = await startFakeResend({ apiKey: "re_notify" });
  const vapid = generateVapidKeys();
  pushService = await startFakePushService({ vapidPublicKey: vapid.publicKey });
  push = new WebPushSender({ ...vapid, subject: "mailto:noc@isp.example" }, new Agent({ ca: pushService.ca }));
});
afterAll(async () => {
  await Promise.all([twilio.close(), resend.close(), pushService.close()]);
  await t.drop();
});

const sms = () =>
  new TwilioSmsSender({ accountSid: ACCOUNT, authToken: "tok", from: "+15005550006", baseUrl: twilio.url });
// 12:00 in Lisbon (winter, UTC+0): outside the default quiet hours.
const noon = { now: () => new Date("2026-11-24T12:00:00Z") };
const night = { now: () => new Date("2026-11-24T23:30:00Z") };

async function setup() {
  const tenant = await createTenant(t.prisma);
  const plan = await createPlan(t.prisma, tenant.id);
  const subs = await createSubscribers(t.prisma, tenant.id, 3, { planId: plan.id, timezone: "Europe/Lisbon" });
  return { tenant, svc: svcFor(tenant.id), subs };
}

describe("notify", () => {
  it("sends email through resend (real client → fake), SMS through the Twilio client, push with VAPID, and the inbox", async () => {
    const { tenant, svc, subs } = await setup();
    process.env.RESEND_API_KEY = "re_notify";
    process.env.RESEND_BASE_URL = resend.url;
    const device = pushService.subscribe();
    await t.prisma.pushSubscription.create({
      data: { tenantId: tenant.id, customerId: subs[0].customerId, endpoint: device.endpoint, ...device.keys },
    });
    try {
      const result = await notify(
        svc,
        {
          subscriberId: subs[0].id,
          template: "plan_changed",
          data: {
            oldPlan: "Fiber 300",
            newPlan: "Fiber 1000",
            effective: "now",
            effectiveDate: "2026-11-24T10:00:00Z",
          },
          channels: ["EMAIL", "SMS", "PUSH", "INBOX"],
        },
        { sms: sms(), push, clock: noon },
      );
      const by = Object.fromEntries(result.deliveries.map((d) => [d.channel, d]));
      expect(by.EMAIL.status).toBe("SENT");
      expect(by.SMS.status).toBe("SENT");
      expect([by.PUSH.status, by.PUSH.error]).toEqual(["SENT", null]);
      expect(by.INBOX.status).toBe("DELIVERED");

      expect(resend.messages).toHaveLength(1);
      expect(resend.messages[0].subject).toBe("Your plan changes to Fiber 1000");
      expect(resend.messages[0].html).toContain(tenant.name);
      const email = await t.prisma.notificationDelivery.findUniqueOrThrow({ where: { id: by.EMAIL.id } });
      expect(email.provider).toBe("resend");
      expect(email.providerId).toBe(resend.messages[0].id);

      expect(twilio.messages).toHaveLength(1);
      expect(twilio.messages[0].body).toMatch(/^ISP-.*: Your plan changed from Fiber 300 to Fiber 1000/i);
      expect(twilio.messages[0].status_callback).toMatch(/\/api\/webhooks\/sms\?d=[0-9a-f-]{36}$/);

      expect(pushService.rejected).toEqual([]);
      expect(pushService.received).toHaveLength(1);
      expect(JSON.parse(pushService.received[0].payload)).toMatchObject({ title: "Your plan changes to Fiber 1000" });

      const inbox = await t.prisma.inboxItem.findMany({ where: { subscriberId: subs[0].id } });
      expect(inbox).toHaveLength(1);
      expect(inbox[0].title).toBe("Your plan changes to Fiber 1000");
    } finally {
      delete process.env.RESEND_API_KEY;
      delete process.env.RESEND_BASE_URL;
      resend.reset();
      twilio.reset();
    }
  });

  it("honours category opt-outs, but transactional email and inbox cannot be turned off", async () => {
    const { tenant, svc, subs } = await setup();
    const s = subs[1].id;
    await t.prisma.notificationPreference.createMany({
      data: [
        { tenantId: tenant.id, subscriberId: s, channel: "EMAIL", category: "MAINTENANCE", enabled: false },
        { tenantId: tenant.id, subscriberId: s, channel: "INBOX", category: "MAINTENANCE", enabled: false },
        { tenantId: tenant.id, subscriberId: s, channel: "EMAIL", category: "TRANSACTIONAL", enabled: false },
        { tenantId: tenant.id, subscriberId: s, channel: "SMS", category: "TRANSACTIONAL", enabled: false },
      ],
    });
    const maint = await notify(
      svc,
      {
        subscriberId: s,
        template: "maintenance_scheduled",
        data: {
          title: "OLT upgrade",
          startsAt: "2026-11-27T01:00:00Z",
          endsAt: "2026-11-27T03:00:00Z",
          area: "Riverside",
        },
        channels: ["EMAIL", "INBOX"],
      },
      { clock: noon },
    );
    expect(maint.deliveries.map((d) => [d.channel, d.status])).toEqual([
      ["EMAIL", "SUPPRESSED"],
      ["INBOX", "SUPPRESSED"],
    ]);
    expect(maint.deliveries[0].error).toContain("opted out of maintenance");
    expect(await t.prisma.emailMessage.count({ where: { tenantId: tenant.id } })).toBe(0);

    const susp = await notify(
      svc,
      {
        subscriberId: s,
        template: "suspended",
        data: { reason: "NON_PAYMENT", amountDueMinor: 4999, currency: "EUR" },
      },
      { clock: noon, sms: sms() },
    );
    const by = Object.fromEntries(susp.deliveries.map((d) => [d.channel, d.status]));
    expect(by).toEqual({ EMAIL: "SENT", SMS: "SUPPRESSED", INBOX: "DELIVERED" });
    // Marketing is opt-in: nothing without a preference row.
    const news = await notify(
      svc,
      { subscriberId: s, template: "announcement", data: { title: "New plans", message: "Faster for less." } },
      { clock: noon },
    );
    expect(news.deliveries.every((d) => d.status === "SUPPRESSED")).toBe(true);
  });

  it("delays non-urgent SMS in quiet hours (subscriber's timezone) until they end; urgent ones go at once", async () => {
    const { svc, subs } = await setup();
    twilio.reset();
    const sender = sms();
    const maint = await notify(
      svc,
      {
        subscriberId: subs[2].id,
        template: "maintenance_scheduled",
        data: {
          title: "OLT upgrade",
          startsAt: "2026-11-27T01:00:00Z",
          endsAt: "2026-11-27T03:00:00Z",
          area: "Riverside",
        },
        channels: ["SMS", "EMAIL"],
      },
      { clock: night, sms: sender },
    );
    const smsDelivery = maint.deliveries.find((d) => d.channel === "SMS")!;
    expect(smsDelivery.status).toBe("QUEUED");
    expect(smsDelivery.notBefore?.toISOString()).toBe("2026-11-25T07:00:00.000Z");
    expect(maint.deliveries.find((d) => d.channel === "EMAIL")!.status).toBe("SENT");
    expect(twilio.messages).toHaveLength(0);

    const outage = await notify(
      svc,
      {
        subscriberId: subs[2].id,
        template: "outage",
        data: { title: "Fiber cut", area: "Riverside", startedAt: "2026-11-24T23:00:00Z" },
        channels: ["SMS"],
      },
      { clock: night, sms: sender },
    );
    expect(outage.deliveries[0].status).toBe("SENT");
    expect(twilio.messages).toHaveLength(1);

    // Still night: nothing due. At 07:00 Lisbon the dispatcher sends it.
    await dispatchDueDeliveries((id) => svcFor(id), { clock: night, sms: sender });
    expect(twilio.messages).toHaveLength(1);
    await dispatchDueDeliveries((id) => svcFor(id), {
      clock: { now: () => new Date("2026-11-25T07:00:30Z") },
      sms: sender,
    });
    expect(twilio.messages).toHaveLength(2);
    expect(twilio.messages[1].body).toContain("Planned maintenance in Riverside");
    const after = await t.prisma.notificationDelivery.findUniqueOrThrow({ where: { id: smsDelivery.id } });
    expect(after.status).toBe("SENT");
  });

  it("quiet hours follow the timezone and wrap midnight", () => {
    const q = { start: 22 * 60, end: 7 * 60 };
    // 23:30 in New York = 04:30 UTC next day → ends 07:00 New York = 12:00 UTC.
    expect(quietHoursEnd(new Date("2026-11-25T04:30:00Z"), "America/New_York", q)?.toISOString()).toBe(
      "2026-11-25T12:00:00.000Z",
    );
    expect(quietHoursEnd(new Date("2026-11-25T15:00:00Z"), "America/New_York", q)).toBeNull();
    expect(quietHoursEnd(new Date("2026-11-25T21:59:00Z"), "Europe/Lisbon", q)).toBeNull();
    expect(quietHoursEnd(new Date("2026-11-25T22:00:00Z"), "Europe/Lisbon", q)?.toISOString()).toBe(
      "2026-11-26T07:00:00.000Z",
    );
  });

  it("validates template data and is idempotent with a dedupe key", async () => {
    const { svc, subs } = await setup();
    await expect(
      notify(svc, { subscriberId: subs[0].id, template: "invoice_issued", data: { invoiceNumber: "X" } as never }),
    ).rejects.toThrow(/data for template "invoice_issued" is not valid/);
    const data = { restoredAt: "2026-11-24T11:00:00Z" };
    const a = await notify(svc, {
      subscriberId: subs[0].id,
      template: "restored",
      data,
      channels: ["INBOX"],
      dedupeKey: "restore-1",
    });
    const b = await notify(svc, {
      subscriberId: subs[0].id,
      template: "restored",
      data,
      channels: ["INBOX"],
      dedupeKey: "restore-1",
    });
    expect(b.deduplicated).toBe(true);
    expect(b.notificationId).toBe(a.notificationId);
    expect(await t.prisma.inboxItem.count({ where: { subscriberId: subs[0].id } })).toBe(1);
    // Another tenant's subscriber is not found.
    const other = await setup();
    await expect(notify(other.svc, { subscriberId: subs[0].id, template: "restored", data })).rejects.toThrow(
      /not found/,
    );
  });
});
