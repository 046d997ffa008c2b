// J6 on a real PostgreSQL: VOLTHA events recorded by the network module become alarms, a burst
// of LOS behind one PON port becomes exactly one incident with its impact list (business
// customers first) and one outage notice; the clears resolve it and send one restoration
// notice. A whole OLT going dark is one incident rooted at the OLT; a lone LOS and a flapping
// ONU open nothing; another tenant and a lower role are refused.
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestNetworkEvents } from "@/server/modules/alarms";
import { startBillingSubscription } from "@/server/modules/billing";
import { recordEvents } from "@/server/modules/network";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { callerAs, createUser } from "@/server/testing/fixtures";
import { tenantContext } from "@/server/testing/network-fixtures";
import { los, plant } from "@/server/testing/noc-fixtures";
import { grantOutageCredits } from "./credits";
import { handleNetworkEvents } from "./handle-network-events";

let t: TestDatabase;

beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.drop());

describe("alarms → incidents (J6)", () => {
  it("turns 40 LOS behind one PON port into one incident, notices once, resolves on restore", async () => {
    const svc = await tenantContext(t.prisma);
    const p = await plant(t.prisma, svc, [40, 5], 3);
    const cut = p.ports[0].serials;
    const nocUser = await createUser(t.prisma, { roleKey: "noc_engineer", tenantId: svc.tenantId });

    // The burst arrives in four deliveries, each followed by the pipeline (as the webhook does).
    for (let i = 0; i < 40; i += 10) {
      await recordEvents(svc, los(cut.slice(i, i + 10), "RAISE"));
      await handleNetworkEvents(svc);
    }
    // A lone LOS on the other port is one subscriber's problem, not an incident.
    await recordEvents(svc, los([p.ports[1].serials[0]], "RAISE"));
    await handleNetworkEvents(svc);

    const incidents = await t.prisma.incident.findMany({ where: { tenantId: svc.tenantId } });
    expect(incidents).toHaveLength(1);
    // The NOC engineer (created before the burst) found it in the staff inbox.
    expect(await t.prisma.inboxItem.count({ where: { userId: nocUser.id, title: { startsWith: "INC-1:" } } })).toBe(1);
    const [inc] = incidents;
    expect(inc).toMatchObject({
      status: "OPEN",
      rootKey: `pon:${p.ports[0].id}`,
      rootType: "PON_PORT",
      alarmCount: 40,
      affectedCount: 40,
      businessCount: 3,
      number: 1,
    });
    expect(await t.prisma.alarm.count({ where: { tenantId: svc.tenantId, state: "RAISED" } })).toBe(41);
    expect(await t.prisma.alarm.count({ where: { tenantId: svc.tenantId, incidentId: null } })).toBe(1);

    // The impact list puts business customers first.
    const admin = nocUser;
    const noc = await callerAs(t.prisma, admin.id);
    const impact = await noc.incidents.impact({ incidentId: inc.id, page: 1, pageSize: 5 });
    expect(impact.total).toBe(40);
    expect(impact.rows.slice(0, 3).map((r) => r.business)).toEqual([true, true, true]);
    expect(impact.rows[3].business).toBe(false);
    // The ticket page shows it beside a ticket of anyone behind the port, not of the lone LOS.
    const behind = impact.rows[0].subscriberId;
    expect((await noc.incidents.affecting({ subscriberId: behind })).map((i) => i.id)).toEqual([inc.id]);
    const lone = await t.prisma.onu.findFirstOrThrow({ where: { serialNumber: p.ports[1].serials[0] } });
    if (lone.subscriberId) expect(await noc.incidents.affecting({ subscriberId: lone.subscriberId })).toEqual([]);

    // One outage notice to the 40, however often the pipeline runs.
    await handleNetworkEvents(svc);
    const outage = await t.prisma.bulkNotificationJob.findMany({
      where: { tenantId: svc.tenantId, template: "outage" },
    });
    expect(outage).toHaveLength(1);
    expect(new Set(outage[0].subscriberIds)).toEqual(
      new Set((await t.prisma.incidentImpact.findMany({ where: { incidentId: inc.id } })).map((r) => r.subscriberId)),
    );

    // The portal of an affected customer shows the outage; another customer's does not.
    const portalOf = async (serial: string) => {
      const onu = await t.prisma.onu.findFirstOrThrow({ where: { serialNumber: serial } });
      const sub = await t.prisma.subscriber.findUniqueOrThrow({ where: { id: onu.subscriberId as string } });
      const user = await createUser(t.prisma, {
        roleKey: "subscriber",
        tenantId: svc.tenantId,
        customerId: sub.customerId,
      });
      return callerAs(t.prisma, user.id);
    };
    const hit = await (await portalOf(cut[0])).incidents.portal.banner();
    expect(hit.outages).toEqual([expect.objectContaining({ id: inc.id, reference: "INC-1" })]);
    const miss = await (await portalOf(p.ports[1].serials[1])).incidents.portal.banner();
    expect(miss.outages).toEqual([]);
    await expect(noc.incidents.portal.banner()).rejects.toMatchObject({ code: "FORBIDDEN" });

    // One ticket for the incident, not one per alarm.
    const tickets = await t.prisma.ticket.findMany({ where: { tenantId: svc.tenantId } });
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({ incidentId: inc.id, type: "OUTAGE_REPORT", priority: "URGENT" });
    // One repair work order for a technician, linked to the incident and its ticket.
    const orders = await t.prisma.workOrder.findMany({ where: { tenantId: svc.tenantId } });
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({
      type: "REPAIR",
      incidentId: inc.id,
      ticketId: tickets[0].id,
      priority: "URGENT",
    });
    // The incident page links to it.
    expect((await noc.incidents.get({ id: inc.id })).repairWorkOrder).toMatchObject({
      id: orders[0].id,
      number: orders[0].number,
      status: "NEW",
    });

    // Redelivered raises change nothing.
    await recordEvents(svc, los(cut, "RAISE"));
    const again = await handleNetworkEvents(svc);
    expect(again.incidents.opened).toEqual([]);
    expect(await t.prisma.alarm.count({ where: { tenantId: svc.tenantId } })).toBe(81 - 40);

    // SLA credits for any outage (10 % of the monthly price), for the subscribers that are billed.
    await noc.incidents.setCreditPolicy({ enabled: true, minOutageMinutes: 0, percentOfMonthly: 10 });
    for (const serial of cut.slice(0, 2)) {
      const onu = await t.prisma.onu.findFirstOrThrow({ where: { serialNumber: serial } });
      await startBillingSubscription(
        svc,
        await t.prisma.subscriber.findUniqueOrThrow({ where: { id: onu.subscriberId as string } }),
      );
    }
    const credits = () =>
      t.prisma.billingCharge.findMany({
        where: { tenantId: svc.tenantId, kind: "CREDIT" },
        include: { subscription: true },
      });

    // The fibre is repaired: every ONU clears → resolved, one restoration notice.
    await recordEvents(svc, los(cut.slice(0, 39), "CLEAR"));
    await handleNetworkEvents(svc);
    expect((await t.prisma.incident.findUniqueOrThrow({ where: { id: inc.id } })).status).toBe("OPEN");
    await recordEvents(svc, los(cut.slice(39), "CLEAR"));
    const done = await handleNetworkEvents(svc);
    expect(done.incidents.resolved).toEqual([inc.id]);
    const resolved = await t.prisma.incident.findUniqueOrThrow({ where: { id: inc.id }, include: { events: true } });
    expect(resolved.status).toBe("RESOLVED");
    expect(resolved.events.map((e) => e.kind)).toEqual([
      "opened",
      "ticket",
      "work_order",
      "notice",
      "resolved",
      "notice",
      "credit",
    ]);
    const booked = await credits();
    expect(booked).toHaveLength(2);
    const plan = await t.prisma.plan.findFirstOrThrow({ where: { id: booked[0].subscription.planId } });
    expect(booked[0].unitAmountMinor).toBe(-Math.round(plan.priceMinor * 0.1));
    await handleNetworkEvents(svc);
    expect(
      await t.prisma.bulkNotificationJob.count({ where: { tenantId: svc.tenantId, template: "service_restored" } }),
    ).toBe(1);
    // Once: a second grant (a retried job) books nothing more.
    await grantOutageCredits(svc, inc.id);
    expect(await credits()).toHaveLength(2);
  });

  it("roots an incident at the OLT when every port behind it goes dark, folding port incidents in", async () => {
    const svc = await tenantContext(t.prisma);
    const p = await plant(t.prisma, svc, [6, 6, 6]);
    // Port 1 first: a port incident.
    await recordEvents(svc, los(p.ports[0].serials, "RAISE"));
    await handleNetworkEvents(svc);
    // Then the rest of the OLT: the OLT is the common root, one incident remains.
    await recordEvents(svc, los([...p.ports[1].serials, ...p.ports[2].serials], "RAISE"));
    await handleNetworkEvents(svc);
    const open = await t.prisma.incident.findMany({
      where: { tenantId: svc.tenantId, status: { not: "RESOLVED" } },
    });
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({
      rootKey: `olt:${p.oltId}`,
      rootType: "OLT",
      alarmCount: 18,
      affectedCount: 18,
      number: 1,
    });
    expect(await t.prisma.incident.count({ where: { tenantId: svc.tenantId } })).toBe(1);
  });

  it("keeps a flapping ONU's alarm out of correlation", async () => {
    const svc = await tenantContext(t.prisma);
    const p = await plant(t.prisma, svc, [2]);
    const [a, b] = p.ports[0].serials;
    for (let i = 0; i < 3; i++) {
      await recordEvents(svc, los([a], "RAISE"));
      await recordEvents(svc, los([a], "CLEAR"));
    }
    await ingestNetworkEvents(svc);
    await recordEvents(svc, los([a, b], "RAISE"));
    await handleNetworkEvents(svc);
    const alarms = await t.prisma.alarm.findMany({ where: { tenantId: svc.tenantId, state: "RAISED" } });
    expect(alarms.find((x) => x.alarmedObjectName === a)?.flapping).toBe(true);
    expect(alarms.find((x) => x.alarmedObjectName === b)?.flapping).toBe(false);
    expect(await t.prisma.incident.count({ where: { tenantId: svc.tenantId } })).toBe(0);
  });

  it("refuses another tenant and a role without incident.manage", async () => {
    const svc = await tenantContext(t.prisma);
    const p = await plant(t.prisma, svc, [3]);
    await recordEvents(svc, los(p.ports[0].serials, "RAISE"));
    await handleNetworkEvents(svc);
    const inc = await t.prisma.incident.findFirstOrThrow({ where: { tenantId: svc.tenantId } });
    const alarm = await t.prisma.alarm.findFirstOrThrow({ where: { tenantId: svc.tenantId } });

    const other = await tenantContext(t.prisma);
    const stranger = await callerAs(
      t.prisma,
      (await createUser(t.prisma, { roleKey: "noc_engineer", tenantId: other.tenantId })).id,
    );
    await expect(stranger.incidents.get({ id: inc.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(stranger.incidents.acknowledge({ id: inc.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(stranger.alarms.acknowledge({ id: alarm.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await stranger.incidents.list({ page: 1, pageSize: 25 })).total).toBe(0);

    const csr = await callerAs(t.prisma, (await createUser(t.prisma, { roleKey: "csr", tenantId: svc.tenantId })).id);
    expect((await csr.incidents.list({ page: 1, pageSize: 25 })).total).toBe(1);
    const refused = await csr.incidents.acknowledge({ id: inc.id }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).code).toBe("FORBIDDEN");
    expect((await t.prisma.incident.findUniqueOrThrow({ where: { id: inc.id } })).status).toBe("OPEN");

    // The NOC acknowledges (audited), then resolves by hand with a reason.
    const noc = await callerAs(
      t.prisma,
      (await createUser(t.prisma, { roleKey: "noc_engineer", tenantId: svc.tenantId })).id,
    );
    expect((await noc.incidents.acknowledge({ id: inc.id })).status).toBe("ACKNOWLEDGED");
    expect((await noc.alarms.acknowledge({ id: alarm.id })).acknowledgedAt).not.toBeNull();
    await expect(noc.incidents.resolve({ id: inc.id, note: "" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await noc.incidents.resolve({ id: inc.id, note: "Splice repaired" })).status).toBe("RESOLVED");
    expect(
      await t.prisma.auditLog.count({
        where: {
          tenantId: svc.tenantId,
          action: { in: ["incident.acknowledge", "incident.resolve", "alarm.acknowledge"] },
        },
      }),
    ).toBe(3);
  });

  it("keeps the outage credit policy per tenant: validated, audited, changed only with incident.manage", async () => {
    const svc = await tenantContext(t.prisma);
    const noc = await callerAs(
      t.prisma,
      (await createUser(t.prisma, { roleKey: "noc_engineer", tenantId: svc.tenantId })).id,
    );
    const builtIn = { enabled: true, minOutageMinutes: 240, percentOfMonthly: 10 };
    expect(await noc.incidents.creditPolicy()).toEqual(builtIn);
    for (const bad of [
      { enabled: true, minOutageMinutes: -1, percentOfMonthly: 10 },
      { enabled: true, minOutageMinutes: 60, percentOfMonthly: 101 },
      { enabled: true, minOutageMinutes: 60.5, percentOfMonthly: 10 },
    ])
      await expect(noc.incidents.setCreditPolicy(bad)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const csr = await callerAs(t.prisma, (await createUser(t.prisma, { roleKey: "csr", tenantId: svc.tenantId })).id);
    await expect(
      csr.incidents.setCreditPolicy({ enabled: false, minOutageMinutes: 0, percentOfMonthly: 0 }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await noc.incidents.creditPolicy()).toEqual(builtIn);

    const mine = { enabled: true, minOutageMinutes: 120, percentOfMonthly: 25 };
    expect(await noc.incidents.setCreditPolicy(mine)).toEqual(mine);
    const audit = await t.prisma.auditLog.findMany({
      where: { tenantId: svc.tenantId, action: "incident.credit_policy.update" },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ before: builtIn, after: mine });
    // Another tenant keeps its own.
    const other = await tenantContext(t.prisma);
    const stranger = await callerAs(
      t.prisma,
      (await createUser(t.prisma, { roleKey: "noc_engineer", tenantId: other.tenantId })).id,
    );
    expect(await stranger.incidents.creditPolicy()).toEqual(builtIn);
  });
});
