// What the fake VOLTHA publishes for each simulator event: an event.Event protobuf message, as
// VOLTHA's adapters put on Kafka topic voltha.events — and a stand-in for a Kafka → HTTP bridge
// that forwards each message unchanged (application/x-protobuf) to a webhook, in order.
import type { NetworkSimulator, SimEvent } from "@/simulator/network/state";
import { loadVolthaEventType } from "@/simulator/protos/load";

const timestamp = (ms: number) => ({ seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 });

/** The event.Event of a simulator event (field names as in events.proto). */
export function volthaEventMessage(e: SimEvent) {
  const communication = e.kind.endsWith("LOSS_OF_SIGNAL") || e.kind.endsWith("DYING_GASP");
  return {
    header: {
      id: e.id,
      category: communication ? "COMMUNICATION" : "EQUIPMENT",
      sub_category: e.kind.startsWith("OLT") ? "OLT" : "PON",
      type: "DEVICE_EVENT",
      type_version: "0.1",
      raised_ts: timestamp(e.raisedTs),
      reported_ts: timestamp(e.raisedTs),
    },
    device_event: {
      // openolt raises ONU events with the OLT as the resource.
      resource_id: e.context["olt-device-id"] ?? e.resourceId,
      device_event_name: e.deviceEventName,
      description: e.description,
      context: e.context,
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
