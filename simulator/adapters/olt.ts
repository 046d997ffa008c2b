// The OLT port over the in-process network simulator (demo tenant, e2e, tests).

import type { BandwidthProfile, OltAdapter, OltDevice, OltEvent, OnuDevice } from "@/server/adapters/olt/port";
import { simCall } from "@/simulator/network/faults";
import type { NetworkSimulator, SimDevice, SimEvent } from "@/simulator/network/state";

export function toOltDevice(d: SimDevice): OltDevice {
  return {
    id: d.id,
    serialNumber: d.serialNumber,
    vendor: d.vendor,
    model: d.model,
    firmwareVersion: d.firmwareVersion,
    hostAndPort: d.hostAndPort,
    adminState: d.adminState,
    operStatus: d.operStatus,
    connectStatus: d.connectStatus,
  };
}

export function toOnuDevice(d: SimDevice): OnuDevice {
  return {
    id: d.id,
    oltId: d.parentId,
    ponPortNo: d.parentPortNo,
    onuId: d.proxy?.onuId ?? 0,
    serialNumber: d.serialNumber,
    vendor: d.vendor,
    model: d.model,
    firmwareVersion: d.firmwareVersion,
    adminState: d.adminState,
    operStatus: d.operStatus,
    connectStatus: d.connectStatus,
  };
}

export function toOltEvent(e: SimEvent): OltEvent {
  const num = (v: string | undefined) => (v === undefined ? null : Number(v));
  return {
    id: e.id,
    kind: e.kind,
    state: e.state,
    serialNumber: e.context["serial-number"] ?? null,
    oltDeviceId: e.context["olt-device-id"] ?? null,
    onuDeviceId: e.context["onu-device-id"] ?? null,
    intfId: num(e.context["intf-id"]),
    onuId: num(e.context["onu-id"]),
    raisedAt: new Date(e.raisedTs),
    context: e.context,
  };
}

export class SimulatedOltAdapter implements OltAdapter {
  readonly kind = "simulator" as const;
  constructor(private readonly sim: NetworkSimulator) {}

  private call<T>(work: () => T) {
    return simCall("VOLTHA", work);
  }

  listOlts() {
    return this.call(() => {
      this.sim.checkFault("olt.list");
      return this.sim.olts().map(toOltDevice);
    });
  }
  getOlt(id: string) {
    return this.call(() => toOltDevice(this.sim.getDevice(id)));
  }
  preprovisionOlt(input: { hostAndPort: string; type?: string }) {
    return this.call(() => toOltDevice(this.sim.createOlt(input)));
  }
  enableDevice(id: string) {
    return this.call(() => void this.sim.enableDevice(id));
  }
  disableDevice(id: string) {
    return this.call(() => void this.sim.disableDevice(id));
  }
  rebootDevice(id: string) {
    return this.call(() => void this.sim.rebootDevice(id));
  }
  deleteDevice(id: string) {
    return this.call(() => void this.sim.deleteDevice(id));
  }
  listPorts(deviceId: string) {
    return this.call(() =>
      this.sim.getDevice(deviceId).ports.map((p) => ({
        portNo: p.portNo,
        label: p.label,
        type: p.type,
        adminState: p.adminState,
        operStatus: p.operStatus,
      })),
    );
  }
  listOnus(oltId: string) {
    return this.call(() => {
      this.sim.getDevice(oltId);
      return this.sim.onusOf(oltId).map(toOnuDevice);
    });
  }
  getOnu(id: string) {
    return this.call(() => toOnuDevice(this.sim.getDevice(id)));
  }
  preprovisionOnu(input: { oltId: string; ponPortNo: number; serialNumber: string }) {
    return this.call(() => toOnuDevice(this.sim.preprovisionOnu(input.oltId, input.ponPortNo, input.serialNumber)));
  }
  enableOnu(input: { oltId: string; ponPortNo: number; serialNumber: string }) {
    return this.call(() => void this.sim.setOnuSerialEnabled(input.oltId, input.ponPortNo, input.serialNumber, true));
  }
  disableOnu(input: { oltId: string; ponPortNo: number; serialNumber: string }) {
    return this.call(() => void this.sim.setOnuSerialEnabled(input.oltId, input.ponPortNo, input.serialNumber, false));
  }
  setBandwidthProfile(input: Parameters<OltAdapter["setBandwidthProfile"]>[0]) {
    return this.call(
      () => void this.sim.setBandwidth(input.serialNumber, { upstream: input.upstream, downstream: input.downstream }),
    );
  }
  listBandwidthProfiles() {
    return this.call(() => {
      const out = new Map<string, { upstream: BandwidthProfile; downstream: BandwidthProfile }>();
      for (const d of this.sim.devices.values())
        if (!d.root && d.adminState !== "DELETED" && d.bandwidth) out.set(d.serialNumber, d.bandwidth);
      return out;
    });
  }
  getOptics(onuDeviceId: string) {
    return this.call(() => {
      const o = this.sim.optics(onuDeviceId);
      return {
        rxDbm: o.receivedOpticalPower,
        txDbm: o.meanOpticalLaunchPower,
        temperatureC: o.temperature,
        biasCurrentMa: o.laserBiasCurrent,
        readAt: new Date(this.sim.now()),
      };
    });
  }
  downloadFirmware(deviceId: string, input: { version: string }) {
    return this.call(() => void this.sim.downloadImage(deviceId, input.version));
  }
  pollEvents(cursor: number) {
    return this.call(() => {
      const events = this.sim.eventsSince(cursor);
      return { events: events.map(toOltEvent), cursor: events.at(-1)?.seq ?? cursor };
    });
  }
  async testConnection() {
    try {
      const olts = await this.listOlts();
      return { ok: true, message: `Simulated network answers (${olts.length} OLTs)` };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  }
}
