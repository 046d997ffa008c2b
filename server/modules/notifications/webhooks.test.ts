// Twilio status callbacks, end to end: the real Twilio client sends through the fake, which
// posts signed "sent"/"delivered"/"undelivered" callbacks to our webhook route over HTTP.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as smsWebhook from "@/app/api/webhooks/sms/route";
import { twilioSignature } from "@/server/adapters/sms";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { createTenant } from "@/server/testing/fixtures";
import { type FakeTwilio, startFakeTwilio } from "@/simulator/sms/server";
import { notify } from "./service";
import { createPlan, createSubscribers, svcFor } from "./test-helpers";

let t: TestDatabase;
let twilio: FakeTwilio;
let app: Server;
let appUrl: string;
const ACCOUNT = `AC${"3".repeat(32)}`;
const noon = { now: () => new Date("2026-11-24T12:00:00Z") };

beforeAll(async () => {
  t = await testDatabase();
  // The app's webhook route behind a plain HTTP server, as next start serves it.
  app = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const response = await smsWebhook.POST(
      new Request(`http://127.0.0.1${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: Buffer.concat(chunks),
      }),
    );
    res.writeHead(response.status, { "content-type": "text/plain" });
    res.end(await response.text());
  });
  await new Promise<void>((r) => app.listen(0, "127.0.0.1", r));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  process.env.APP_URL = appUrl;
  twilio = await startFakeTwilio({ accountSid: ACCOUNT, authToken: "tok", undeliverable: ["+351910000001"] });
});
afterAll(async () => {
  delete process.env.APP_URL;
  await twilio.close();
  await new Promise((r) => app.close(r));
  await t.drop();
});

describe("SMS delivery webhook", () => {
  it("moves deliveries to DELIVERED or BOUNCED from signed callbacks, forward only; forged ones are refused", async () => {
    const tenant = await createTenant(t.prisma);
    await t.prisma.tenant.update({
      where: { id: tenant.id },
      data: { settings: { sms: { accountSid: ACCOUNT, authToken: "tok", from: "+15005550006", baseUrl: twilio.url } } },
    });
    const plan = await createPlan(t.prisma, tenant.id);
    const subs = await createSubscribers(t.prisma, tenant.id, 2, {
      planId: plan.id,
      phone: (i) => `+35191000000${i}`,
      timezone: "Europe/Lisbon",
    });
    const svc = svcFor(tenant.id);
    const sent = await Promise.all(
      subs.map((s) =>
        notify(
          svc,
          {
            subscriberId: s.id,
            template: "service_notice",
            data: { title: "Works", message: "Street works." },
            channels: ["SMS"],
          },
          { clock: noon },
        ),
      ),
    );
    expect(sent.map((r) => r.deliveries[0].status)).toEqual(["SENT", "SENT"]);
    await twilio.settle();
    expect(twilio.callbacks.map((c) => c.answered)).toEqual([200, 200, 200, 200]);

    const [ok, bounced] = await Promise.all(
      sent.map((r) => t.prisma.notificationDelivery.findUniqueOrThrow({ where: { id: r.deliveries[0].id } })),
    );
    expect(ok).toMatchObject({ status: "DELIVERED", error: null });
    expect(ok.deliveredAt).toBeInstanceOf(Date);
    expect(bounced).toMatchObject({
      status: "BOUNCED",
      error: "the carrier reported undelivered (Twilio error 30003)",
    });

    const post = (params: Record<string, string>, signature: string, deliveryId = sent[0].deliveries[0].id) =>
      fetch(`${appUrl}/api/webhooks/sms?d=${deliveryId}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
        body: new URLSearchParams(params).toString(),
      });
    const okUrl = `${appUrl}/api/webhooks/sms?d=${ok.id}`;
    const bouncedUrl = `${appUrl}/api/webhooks/sms?d=${bounced.id}`;
    // A late "sent" changes nothing.
    const late = { AccountSid: ACCOUNT, MessageSid: ok.providerId!, MessageStatus: "sent" };
    const r1 = await post(late, twilioSignature("tok", okUrl, late), ok.id);
    expect([r1.status, await r1.text()]).toEqual([200, "unchanged"]);
    // A forged "delivered" for the bounced message (wrong key, or signed for another URL) is refused.
    const forged = { AccountSid: ACCOUNT, MessageSid: bounced.providerId!, MessageStatus: "delivered" };
    expect((await post(forged, twilioSignature("guessed", bouncedUrl, forged), bounced.id)).status).toBe(403);
    expect((await post(forged, twilioSignature("tok", okUrl, forged), bounced.id)).status).toBe(403);
    expect((await post(forged, "", bounced.id)).status).toBe(403);
    // Another message's sid for this delivery, unknown deliveries, bodies without a status.
    const other = { AccountSid: ACCOUNT, MessageSid: "SMdoesnotexist", MessageStatus: "delivered" };
    expect((await post(other, twilioSignature("tok", okUrl, other), ok.id)).status).toBe(404);
    expect((await post(other, "", "not-a-uuid")).status).toBe(404);
    expect((await post({ MessageSid: "x" }, "")).status).toBe(400);
    const after = await t.prisma.notificationDelivery.findMany({
      where: { tenantId: tenant.id },
      orderBy: { recipient: "asc" },
    });
    expect(after.map((d) => d.status)).toEqual(["DELIVERED", "BOUNCED"]);
  });
});
