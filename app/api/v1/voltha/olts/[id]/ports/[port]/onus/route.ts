import { notFound } from "@/server/errors";
import { getOlt, listFromQuery, listOnus } from "@/server/modules/network";
import { restRoute } from "@/server/rest";

export const dynamic = "force-dynamic";

/** GET /api/v1/voltha/olts/{id}/ports/{port}/onus — {port} is the port_no, the PON intf id or the label. */
export const GET = restRoute<{ id: string; port: string }>("network.read", async ({ svc, req, params }) => {
  const olt = await getOlt(svc, params.id);
  const port = olt.ports.find(
    (p) => String(p.portNo) === params.port || String(p.intfId) === params.port || p.label === params.port,
  );
  if (!port) throw notFound(`PON port ${params.port} on ${olt.name}`);
  return listOnus(svc, { ...listFromQuery(req), oltId: olt.id, ponPortId: port.id });
});
