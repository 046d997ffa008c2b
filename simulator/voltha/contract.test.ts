// The fake VOLTHA core against voltha-go 3.7 and its adapters as read from their sources
// (rw-core-3.7.json names the function behind each expectation): gRPC status codes and
// details, what calls leave behind, and the event.Event messages as openolt publishes them.
import * as grpc from "@grpc/grpc-js";
import { describe, expect, it } from "vitest";
import { loadVolthaEventType, loadVolthaProtos } from "@/server/adapters/olt/protos/load";
import { NetworkSimulator, type SimEvent } from "@/simulator/network/state";
import { encodeVolthaEvent } from "./events";
import fixture from "./rw-core-3.7.json";
import { startVolthaFake } from "./server";

type Expected = {
  name: string;
  checked: string;
  method: string;
  code: keyof typeof grpc.status;
  details?: string;
  result?: unknown;
  after?: Record<string, string>;
};
type Client = grpc.Client &
  Record<string, (req: unknown, cb: (e: grpc.ServiceError | null, r: unknown) => void) => void>;

async function core() {
  const sim = new NetworkSimulator("voltha-contract", { onusPerPort: 1, ponPortsPerOlt: 2 });
  // Long enough to see ACTIVATING on a loaded machine.
  const fake = await startVolthaFake(sim, { activationDelayMs: 150 });
  const pkg = loadVolthaProtos();
  const voltha = new pkg.voltha.VolthaService(fake.address, grpc.credentials.createInsecure()) as unknown as Client;
  const extension = new pkg.extension.Extension(fake.address, grpc.credentials.createInsecure()) as unknown as Client;
  const call = (method: string, req: unknown) =>
    new Promise<{ code: grpc.status; details: string; result: unknown }>((resolve) =>
      (method === "GetExtValue" ? extension : voltha)[method](req, (err, result) =>
        resolve({ code: err?.code ?? grpc.status.OK, details: err?.details ?? "", result }),
      ),
    );
  /** An OLT pre-provisioned at 10.4.0.1:9191, enabled when asked, its ONUs discovered. */
  const olt = async (enable: boolean) => {
    const created = (await call("CreateDevice", { type: "openolt", host_and_port: "10.4.0.1:9191" })).result as {
      id: string;
    };
    if (enable) {
      await call("EnableDevice", { id: created.id });
      while (((await call("GetDevice", { id: created.id })).result as { oper_status: string }).oper_status !== "ACTIVE")
        await new Promise((r) => setTimeout(r, 10));
    }
    return created.id;
  };
  const close = async () => {
    voltha.close();
    extension.close();
    await fake.close();
  };
  return { sim, call, olt, close };
}

/** Per expectation: the request, after bringing a fresh core into the needed state. */
const scenarios: Record<
  string,
  (c: Awaited<ReturnType<typeof core>>) => Promise<{ req: unknown; ids?: Record<string, string> }>
> = {
  "GetDevice of an unknown id": async () => ({ req: { id: "no-such-device" } }),
  "CreateDevice without MAC or host:port": async () => ({ req: { type: "openolt" } }),
  "CreateDevice at an address already pre-provisioned": async (c) => {
    await c.olt(false);
    return { req: { type: "openolt", host_and_port: "10.4.0.1:9191" } };
  },
  "CreateDevice naming a parent still makes a root device": async () => ({
    req: { type: "openolt", host_and_port: "10.4.0.2:9191", parent_id: "some-olt", root: false },
  }),
  "EnableDevice of an unknown id": async () => ({ req: { id: "no-such-device" } }),
  "EnableDevice answers at once; the device is ACTIVATING": async (c) => {
    const id = await c.olt(false);
    return { req: { id }, ids: { olt: id } };
  },
  "EnableDevice of an enabled device": async (c) => {
    const id = await c.olt(true);
    return { req: { id }, ids: { olt: id } };
  },
  "DisableDevice of a pre-provisioned device": async (c) => {
    const id = await c.olt(false);
    return { req: { id }, ids: { olt: id } };
  },
  "DisableDevice of a disabled device": async (c) => {
    const id = await c.olt(true);
    await c.call("DisableDevice", { id });
    return { req: { id } };
  },
  "RebootDevice of a device VOLTHA does not reach": async (c) => {
    const id = await c.olt(false);
    return { req: { id }, ids: { olt: id } };
  },
  "ListDevicePorts of an unknown id": async () => ({ req: { id: "no-such-device" } }),
  "ListDevicePorts before the adapter adopted the OLT": async (c) => ({ req: { id: await c.olt(false) } }),
  "an ONU the OLT discovered is activated and enabled without being asked": async (c) => {
    const id = await c.olt(true);
    return { req: { id: c.sim.onusOf(id)[0].id } };
  },
  "EnableOnuSerialNumber on an unknown OLT": async () => ({
    req: { olt_device_id: { id: "no-such-olt" }, port: { port_no: 536870912 }, serial_number: "BBSM00000001" },
  }),
  "EnableOnuSerialNumber of a serial not under the OLT": async (c) => ({
    req: { olt_device_id: { id: await c.olt(true) }, port: { port_no: 536870912 }, serial_number: "NONE00000000" },
  }),
  "EnableOnuSerialNumber of an enabled ONU": async (c) => {
    const id = await c.olt(true);
    const onu = c.sim.onusOf(id)[0];
    return {
      req: { olt_device_id: { id }, port: { port_no: onu.parentPortNo }, serial_number: onu.serialNumber },
      ids: { onu: onu.id },
    };
  },
  "DisableOnuSerialNumber of a disabled ONU": async (c) => {
    const id = await c.olt(true);
    const onu = c.sim.onusOf(id)[0];
    const req = { olt_device_id: { id }, port: { port_no: onu.parentPortNo }, serial_number: onu.serialNumber };
    await c.call("DisableOnuSerialNumber", req);
    return { req, ids: { onu: onu.id } };
  },
  "DownloadImageToDevice without an image": async (c) => ({ req: { device_id: [{ id: await c.olt(true) }] } }),
  "DownloadImageToDevice to an OLT fails that device, not the call": async (c) => {
    const id = await c.olt(true);
    return { req: { device_id: [{ id }], image: { version: "2.0", url: "http://files/olt.bin" } }, ids: { olt: id } };
  },
  "GetExtValue of an unknown target": async () => ({
    req: { targetId: "no-such-device", request: { onuOpticalInfo: { empty: {} } } },
  }),
  "ONU optical levels asked of an OLT": async (c) => ({
    req: { targetId: await c.olt(true), request: { onuOpticalInfo: { empty: {} } } },
  }),
  "ONU optical levels of a dark ONU": async (c) => {
    const id = await c.olt(true);
    const onu = c.sim.onusOf(id)[0];
    c.sim.cutFibre(id, onu.parentPortNo);
    return { req: { targetId: onu.id, request: { onuOpticalInfo: { empty: {} } } } };
  },
};

const fill = (text: string, ids: Record<string, string> = {}) =>
  text.replace(/\{(\w+)\}/g, (_, k: string) => ids[k] ?? `{${k}}`);

describe("the fake VOLTHA answers as voltha-go 3.7 with openolt and openonu", () => {
  it("has a scenario for every expectation", () => {
    expect(fixture.calls.map((c) => c.name).sort()).toEqual(Object.keys(scenarios).sort());
  });

  for (const x of fixture.calls as Expected[]) {
    it(`${x.method}: ${x.name}`, async () => {
      const c = await core();
      try {
        const { req, ids } = await scenarios[x.name](c);
        const got = await c.call(x.method, req);
        expect(grpc.status[got.code]).toBe(x.code);
        if (x.details !== undefined) expect(got.details).toBe(fill(x.details, ids));
        if (x.result !== undefined) expect(got.result).toMatchObject(JSON.parse(fill(JSON.stringify(x.result), ids)));
        if (x.after) {
          const device = (await c.call("GetDevice", req)).result;
          expect(device).toMatchObject(x.after);
        }
      } finally {
        await c.close();
      }
    });
  }

  it("publishes ONU discovery and loss of signal as openolt does", async () => {
    const sim = new NetworkSimulator("voltha-events", { onusPerPort: 1, ponPortsPerOlt: 1 });
    const seen: SimEvent[] = [];
    sim.onEvent((e) => seen.push(e));
    const olt = sim.createOlt({ hostAndPort: "10.4.0.9:9191" });
    sim.enableDevice(olt.id);
    sim.cutFibre(olt.id, 536870912);
    const type = loadVolthaEventType();
    const decode = (e: SimEvent) =>
      type.toObject(type.decode(encodeVolthaEvent(e)), { enums: String, longs: Number, defaults: true }) as {
        header: { id: string; category: string; sub_category: string; type: string; raised_ts: { nanos: number } };
        device_event: { resource_id: string; device_event_name: string; context: Record<string, string> };
      };
    const discovery = decode(seen.find((e) => e.kind === "ONU_DISCOVERY")!);
    // openolt_eventmgr.go OnuDiscoveryIndication(): EQUIPMENT / PON, the OLT as resource.
    expect(discovery.header).toMatchObject({ category: "EQUIPMENT", sub_category: "PON", type: "DEVICE_EVENT" });
    expect(discovery.header.id).toMatch(/^Voltha\.openolt\.ONU_DISCOVERY\.\d+$/);
    expect(discovery.header.raised_ts.nanos).toBe(0);
    expect(discovery.device_event).toMatchObject({
      resource_id: olt.id,
      device_event_name: "ONU_DISCOVERY_RAISE_EVENT",
    });
    expect(Object.keys(discovery.device_event.context).sort()).toEqual(
      ["intf-id", "onu-device-id", "onu-id", "pon-technology", "port-label", "serial-number"].sort(),
    );
    expect(discovery.device_event.context).toMatchObject({
      "intf-id": "0",
      "port-label": "pon-0",
      "pon-technology": "GPON",
    });
    // onuAlarmIndication(): COMMUNICATION / ONU.
    const los = decode(seen.find((e) => e.kind === "ONU_LOSS_OF_SIGNAL")!);
    expect(los.header).toMatchObject({ category: "COMMUNICATION", sub_category: "ONU" });
    expect(los.device_event).toMatchObject({
      resource_id: olt.id,
      device_event_name: "ONU_LOSS_OF_SIGNAL_RAISE_EVENT",
    });
  });
});
