import { z } from "zod";
import { decodeVolthaEvent, PROTOBUF_CONTENT_TYPES } from "@/server/adapters/olt/voltha-events";
import { invalid } from "@/server/errors";
import { handleNetworkEvents } from "@/server/modules/incidents";
import { eventFromVoltha, recordEvents, volthaEventBody } from "@/server/modules/network";
import { jsonBody, restRoute } from "@/server/rest";

export const dynamic = "force-dynamic";

const body = z.union([volthaEventBody, z.array(volthaEventBody).max(1000)]);

async function protobufBody(req: Request) {
  const bytes = new Uint8Array(await req.arrayBuffer());
  let decoded: unknown;
  try {
    decoded = decodeVolthaEvent(bytes);
  } catch (error) {
    throw invalid(`The body is not a VOLTHA event.Event message: ${(error as Error).message}`);
  }
  return volthaEventBody.parse(decoded);
}

/**
 * POST /api/v1/voltha/onus/discovery-webhook — VOLTHA events pushed by a bridge from Kafka
 * topic voltha.events: one event.Event as protobuf (application/x-protobuf, the Kafka message
 * unchanged), or as JSON (one or a batch). Authenticated with an API token holding
 * network.write. Redelivery is harmless (events are keyed by header.id). The events become
 * alarms and incidents before the answer.
 */
export const POST = restRoute("network.write", async ({ svc, req }) => {
  const parsed = PROTOBUF_CONTENT_TYPES.test(req.headers.get("content-type") ?? "")
    ? await protobufBody(req)
    : await jsonBody(req, body);
  const events = (Array.isArray(parsed) ? parsed : [parsed]).map(eventFromVoltha);
  const result = await recordEvents(svc, events);
  if (result.recorded) await handleNetworkEvents(svc);
  return Response.json({ received: events.length, ...result }, { status: 202 });
});
