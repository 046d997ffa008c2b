// Diagnostics on a real PostgreSQL and the network simulator: a degraded ONU is found as a fibre
// or connector fault with the CPE's speed test, ping and trace route read when the CPE completes
// them and its WiFi clients' signal read with the CPE, the
// result lands on the ticket once, the REST routes answer the same run, and neither another
// tenant nor a role without the permission reaches it. The rules are checked on their own too.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { builtInRole } from "@/server/modules/identity";
import { activateSubscriberOnu, registerOlt } from "@/server/modules/network";
import { subscriberForNetwork } from "@/server/modules/subscribers";
import { openTicket } from "@/server/modules/tickets";
import { hashToken } from "@/server/rest";
import type { ServiceContext } from "@/server/service-context";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { callerAs, createUser } from "@/server/testing/fixtures";
import { createTestSubscriber, tenantContext } from "@/server/testing/network-fixtures";
import { callApi } from "@/server/testing/rest";
import { simulatorFor } from "@/simulator/network/state";
import { findings } from "./rules";
import { getDiagnostic, runDiagnostics } from "./run-diagnostics";
import type { DiagnosticResults } from "./schemas";

// next-auth cannot load under vitest (it imports next/server); the REST calls use an API token.
vi.mock("@/server/auth", () => ({ auth: async () => null, sessionUser: async () => null }));

let t: TestDatabase;
let svc: ServiceContext;
let other: ServiceContext;
let serials: string[];
const TOKEN = "fo_test_diagnostics_token_0123456789";

beforeAll(async () => {
  t = await testDatabase();
  svc = await tenantContext(t.prisma);
  other = await tenantContext(t.prisma);
  const olt = await registerOlt(svc, { name: "DIAG-OLT", hostAndPort: "10.9.0.1:9191" });
  serials = (await t.prisma.onu.findMany({ where: { oltId: olt.id }, orderBy: { serialNumber: "asc" } })).map(
    (o) => o.serialNumber,
  );
  const csr = await builtInRole(t.prisma, "csr");
  await t.prisma.apiToken.create({
    data: { tenantId: svc.tenantId, name: "helpdesk", roleId: csr.id, tokenHash: hashToken(TOKEN), prefix: "fo_test" },
  });
});
afterAll(() => t.drop());

/** Reads the run until the CPE has answered its tests (the simulator answers after ~1.5 s). */
async function settled(s: ServiceContext, id: string) {
  for (let i = 0; i < 50; i++) {
    const run = await getDiagnostic(s, id);
    if (run.status !== "RUNNING") return run;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the run never completed");
}

describe("a line check", () => {
  it("finds a degraded ONU's fibre, reads the CPE's tests and attaches the result to the ticket once", async () => {
    const sub = await createTestSubscriber(t.prisma, svc, { onuSerial: serials[0] });
    await activateSubscriberOnu(svc, await subscriberForNetwork(svc, sub.id));
    simulatorFor(svc.tenantId).degradeOnu(serials[0] as string, 12);
    const ticket = await openTicket(svc, {
      subject: "Slow in the evening",
      description: "Speed drops",
      subscriberId: sub.id,
    });

    const started = await runDiagnostics(svc, { subscriberId: sub.id, ticketId: ticket.id });
    expect(started.status).toBe("RUNNING");
    expect(started.results.speedTest).toMatchObject({ state: "requested" });
    expect(started.results.optics).toMatchObject({ serialNumber: serials[0], verdict: "critical" });
    expect(started.results.session).toMatchObject({ online: false });
    expect(started.results.cpe).toMatchObject({ serialNumber: serials[0] });

    const done = await settled(svc, started.id);
    expect(done.status).toBe("COMPLETE");
    expect(done.suggestedCause?.cause).toBe("fibre");
    expect(done.results.speedTest).toMatchObject({ state: "complete" });
    expect(done.results.speedTest?.state === "complete" && done.results.speedTest.mbps).toBeGreaterThan(0);
    expect(done.results.ping).toMatchObject({ state: "complete", host: "8.8.8.8" });
    // Poor light drops probes from the first hop on: the trace route says so too.
    expect(done.results.traceroute).toMatchObject({ state: "complete", host: "8.8.8.8", reached: true, hopCount: 4 });
    const hops = (
      done.results.traceroute as unknown as { hops: Array<{ host: string; rttMs: number[]; lost: number }> }
    ).hops;
    expect(hops[0]).toMatchObject({ host: "bng1.access.fiberops.sim", lost: 1 });
    expect(hops[0]?.rttMs).toHaveLength(3);
    expect(done.findings.map((f) => f.title)).toContain("Packet loss from the first hop");
    // Each WiFi client with its signal (TR-181 AssociatedDevice.{i}.SignalStrength).
    const cpe = done.results.cpe as {
      wifi: Array<{ clients: number; associatedDevices: Array<{ signalDbm: number }> }>;
    };
    expect(cpe.wifi[0]?.associatedDevices).toHaveLength(cpe.wifi[0]?.clients ?? -1);
    for (const c of cpe.wifi.flatMap((w) => w.associatedDevices)) expect(c.signalDbm).toBeLessThan(-30);
    // Reading it again changes nothing and writes no second note.
    await getDiagnostic(svc, started.id);
    const notes = await t.prisma.ticketEntry.findMany({ where: { ticketId: ticket.id, internal: true } });
    expect(notes).toHaveLength(1);
    expect(notes[0]?.body).toContain("Suggested cause: Fibre or connector");
    expect(notes[0]?.body).toMatch(/Speed test at the CPE: [\d.]+ Mbit\/s of 300 Mbit\/s/);
    expect(notes[0]?.body).toMatch(/Trace route to 8\.8\.8\.8: reached in 4 hops, \d+ ms\./);
    const audit = await t.prisma.auditLog.count({ where: { tenantId: svc.tenantId, action: "diagnostics.run" } });
    expect(audit).toBe(1);
  });

  it("runs a speed test and a ping through the REST API", async () => {
    // A line with good light: the simulator's ONUs sit between -16 and -26 dBm, and below -24 its
    // trace route loses probes from the first hop, which the rules rightly read as the line. (The
    // first three serials belong to the other tests.)
    const sim = simulatorFor(svc.tenantId);
    const serial = serials.slice(3).find((s) => (sim.findOnuBySerial(s)?.optics?.baseRx ?? -40) > -22);
    expect(serial, "the simulated OLT has an ONU with good light").toBeDefined();
    const sub = await createTestSubscriber(t.prisma, svc, { onuSerial: serial });
    await activateSubscriberOnu(svc, await subscriberForNetwork(svc, sub.id));
    const started = await callApi("POST", `/diagnostics/speed-test/${sub.id}`, { token: TOKEN, body: {} });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ kind: "speed_test", status: "running", subscriber_id: sub.id });
    let result = started;
    for (let i = 0; i < 50 && result.body.status === "running"; i++) {
      await new Promise((r) => setTimeout(r, 200));
      result = await callApi("GET", `/diagnostics/speed-test/${started.body.job_id}/result`, { token: TOKEN });
    }
    expect(result.body.status).toBe("complete");
    expect(result.body.results.speedTest.mbps).toBeGreaterThan(0);
    const ping = await callApi("POST", "/diagnostics/ping-test", {
      token: TOKEN,
      body: { subscriber_id: sub.id, host: "1.1.1.1" },
    });
    expect(ping.status).toBe(202);
    expect(ping.body.kind).toBe("ping");
    const bad = await callApi("POST", "/diagnostics/ping-test", {
      token: TOKEN,
      body: { subscriber_id: sub.id, host: "1.1.1.1; reboot" },
    });
    expect(bad.status).toBe(400);

    // A trace route to an address nobody routes (TEST-NET-1) stops after our network's hops.
    const trace = await callApi("POST", "/diagnostics/traceroute", {
      token: TOKEN,
      body: { subscriber_id: sub.id, host: "192.0.2.7" },
      headers: { "idempotency-key": "trace-1" },
    });
    expect(trace.status).toBe(202);
    expect(trace.body.kind).toBe("traceroute");
    const again = await callApi("POST", "/diagnostics/traceroute", {
      token: TOKEN,
      body: { subscriber_id: sub.id, host: "192.0.2.7" },
      headers: { "idempotency-key": "trace-1" },
    });
    expect(again.body.job_id).toBe(trace.body.job_id);
    let traced = trace;
    for (let i = 0; i < 50 && traced.body.status === "running"; i++) {
      await new Promise((r) => setTimeout(r, 200));
      traced = await callApi("GET", `/diagnostics/speed-test/${trace.body.job_id}/result`, { token: TOKEN });
    }
    expect(traced.body).toMatchObject({
      status: "complete",
      results: { traceroute: { state: "complete", reached: false, hopCount: 30 } },
      suggested_cause: { cause: "route", title: "Destination not reached" },
    });
    expect(traced.body.results.traceroute.hops).toHaveLength(3);
    expect(traced.body.results.speedTest).toBeUndefined();
  });

  it("keeps runs inside the tenant and refuses a role without the permission", async () => {
    const sub = await createTestSubscriber(t.prisma, svc, { onuSerial: serials[2] });
    const run = await runDiagnostics(svc, { subscriberId: sub.id });
    await expect(getDiagnostic(other, run.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(runDiagnostics(other, { subscriberId: sub.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const clerk = await createUser(t.prisma, { roleKey: "billing_clerk", tenantId: svc.tenantId });
    const caller = await callerAs(t.prisma, clerk.id);
    await expect(caller.diagnostics.run({ subscriberId: sub.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller.diagnostics.get({ id: run.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const csr = await createUser(t.prisma, { roleKey: "csr", tenantId: svc.tenantId });
    const mine = await (await callerAs(t.prisma, csr.id)).diagnostics.list({ subscriberId: sub.id });
    expect(mine.map((r) => r.id)).toEqual([run.id]);
  });
});

describe("the rules", () => {
  const base: DiagnosticResults = {
    subscriber: { username: "u", planCode: "F300", downloadKbps: 300_000, uploadKbps: 100_000 },
    optics: { serialNumber: "S", rxDbm: -19.5, txDbm: 2.1, temperatureC: 40, verdict: "ok" },
    session: { online: true, framedIp: "100.64.0.9", nasIp: "10.0.0.1", startedAt: null },
  };
  const causes = (r: DiagnosticResults) => findings(r).map((f) => f.cause);

  it("puts no light before everything and low light before a slow speed test", () => {
    expect(
      causes({ ...base, optics: { serialNumber: "S", rxDbm: null, txDbm: 2, temperatureC: 40, verdict: "los" } }),
    ).toEqual(["los"]);
    expect(
      causes({
        ...base,
        optics: { serialNumber: "S", rxDbm: -28.4, txDbm: 2, temperatureC: 40, verdict: "critical" },
        speedTest: { state: "complete", mbps: 20 },
      }),
    ).toEqual(["fibre"]);
  });

  it("tells the home from the line by the speed test against the plan", () => {
    expect(causes({ ...base, speedTest: { state: "complete", mbps: 290 } })).toEqual(["in-home"]);
    expect(causes({ ...base, speedTest: { state: "complete", mbps: 90 } })).toEqual(["line"]);
    expect(causes({ ...base, speedTest: { state: "complete", mbps: 200 } })).toEqual([]);
  });

  it("flags an overlapping or crowded 2.4 GHz radio, a missing session and high latency", () => {
    const wifi = (channel: number, clients: number) => ({
      serialNumber: "S",
      firmware: null,
      lastInform: null,
      wifi: [{ band: "2.4GHz", channel, clients, enabled: true }],
      faults: 0,
    });
    expect(causes({ ...base, cpe: wifi(4, 2) })).toEqual(["wifi"]);
    expect(causes({ ...base, cpe: wifi(6, 12) })).toEqual(["wifi"]);
    expect(causes({ ...base, cpe: wifi(11, 3) })).toEqual([]);
    expect(causes({ ...base, session: { online: false, framedIp: null, nasIp: null, startedAt: null } })).toEqual([
      "session",
    ]);
    expect(causes({ ...base, ping: { state: "complete", host: "8.8.8.8", averageMs: 80 } })).toEqual(["latency"]);
  });

  it("flags WiFi clients that hear the router weakly", () => {
    const clients = (...signals: number[]) => ({
      serialNumber: "S",
      firmware: null,
      lastInform: null,
      wifi: [
        {
          band: "5GHz",
          channel: 36,
          clients: signals.length,
          enabled: true,
          associatedDevices: signals.map((signalDbm, i) => ({
            macAddress: `0A:00:00:00:00:0${i}`,
            signalDbm,
            downlinkKbps: null,
          })),
        },
      ],
      faults: 0,
    });
    expect(causes({ ...base, cpe: clients(-48, -60) })).toEqual([]);
    const weak = findings({ ...base, cpe: clients(-48, -81, -77) });
    expect(weak).toEqual([expect.objectContaining({ cause: "wifi", title: "WiFi: weak signal at some devices" })]);
    expect(weak[0]?.detail).toMatch(/^2 of 3 WiFi clients .* \(weakest -81 dBm\)/);
  });

  it("reads a trace route: loss from the first hop is the line, loss further on is upstream", () => {
    const hop = (host: string, ...rttMs: number[]) => ({
      host,
      address: "",
      rttMs,
      lost: rttMs.filter((ms) => ms === 0).length,
    });
    const trace = (reached: boolean, ...hops: ReturnType<typeof hop>[]) => ({
      ...base,
      traceroute: { state: "complete" as const, host: "8.8.8.8", reached, responseMs: 12, hopCount: 4, hops },
    });
    const clean = [hop("bng", 1, 2, 1), hop("core", 3, 3, 4), hop("ix", 6, 7, 6), hop("8.8.8.8", 9, 10, 9)];
    expect(causes(trace(true, ...clean))).toEqual([]);
    expect(causes(trace(true, hop("bng", 1, 0, 1), ...clean.slice(1)))).toEqual(["line"]);
    expect(causes(trace(true, ...clean.slice(0, 2), hop("ix", 6, 0, 6), hop("8.8.8.8", 9, 0, 9)))).toEqual(["route"]);
    // A router that only rate-limits its own replies, with a clean destination, is nothing.
    expect(causes(trace(true, ...clean.slice(0, 2), hop("ix", 0, 0, 6), clean[3] as ReturnType<typeof hop>))).toEqual(
      [],
    );
    expect(findings(trace(false, ...clean.slice(0, 3)))[0]?.title).toBe("Destination not reached");
  });
});
