// VOLTHA's events on the wire: event.Event protobuf messages as VOLTHA publishes them on Kafka
// topic voltha.events. A bridge that forwards those messages unchanged to our webhook sends
// them as application/x-protobuf; this turns one into the JSON form the webhook also accepts.
import { loadVolthaEventType } from "@/server/adapters/olt/protos/load";

type Timestamp = { seconds?: number; nanos?: number } | null | undefined;

const iso = (ts: Timestamp) =>
  ts && (ts.seconds || ts.nanos)
    ? new Date((ts.seconds ?? 0) * 1000 + Math.floor((ts.nanos ?? 0) / 1e6)).toISOString()
    : undefined;

export const PROTOBUF_CONTENT_TYPES = /^application\/(x-)?protobuf|^application\/octet-stream/i;

/** Decodes one event.Event; throws when the bytes are not one, or not a device event. */
export function decodeVolthaEvent(bytes: Uint8Array): unknown {
  const type = loadVolthaEventType();
  const message = type.decode(bytes);
  const event = type.toObject(message, { enums: String, longs: Number, defaults: true, oneofs: true }) as {
    header?: Record<string, unknown> & { raised_ts?: Timestamp; reported_ts?: Timestamp };
    device_event?: Record<string, unknown>;
    event_type?: string;
  };
  if (event.event_type !== "device_event" || !event.device_event)
    throw new Error("only device events (ONU discovery, alarms) are taken");
  const header = event.header ?? {};
  return {
    header: {
      ...header,
      raised_ts: iso(header.raised_ts),
      reported_ts: iso(header.reported_ts),
    },
    device_event: event.device_event,
  };
}
