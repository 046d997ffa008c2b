import { listFromQuery, listOnus, listOnusInput } from "@/server/modules/network";
import { restRoute } from "@/server/rest";

export const dynamic = "force-dynamic";

/** GET /api/v1/voltha/onus?q=&state=&olt_id=&page=&page_size= */
export const GET = restRoute("network.read", async ({ svc, req }) => {
  const p = new URL(req.url).searchParams;
  return listOnus(
    svc,
    listOnusInput.parse({
      ...listFromQuery(req),
      state: p.get("state") ?? undefined,
      oltId: p.get("olt_id") ?? undefined,
    }),
  );
});
