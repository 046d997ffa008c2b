import { listFromQuery, listOlts } from "@/server/modules/network";
import { restRoute } from "@/server/rest";

export const dynamic = "force-dynamic";

/** GET /api/v1/voltha/olts?q=&page=&page_size= */
export const GET = restRoute("network.read", ({ svc, req }) => listOlts(svc, listFromQuery(req)));
