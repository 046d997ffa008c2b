// The REST route where network events arrive (/api/v1/voltha/onus/discovery-webhook): recorded
// by the network module, then correlated into alarms and incidents here.
import { z } from "zod";
import { decodeVolthaEvent, PROTOBUF_CONTENT_TYPES } from "@/server/adapters/olt/voltha-events";
import { eventFromVoltha, recordEvents, volthaEventBody } from "@/server/modules/network";
import { defineRoute } from "@/server/rest";
import { handleNetworkEvents } from "./handle-network-events";

export const incidentRoutes = [
  defineRoute({
    method: "POST",
    path: "/voltha/onus/discovery-webhook",
    tag: "VOLTHA",
    summary: "VOLTHA events (discovery, alarms) pushed from the voltha.events Kafka topic",
    description:
      "One event.Event as protobuf (application/x-protobuf, the Kafka message unchanged) or as JSON " +
      "(one or a batch of up to 1000). Redelivery is harmless: events are keyed by header.id. The " +
      "events become alarms and incidents before the answer.",
    permission: "network.write",
    body: z.union([volthaEventBody, z.array(volthaEventBody).max(1000)]),
    alsoAccepts: {
      contentType: "application/x-protobuf",
      matches: PROTOBUF_CONTENT_TYPES,
      what: "a VOLTHA event.Event message",
      decode: decodeVolthaEvent,
    },
    status: 202,
    response: z.object({ received: z.number().int(), recorded: z.number().int() }),
    async handler({ svc, body }) {
      const events = (Array.isArray(body) ? body : [body]).map(eventFromVoltha);
      const result = await recordEvents(svc, events);
      if (result.recorded) await handleNetworkEvents(svc);
      return { received: events.length, recorded: result.recorded };
    },
  }),
];
