import { z } from "zod";
import { eventFromVoltha } from "@/server/modules/network/rest";
import { volthaEventBody } from "@/server/modules/network/schemas";
import { recordEvents } from "@/server/modules/network/service";
import { jsonBody, restRoute } from "@/server/rest";

export const dynamic = "force-dynamic";

const body = z.union([volthaEventBody, z.array(volthaEventBody).max(1000)]);

/**
 * POST /api/v1/voltha/onus/discovery-webhook — VOLTHA events (event.Event as JSON, one or a
 * batch) pushed by a bridge from Kafka topic voltha.events. Authenticated with an API token
 * holding network.write. Redelivery is harmless (events are keyed by header.id).
 */
export const POST = restRoute("network.write", async ({ svc, req }) => {
  const parsed = await jsonBody(req, body);
  const events = (Array.isArray(parsed) ? parsed : [parsed]).map(eventFromVoltha);
  const result = await recordEvents(svc, events);
  return Response.json({ received: events.length, ...result }, { status: 202 });
});
