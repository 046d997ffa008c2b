// J5 on a real PostgreSQL: a window on a PON port lists the active subscribers behind it; its
// notices go out once each when due (72 h and 24 h before, on start and on completion); the
// portal shows it; alarms inside the window open no incident, after it they do. Bad input
// changes nothing; another tenant and a lower role are refused.
import type { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleNetworkEvents } from "@/server/modules/incidents";
import { recordEvents } from "@/server/modules/network";
import { runBulkFor } from "@/server/modules/notifications";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { callerAs, createUser } from "@/server/testing/fixtures";
import { tenantContext } from "@/server/testing/network-fixtures";
import { los, plant } from "@/server/testing/noc-fixtures";
import { moveMaintenance } from "./lifecycle";
import { sendDueMaintenanceNotices } from "./notices";
import { maintenanceForSubscriber } from "./queries";
import { scheduleMaintenance } from "./schedule";

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.drop());

const HOUR = 3_600_000;

describe("planned maintenance (J5)", () => {
  it("computes the affected, sends each notice once when due, shows a banner, and keeps its alarms out of incidents", async () => {
    const svc = await tenantContext(t.prisma);
    const p = await plant(t.prisma, svc, [6, 4], 2);
    const now = new Date();
    const startsAt = new Date(now.getTime() + 100 * HOUR);
    const w = await scheduleMaintenance(
      svc,
      {
        title: "Splice work on pon-1",
        elements: [`pon:${p.ports[0].id}`],
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3 * HOUR),
      },
      now,
    );
    expect(w).toMatchObject({ status: "SCHEDULED", affectedCount: 6, noticeHours: [72, 24] });
    expect(w.area).toMatch(/pon-1$/);

    const bulk = (template: string) =>
      t.prisma.bulkNotificationJob.findMany({ where: { tenantId: svc.tenantId, template } });
    // Too early for any notice.
    await sendDueMaintenanceNotices(svc, new Date(startsAt.getTime() - 73 * HOUR));
    expect(await bulk("maintenance_scheduled")).toHaveLength(0);
    // 72 h before: one notice to the 6; a second pass sends nothing more.
    await sendDueMaintenanceNotices(svc, new Date(startsAt.getTime() - 72 * HOUR));
    await sendDueMaintenanceNotices(svc, new Date(startsAt.getTime() - 71 * HOUR));
    const first = await bulk("maintenance_scheduled");
    expect(first).toHaveLength(1);
    expect(first[0].subscriberIds).toHaveLength(6);
    await sendDueMaintenanceNotices(svc, new Date(startsAt.getTime() - 24 * HOUR));
    expect(await bulk("maintenance_scheduled")).toHaveLength(2);

    // The portal banner: an affected subscriber sees it (within a week), one on the other port not.
    const onu = await t.prisma.onu.findFirstOrThrow({ where: { serialNumber: p.ports[0].serials[0] } });
    const other = await t.prisma.onu.findFirstOrThrow({ where: { serialNumber: p.ports[1].serials[0] } });
    expect(await maintenanceForSubscriber(svc, [onu.subscriberId as string])).toHaveLength(1);
    expect(await maintenanceForSubscriber(svc, [other.subscriberId as string])).toHaveLength(0);

    // Started: the started notice; LOS on the whole port now opens no incident.
    await moveMaintenance(svc, w.id, "start");
    expect(await bulk("maintenance_started")).toHaveLength(1);
    await recordEvents(svc, los(p.ports[0].serials, "RAISE"));
    await handleNetworkEvents(svc);
    expect(await t.prisma.incident.count({ where: { tenantId: svc.tenantId } })).toBe(0);
    expect(await t.prisma.alarm.count({ where: { tenantId: svc.tenantId, maintenanceId: w.id } })).toBe(6);
    await recordEvents(svc, los(p.ports[0].serials, "CLEAR"));
    await handleNetworkEvents(svc);

    // Completed: the completed notice; the same cut afterwards is an incident again.
    await moveMaintenance(svc, w.id, "complete");
    await moveMaintenance(svc, w.id, "complete");
    expect(await bulk("maintenance_completed")).toHaveLength(1);
    await expect(moveMaintenance(svc, w.id, "start")).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await maintenanceForSubscriber(svc, [onu.subscriberId as string])).toHaveLength(0);
    await recordEvents(svc, los(p.ports[0].serials, "RAISE"));
    await handleNetworkEvents(svc);
    expect(await t.prisma.incident.count({ where: { tenantId: svc.tenantId } })).toBe(1);
  });

  it("refuses bad input, another tenant and a role without maintenance.manage", async () => {
    const svc = await tenantContext(t.prisma);
    const p = await plant(t.prisma, svc, [2]);
    const noc = await callerAs(
      t.prisma,
      (await createUser(t.prisma, { roleKey: "noc_engineer", tenantId: svc.tenantId })).id,
    );
    const startsAt = new Date(Date.now() + 48 * HOUR);
    const ok = {
      title: "Card swap",
      elements: [`olt:${p.oltId}`],
      startsAt,
      endsAt: new Date(startsAt.getTime() + HOUR),
    };
    await expect(noc.maintenance.schedule({ ...ok, endsAt: startsAt })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(noc.maintenance.schedule({ ...ok, startsAt: new Date(Date.now() - HOUR) })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(
      noc.maintenance.schedule({ ...ok, elements: ["olt:00000000-0000-7000-8000-000000000000"] }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await t.prisma.maintenanceWindow.count({ where: { tenantId: svc.tenantId } })).toBe(0);

    // The preview tells who would be affected before anything is scheduled.
    const preview = await noc.maintenance.preview({ elements: ok.elements });
    expect(preview).toMatchObject({ affected: 2 });
    expect(preview.area).toBeTruthy();
    expect(await t.prisma.maintenanceWindow.count({ where: { tenantId: svc.tenantId } })).toBe(0);

    const w = await noc.maintenance.schedule(ok);
    expect(w.affectedCount).toBe(2);
    // Scheduled at short notice: the 72 h notice is due at once, the 24 h one on time.
    const notices = await t.prisma.maintenanceNotice.findMany({ where: { windowId: w.id }, orderBy: { dueAt: "asc" } });
    expect(notices.map((n) => n.kind)).toEqual(["72h", "24h"]);
    expect(notices[0].dueAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(notices[1].dueAt.getTime()).toBe(startsAt.getTime() - 24 * HOUR);
    expect((await noc.maintenance.affected({ windowId: w.id, page: 1, pageSize: 25 })).total).toBe(2);

    const other = await tenantContext(t.prisma);
    const stranger = await callerAs(
      t.prisma,
      (await createUser(t.prisma, { roleKey: "noc_engineer", tenantId: other.tenantId })).id,
    );
    await expect(stranger.maintenance.get({ id: w.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(stranger.maintenance.move({ id: w.id, action: "cancel" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    // Another tenant's element cannot be put in a window, nor previewed.
    await expect(stranger.maintenance.schedule(ok)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(stranger.maintenance.preview({ elements: ok.elements })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });

    const csr = await callerAs(t.prisma, (await createUser(t.prisma, { roleKey: "csr", tenantId: svc.tenantId })).id);
    expect((await csr.maintenance.list({ page: 1, pageSize: 25 })).total).toBe(1);
    const refused = await csr.maintenance.move({ id: w.id, action: "cancel" }).catch((e: unknown) => e);
    expect((refused as TRPCError).code).toBe("FORBIDDEN");
    const noPreview = await csr.maintenance.preview({ elements: ok.elements }).catch((e: unknown) => e);
    expect((noPreview as TRPCError).code).toBe("FORBIDDEN");
    expect((await noc.maintenance.move({ id: w.id, action: "cancel" })).status).toBe("CANCELLED");
    expect(
      await t.prisma.auditLog.count({
        where: { tenantId: svc.tenantId, action: { in: ["maintenance.schedule", "maintenance.cancel"] } },
      }),
    ).toBe(2);
  });

  it("sends the 72 h and 24 h notices once each on the tenant's clock, to the affected who did not opt out, texts after quiet hours", async () => {
    const svc = await tenantContext(t.prisma);
    const p = await plant(t.prisma, svc, [3]);
    const noc = await callerAs(
      t.prisma,
      (await createUser(t.prisma, { roleKey: "noc_engineer", tenantId: svc.tenantId })).id,
    );
    const startsAt = new Date(Date.now() + 100 * HOUR);
    const w = await noc.maintenance.schedule({
      title: "Cabinet swap",
      elements: [`pon:${p.ports[0].id}`],
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * HOUR),
    });
    const clock = (hours: number) =>
      t.prisma.billingClock.upsert({
        where: { tenantId: svc.tenantId },
        create: { tenantId: svc.tenantId, offsetSeconds: hours * 3600 },
        update: { offsetSeconds: hours * 3600 },
      });
    const sent = async () =>
      (await t.prisma.maintenanceNotice.findMany({ where: { windowId: w.id, sentAt: { not: null } } })).map(
        (n) => n.kind,
      );
    // Scheduled 100 h ahead: nothing is due yet, on the real clock or by hand.
    expect(await sent()).toEqual([]);
    expect(await noc.maintenance.sendDueNotices({ id: w.id })).toEqual({ sent: 0 });

    // Everyone has a mobile number; one subscriber opted out of maintenance email.
    const affected = await t.prisma.subscriber.findMany({
      where: { tenantId: svc.tenantId, onuSerial: { in: p.ports[0].serials } },
      orderBy: { username: "asc" },
    });
    for (const [i, s] of affected.entries())
      await t.prisma.customer.update({ where: { id: s.customerId }, data: { phone: `+4915112345${600 + i}` } });
    const [optedOut] = affected;
    await t.prisma.notificationPreference.create({
      data: {
        tenantId: svc.tenantId,
        subscriberId: optedOut.id,
        channel: "EMAIL",
        category: "MAINTENANCE",
        enabled: false,
      },
    });

    // The tenant's clock 29 h on (71 h before the start): the 72 h notice, once.
    await clock(29);
    expect(await sendDueMaintenanceNotices(svc)).toEqual({ sent: 1 });
    expect(await noc.maintenance.sendDueNotices({ id: w.id })).toEqual({ sent: 0 });
    expect(await sent()).toEqual(["72h"]);
    // 77 h on: the 24 h notice, by hand (audited); again sends nothing.
    await clock(77);
    expect(await noc.maintenance.sendDueNotices({ id: w.id })).toEqual({ sent: 1 });
    expect(await sendDueMaintenanceNotices(svc)).toEqual({ sent: 0 });
    expect((await sent()).sort()).toEqual(["24h", "72h"]);
    expect(
      await t.prisma.auditLog.count({ where: { tenantId: svc.tenantId, action: "maintenance.notices.send" } }),
    ).toBe(1);

    // The bulk send honours the preference and the quiet hours (22:00–07:00 in the recipient's zone).
    const job = await t.prisma.bulkNotificationJob.findFirstOrThrow({
      where: { tenantId: svc.tenantId, template: "maintenance_scheduled" },
      orderBy: { createdAt: "asc" },
    });
    expect(job.subscriberIds).toHaveLength(3);
    const lateEvening = new Date("2026-12-07T23:30:00Z");
    await runBulkFor(svc, job.id, { clock: { now: () => lateEvening }, sleep: async () => {} });
    const recipients = await t.prisma.bulkNotificationRecipient.findMany({ where: { jobId: job.id } });
    const status = (subscriberId: string, channel: string) =>
      recipients.find((r) => r.subscriberId === subscriberId && r.channel === channel);
    expect(status(optedOut.id, "EMAIL")).toMatchObject({
      status: "SUPPRESSED",
      error: expect.stringMatching(/opted out/),
    });
    expect(status(optedOut.id, "INBOX")?.status).toBe("SENT");
    for (const id of job.subscriberIds.filter((s) => s !== optedOut.id))
      expect(status(id, "EMAIL")?.status).toBe("SENT");
    // 00:30 in Berlin: the texts wait for 07:00.
    const sms = await t.prisma.notificationDelivery.findMany({
      where: { tenantId: svc.tenantId, template: "maintenance_scheduled", channel: "SMS" },
    });
    expect(sms).toHaveLength(3);
    for (const d of sms) {
      expect(d.status).toBe("QUEUED");
      expect(d.notBefore).toEqual(new Date("2026-12-08T06:00:00Z"));
    }
  });
});
