import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmbeddedExecutor } from "@/inngest/executor/worker";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { callerAs, createTenant, createUser } from "@/server/testing/fixtures";
import { createPlan, createSubscribers } from "./test-helpers";

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.drop());

describe("notifications router", () => {
  it("schedules a bulk notice that the Inngest function delivers; opted-out subscribers get nothing; portal users see theirs", async () => {
    const tenant = await createTenant(t.prisma);
    const plan = await createPlan(t.prisma, tenant.id);
    const subs = await createSubscribers(t.prisma, tenant.id, 4, { planId: plan.id });
    const noc = await createUser(t.prisma, { roleKey: "noc_engineer", tenantId: tenant.id });
    const alice = await createUser(t.prisma, {
      roleKey: "subscriber",
      tenantId: tenant.id,
      customerId: subs[0].customerId,
    });
    const bob = await createUser(t.prisma, {
      roleKey: "subscriber",
      tenantId: tenant.id,
      customerId: subs[1].customerId,
    });
    const asBob = await callerAs(t.prisma, bob.id);
    // Bob opts out of maintenance notices by email and in the portal.
    await asBob.notifications.portal.setPreferences({
      subscriberId: subs[1].id,
      preferences: [
        { category: "MAINTENANCE", channel: "EMAIL", enabled: false },
        { category: "MAINTENANCE", channel: "INBOX", enabled: false },
        // Transactional email cannot be turned off: ignored.
        { category: "TRANSACTIONAL", channel: "EMAIL", enabled: false },
      ],
      quietHours: { start: "23:00", end: "06:30" },
    });
    const prefs = await asBob.notifications.portal.preferences();
    const tx = prefs[0].categories.find((c) => c.category === "TRANSACTIONAL")!;
    expect(tx.channels.find((c) => c.channel === "EMAIL")).toEqual({ channel: "EMAIL", enabled: true, locked: true });
    expect(prefs[0].quietHours).toEqual({ start: "23:00", end: "06:30", custom: true });

    const asNoc = await callerAs(t.prisma, noc.id);
    const job = await asNoc.notifications.bulk.create({
      template: "maintenance_scheduled",
      data: {
        title: "OLT upgrade",
        startsAt: "2026-11-27T01:00:00Z",
        endsAt: "2026-11-27T03:00:00Z",
        area: "Riverside",
      },
      channels: ["EMAIL", "INBOX"],
      subscriberIds: [subs[0].id, subs[1].id, subs[2].id],
    });
    const executor = new EmbeddedExecutor({ workerId: "notif-test", backoffMs: () => 1000, leaseMs: 60_000 });
    await executor.runUntilIdle({ advanceClock: true });
    const done = await asNoc.notifications.bulk.get({ id: job.id });
    expect(done).toMatchObject({ status: "COMPLETED", total: 6, sent: 4, suppressed: 2, progress: 100 });

    const asAlice = await callerAs(t.prisma, alice.id);
    const aliceInbox = await asAlice.notifications.portal.inbox({ page: 1, pageSize: 10 });
    expect(aliceInbox.rows.map((r) => r.title)).toEqual([expect.stringContaining("Planned maintenance")]);
    expect(aliceInbox.unread).toBe(1);
    await asAlice.notifications.portal.markRead({ all: true });
    expect((await asAlice.notifications.portal.inbox({ page: 1, pageSize: 10 })).unread).toBe(0);
    expect((await asBob.notifications.portal.inbox({ page: 1, pageSize: 10 })).total).toBe(0);
    const mails = await t.prisma.emailMessage.findMany({ where: { tenantId: tenant.id } });
    expect(mails).toHaveLength(2);
    // The job's recipients say why Bob got nothing.
    const bobs = await t.prisma.bulkNotificationRecipient.findMany({
      where: { jobId: job.id, subscriberId: subs[1].id },
    });
    expect(bobs.map((r) => [r.status, r.error]).sort()).toEqual([
      ["SUPPRESSED", "opted out of maintenance messages by email"],
      ["SUPPRESSED", "opted out of maintenance messages by inbox"],
    ]);
    const log = await asNoc.notifications.deliveries({ page: 1, pageSize: 10, subscriberId: subs[0].id });
    expect(log.rows.map((r) => [r.channel, r.status]).sort()).toEqual([
      ["EMAIL", "SENT"],
      ["INBOX", "DELIVERED"],
    ]);
  });

  it("checks permissions and keeps tenants apart", async () => {
    const tenant = await createTenant(t.prisma);
    const plan = await createPlan(t.prisma, tenant.id);
    const [sub] = await createSubscribers(t.prisma, tenant.id, 1, { planId: plan.id });
    const tech = await callerAs(
      t.prisma,
      (await createUser(t.prisma, { roleKey: "field_technician", tenantId: tenant.id })).id,
    );
    await expect(
      tech.notifications.send({
        subscriberId: sub.id,
        template: "restored",
        data: { restoredAt: "2026-11-24T10:00:00Z" },
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const csr = await callerAs(t.prisma, (await createUser(t.prisma, { roleKey: "csr", tenantId: tenant.id })).id);
    const sent = await csr.notifications.send({
      subscriberId: sub.id,
      template: "restored",
      data: { restoredAt: "2026-11-24T10:00:00Z" },
      channels: ["INBOX"],
      idempotencyKey: "k1",
    });
    const again = await csr.notifications.send({
      subscriberId: sub.id,
      template: "restored",
      data: { restoredAt: "2026-11-24T10:00:00Z" },
      channels: ["INBOX"],
      idempotencyKey: "k1",
    });
    expect(again.notificationId).toBe(sent.notificationId);
    await expect(
      csr.notifications.send({ subscriberId: sub.id, template: "invoice_issued", data: {} }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    // Template overrides: the admin rewords the subject; preview shows it.
    const admin = await callerAs(
      t.prisma,
      (await createUser(t.prisma, { roleKey: "tenant_admin", tenantId: tenant.id })).id,
    );
    await admin.notifications.templates.setOverride({
      template: "restored",
      subject: "{{brand}}: you are back online, {{name}}",
    });
    const preview = await admin.notifications.templates.preview({ template: "restored" });
    expect(preview.subject).toBe(`${tenant.name}: you are back online, Ana Silva`);
    expect(preview.html).toContain("you are back online");
    await expect(csr.notifications.templates.setOverride({ template: "restored", subject: "x" })).rejects.toMatchObject(
      {
        code: "FORBIDDEN",
      },
    );
    // Another tenant's staff sees none of it.
    const other = await createTenant(t.prisma);
    const otherCsr = await callerAs(t.prisma, (await createUser(t.prisma, { roleKey: "csr", tenantId: other.id })).id);
    expect((await otherCsr.notifications.deliveries({ page: 1, pageSize: 10 })).total).toBe(0);
    await expect(
      otherCsr.notifications.send({
        subscriberId: sub.id,
        template: "restored",
        data: { restoredAt: "2026-11-24T10:00:00Z" },
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
