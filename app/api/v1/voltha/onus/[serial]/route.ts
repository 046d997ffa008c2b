import { getOnu } from "@/server/modules/network";
import { restRoute } from "@/server/rest";

export const dynamic = "force-dynamic";

/** GET /api/v1/voltha/onus/{serial} */
export const GET = restRoute<{ serial: string }>("network.read", ({ svc, params }) => getOnu(svc, params.serial));
