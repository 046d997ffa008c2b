// The impact list: the subscribers in service behind an incident's root, business customers
// first, kept on the incident so it is ready the moment the incident opens or grows.
import { subscriberIdsUnder } from "@/server/modules/network";
import { subscriberSummaries } from "@/server/modules/subscribers";
import type { ServiceContext } from "@/server/service-context";
import { tenantSql } from "@/server/sql";

/** (Re)computes the impact lists of these incidents: one lookup per root, then set-based writes. */
export async function refreshImpact(svc: ServiceContext, incidents: { id: string; rootKey: string }[]) {
  if (incidents.length === 0) return;
  const behind = await Promise.all(incidents.map((i) => subscriberIdsUnder(svc, [i.rootKey])));
  const subs = new Map(
    (await subscriberSummaries(svc, [...new Set(behind.flat())]))
      .filter((s) => s.status === "ACTIVE")
      .map((s) => [s.id, s]),
  );
  const rows = incidents.flatMap((i, n) =>
    behind[n].flatMap((id) => {
      const s = subs.get(id);
      return s ? [{ ...s, incidentId: i.id }] : [];
    }),
  );
  // Set-based: an OLT's impact list is hundreds of rows.
  if (rows.length)
    await tenantSql(svc.db, svc.tenantId).execute`
      INSERT INTO "IncidentImpact" (id, "tenantId", "incidentId", "subscriberId", "customerId", "customerName",
             username, business, "planName")
      SELECT gen_random_uuid(), ${svc.tenantId}::uuid, r."incidentId", r.id, r."customerId", r."customerName",
             r.username, r.business, r."planName"
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r("incidentId" uuid, id uuid, "customerId" uuid,
             "customerName" text, username text, business boolean, "planName" text)
      ON CONFLICT DO NOTHING`;
  const ids = incidents.map((i) => i.id);
  await tenantSql(svc.db, svc.tenantId).execute`
    UPDATE "Incident" i SET "affectedCount" = c.affected, "businessCount" = c.business, "updatedAt" = now()
      FROM (SELECT "incidentId" AS id, count(*)::int AS affected, (count(*) FILTER (WHERE business))::int AS business
              FROM "IncidentImpact" WHERE "tenantId" = ${svc.tenantId}::uuid AND "incidentId" = ANY (${ids}::uuid[])
             GROUP BY 1) c
     WHERE i.id = c.id AND i."tenantId" = ${svc.tenantId}::uuid`;
}
