// The fake GenieACS NBI against GenieACS 1.2.16's own behaviour, as read from its sources
// (nbi-1.2.16.json names the function each expectation comes from): status codes, status-line
// reasons, bodies, headers, and the closed connection where GenieACS's worker crashes.
import { describe, expect, it } from "vitest";
import { NetworkSimulator } from "@/simulator/network/state";
import nbi from "./nbi-1.2.16.json";
import { GENIEACS_FAKE_VERSION, startGenieAcsFake } from "./server";

type Exchange = {
  name: string;
  checked: string;
  method: string;
  path: string;
  body?: unknown;
  raw?: string;
  sessionDelayMs?: number;
  fault?: "nak";
  status?: number;
  reason?: string;
  text?: string;
  textMatches?: string;
  headers?: Record<string, string>;
  jsonKeys?: string[];
  jsonFirstKeys?: string[];
  jsonPath?: string[];
  closed?: boolean;
};

/** Three CPEs behind three ONUs; only the first ONU is enabled, so only its CPE is online. */
async function network(sessionDelayMs?: number) {
  const sim = new NetworkSimulator("acs-contract", { onusPerPort: 1, ponPortsPerOlt: 3 });
  const olt = sim.createOlt({ hostAndPort: "10.3.0.1:9191" });
  sim.enableDevice(olt.id);
  const [a, b] = sim.onusOf(olt.id);
  sim.setOnuSerialEnabled(olt.id, a.parentPortNo, a.serialNumber, true);
  const fake = await startGenieAcsFake(sim, { sessionDelayMs });
  const ids = {
    online: sim.cpeForOnu(a.serialNumber)!.deviceId,
    offline: sim.cpeForOnu(b.serialNumber)!.deviceId,
    unknown: "000000-Nothing-0000",
  };
  return { sim, fake, ids };
}

describe("the fake GenieACS NBI answers as GenieACS 1.2.16's lib/nbi.ts does", () => {
  for (const x of nbi.exchanges as Exchange[]) {
    it(`${x.name} (${x.method} ${x.path.split("?")[0]})`, async () => {
      const { sim, fake, ids } = await network(x.sessionDelayMs);
      try {
        if (x.fault) sim.injectFault("acs.task", x.fault);
        const path = x.path.replace(/\{(online|offline|unknown)\}/g, (_, k: keyof typeof ids) =>
          encodeURIComponent(ids[k]),
        );
        const send = fetch(`${fake.url}${path}`, {
          method: x.method,
          body: x.raw ?? (x.body === undefined ? undefined : JSON.stringify(x.body)),
        });
        if (x.closed) {
          await expect(send).rejects.toThrow(/fetch failed/);
          return;
        }
        const res = await send;
        const text = await res.text();
        expect(res.headers.get("genieacs-version")).toBe(GENIEACS_FAKE_VERSION);
        expect(res.status).toBe(x.status);
        if (x.reason) expect(res.statusText).toBe(x.reason);
        if (x.text !== undefined) expect(text).toBe(x.text);
        if (x.textMatches) expect(text).toMatch(new RegExp(x.textMatches));
        for (const [name, value] of Object.entries(x.headers ?? {})) expect(res.headers.get(name)).toBe(value);
        if (x.jsonKeys) expect(Object.keys(JSON.parse(text))).toEqual(x.jsonKeys);
        if (x.jsonFirstKeys || x.jsonPath) {
          const [doc] = JSON.parse(text) as Record<string, unknown>[];
          if (x.jsonFirstKeys) expect(Object.keys(doc)).toEqual(x.jsonFirstKeys);
          let node: unknown = doc;
          for (const key of x.jsonPath ?? []) node = (node as Record<string, unknown>)[key];
          expect(node).toBeDefined();
        }
      } finally {
        await fake.close();
      }
    });
  }

  it("records a fault as GenieACS stores it, and deleting it deletes its task", async () => {
    // lib/cwmp/db.ts saveFault(): {_id: `${device}:${channel}`, device, channel, timestamp, code,
    // message, detail (the CWMP fault struct), retries, provisions (JSON)}; lib/cwmp.ts: a reboot
    // task is the provision [["reboot"]].
    const { sim, fake, ids } = await network();
    try {
      sim.injectFault("acs.task", "nak");
      const res = await fetch(`${fake.url}/devices/${encodeURIComponent(ids.online)}/tasks?connection_request`, {
        method: "POST",
        body: JSON.stringify({ name: "reboot" }),
      });
      const task = (await res.json()) as { _id: string };
      const [fault] = (await (await fetch(`${fake.url}/faults/`)).json()) as Record<string, unknown>[];
      expect(Object.keys(fault)).toEqual([
        "_id",
        "device",
        "channel",
        "timestamp",
        "code",
        "message",
        "detail",
        "retries",
        "provisions",
      ]);
      expect(fault).toMatchObject({
        _id: `${ids.online}:task_${task._id}`,
        channel: `task_${task._id}`,
        code: "cwmp.9002",
        detail: { faultCode: "9002" },
        retries: 0,
        provisions: '[["reboot"]]',
      });
      // Tasks come back with _id first, as MongoDB stores them.
      const [stored] = (await (await fetch(`${fake.url}/tasks/`)).json()) as Record<string, unknown>[];
      expect(Object.keys(stored)[0]).toBe("_id");
      // lib/api-functions.ts deleteFault(): a task_ channel's task goes with its fault.
      const del = await fetch(`${fake.url}/faults/${encodeURIComponent(String(fault._id))}`, { method: "DELETE" });
      expect(del.status).toBe(200);
      expect(sim.tasks.has(task._id)).toBe(false);
    } finally {
      await fake.close();
    }
  });

  it("runs a task queued past ?timeout= when the late session comes", async () => {
    const { sim, fake, ids } = await network(150);
    try {
      const res = await fetch(
        `${fake.url}/devices/${encodeURIComponent(ids.online)}/tasks?connection_request&timeout=50`,
        {
          method: "POST",
          body: JSON.stringify({
            name: "setParameterValues",
            parameterValues: [["Device.WiFi.SSID.1.SSID", "Late", "xsd:string"]],
          }),
        },
      );
      expect([res.status, res.statusText]).toEqual([202, "Task queued but not processed"]);
      expect(sim.getCpe(ids.online).params.get("Device.WiFi.SSID.1.SSID")?.value).not.toBe("Late");
      await new Promise((r) => setTimeout(r, 250));
      expect(sim.getCpe(ids.online).params.get("Device.WiFi.SSID.1.SSID")?.value).toBe("Late");
    } finally {
      await fake.close();
    }
  });
});
