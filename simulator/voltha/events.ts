// What the fake VOLTHA publishes for each simulator event: an event.Event protobuf message as
// the openolt adapter puts it on Kafka topic voltha.events (voltha-openolt-adapter 4.7
// internal/pkg/core/openolt_eventmgr.go, voltha-lib-go events_proxy.go) — and a stand-in for a
// Kafka → HTTP bridge that forwards each message unchanged (application/x-protobuf) to a
// webhook, in order.

import { loadVolthaEventType } from "@/server/adapters/olt/protos/load";
import type { NetworkSimulator, SimEvent } from "@/simulator/network/state";

/** Category, sub-category and name per event, as openolt_eventmgr.go raises them. */
const OPENOLT: Record<string, { category: string; subCategory: string; name?: string }> = {
  ONU_DISCOVERY: { category: "EQUIPMENT", subCategory: "PON" },
  ONU_LOSS_OF_SIGNAL: { category: "COMMUNICATION", subCategory: "ONU" },
  ONU_DYING_GASP: { category: "COMMUNICATION", subCategory: "ONU" },
  OLT_LOSS_OF_SIGNAL: { category: "COMMUNICATION", subCategory: "PON" },
  // onuEnableIndication / onuDisableIndication: names without _RAISE_EVENT/_CLEAR_EVENT.
  ONU_ACTIVATED: { category: "COMMUNICATION", subCategory: "ONU", name: "ONU_ENABLE" },
  ONU_DISABLED: { category: "COMMUNICATION", subCategory: "ONU", name: "ONU_DISABLE" },
};
/** The context keys openolt fills (internal/pkg/events/common.go). */
const CONTEXT_KEYS = ["onu-id", "intf-id", "serial-number", "onu-device-id", "pon-technology", "port-label", "id"];

let sequence = 0;

/** The event.Event of a simulator event (field names as in events.proto). */
export function volthaEventMessage(e: SimEvent) {
  const kind = OPENOLT[e.kind] ?? { category: "EQUIPMENT", subCategory: "NONE" };
  const name = kind.name ?? e.deviceEventName;
  // getEventHeader(): the id drops the last two parts of the name ("_RAISE_EVENT") and adds
  // the time in nanoseconds; raised_ts has seconds only (the indication's time).
  const idName = name.includes("_") ? name.split("_").slice(0, -2).join("_") : "UNKNOWN_EVENT";
  const nanos = BigInt(e.raisedTs) * 1_000_000n + BigInt(sequence++ % 1_000_000);
  return {
    header: {
      id: `Voltha.openolt.${idName}.${nanos}`,
      category: kind.category,
      sub_category: kind.subCategory,
      type: "DEVICE_EVENT",
      type_version: "0.1",
      raised_ts: { seconds: Math.floor(e.raisedTs / 1000), nanos: 0 },
      reported_ts: { seconds: Math.floor(e.raisedTs / 1000), nanos: (e.raisedTs % 1000) * 1e6 },
    },
    device_event: {
      // openolt raises ONU events with the OLT as the resource.
      resource_id: e.context["olt-device-id"] ?? e.resourceId,
      device_event_name: name,
      description: "",
      context: Object.fromEntries(Object.entries(e.context).filter(([k]) => CONTEXT_KEYS.includes(k))),
    },
  };
}

export function encodeVolthaEvent(e: SimEvent): Uint8Array {
  const type = loadVolthaEventType();
  return type.encode(type.fromObject(volthaEventMessage(e))).finish();
}

export type EventBridge = {
  /** Resolves when every event raised so far was delivered (or failed). */
  flush(): Promise<void>;
  close(): void;
  readonly delivered: number;
  readonly failures: string[];
};

/** Forwards every event the simulator raises from now on to `url`, one POST each, in order. */
export function startEventBridge(sim: NetworkSimulator, target: { url: string; token: string }): EventBridge {
  let chain = Promise.resolve();
  let delivered = 0;
  const failures: string[] = [];
  const deliver = async (e: SimEvent) => {
    try {
      const res = await fetch(target.url, {
        method: "POST",
        headers: { authorization: `Bearer ${target.token}`, "content-type": "application/x-protobuf" },
        body: Buffer.from(encodeVolthaEvent(e)),
        signal: AbortSignal.timeout(10_000),
      });
      if (res.ok) delivered++;
      else failures.push(`${e.id}: HTTP ${res.status} ${await res.text()}`);
    } catch (error) {
      failures.push(`${e.id}: ${(error as Error).message}`);
    }
  };
  const off = sim.onEvent((e) => {
    chain = chain.then(() => deliver(e));
  });
  return {
    flush: () => chain,
    close: off,
    get delivered() {
      return delivered;
    },
    failures,
  };
}
