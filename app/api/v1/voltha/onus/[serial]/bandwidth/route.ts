import { bandwidthInput, setOnuBandwidth } from "@/server/modules/network";
import { jsonBody, restRoute } from "@/server/rest";

export const dynamic = "force-dynamic";

/** PATCH /api/v1/voltha/onus/{serial}/bandwidth  {downstreamKbps, upstreamKbps, profileName?} */
export const PATCH = restRoute<{ serial: string }>("onu.control", async ({ svc, req, params }) =>
  setOnuBandwidth(svc, params.serial, await jsonBody(req, bandwidthInput)),
);
