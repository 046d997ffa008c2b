import { readOnuOptics } from "@/server/modules/network";
import { restRoute } from "@/server/rest";

export const dynamic = "force-dynamic";

/** GET /api/v1/voltha/onus/{serial}/signal-strength: Rx/Tx dBm now, judged against the thresholds. */
export const GET = restRoute<{ serial: string }>("network.read", ({ svc, params }) =>
  readOnuOptics(svc, params.serial),
);
