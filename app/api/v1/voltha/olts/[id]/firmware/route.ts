import { firmwareInput, upgradeFirmware } from "@/server/modules/network";
import { jsonBody, restRoute } from "@/server/rest";

export const dynamic = "force-dynamic";

/** POST /api/v1/voltha/olts/{id}/firmware  {version, url?, onuSerial?} */
export const POST = restRoute<{ id: string }>("onu.control", async ({ svc, req, params }) =>
  Response.json(await upgradeFirmware(svc, params.id, await jsonBody(req, firmwareInput)), { status: 202 }),
);
