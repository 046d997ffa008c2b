import { getOlt } from "@/server/modules/network";
import { restRoute } from "@/server/rest";

export const dynamic = "force-dynamic";

/** GET /api/v1/voltha/olts/{id}/ports: PON ports with ONU counts and utilisation. */
export const GET = restRoute<{ id: string }>("network.read", async ({ svc, params }) => {
  const olt = await getOlt(svc, params.id);
  return { olt: { id: olt.id, name: olt.name }, ports: olt.ports };
});
