import { withIdempotency } from "@/server/idempotency";
import { activateOnu, bandwidthInput } from "@/server/modules/network";
import { jsonBody, restRoute } from "@/server/rest";

export const dynamic = "force-dynamic";

const body = bandwidthInput.partial();

/** POST /api/v1/voltha/onus/{serial}/activate  {downstreamKbps?, upstreamKbps?}  (Idempotency-Key) */
export const POST = restRoute<{ serial: string }>("onu.control", async ({ svc, req, params, idempotencyKey }) => {
  const text = await req.clone().text();
  const input = text.trim() ? await jsonBody(req, body) : {};
  return withIdempotency(svc, "onu.activate", idempotencyKey, { serial: params.serial, ...input }, () =>
    activateOnu(svc, params.serial, input),
  );
});
