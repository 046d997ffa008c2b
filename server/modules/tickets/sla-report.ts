// The monthly SLA report per team: of the tickets opened in a month (in the policy's time
// zone), how many met and how many breached their first-response and resolution targets, and
// how many are still running. Breaches are the ones recorded on the ticket (at a stop, the
// first reply or by the SLA watch), so the report agrees with what the queue showed.
import { Prisma } from "@/server/db";
import { invalid } from "@/server/errors";
import type { ServiceContext } from "@/server/service-context";
import { tenantSql } from "@/server/sql";
import { getSlaPolicy } from "./sla";

export type SlaReportRow = {
  team: string;
  tickets: number;
  responseMet: number;
  responseBreached: number;
  responsePending: number;
  resolutionMet: number;
  resolutionBreached: number;
  resolutionOpen: number;
};

export async function slaReport(svc: ServiceContext, month: string) {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw invalid("Choose a month as YYYY-MM");
  const policy = await getSlaPolicy(svc);
  const next = Number(m[2]) === 12 ? `${Number(m[1]) + 1}-01` : `${m[1]}-${String(Number(m[2]) + 1).padStart(2, "0")}`;
  const rows = await tenantSql(svc.db, svc.tenantId).query<SlaReportRow[]>(Prisma.sql`
    SELECT t."team",
           COUNT(*)::int AS "tickets",
           COUNT(*) FILTER (WHERE t."firstRespondedAt" IS NOT NULL AND NOT t."responseBreached")::int AS "responseMet",
           COUNT(*) FILTER (WHERE t."responseBreached")::int AS "responseBreached",
           COUNT(*) FILTER (WHERE t."firstRespondedAt" IS NULL AND NOT t."responseBreached")::int AS "responsePending",
           COUNT(*) FILTER (WHERE t."status" IN ('RESOLVED', 'CLOSED') AND NOT t."resolutionBreached")::int AS "resolutionMet",
           COUNT(*) FILTER (WHERE t."resolutionBreached")::int AS "resolutionBreached",
           COUNT(*) FILTER (WHERE t."status" NOT IN ('RESOLVED', 'CLOSED') AND NOT t."resolutionBreached")::int AS "resolutionOpen"
      FROM "Ticket" t
     WHERE t."tenantId" = ${svc.tenantId}::uuid AND t."mergedIntoId" IS NULL
       AND t."createdAt" >= (${`${month}-01`}::timestamp AT TIME ZONE ${policy.timeZone})
       AND t."createdAt" < (${`${next}-01`}::timestamp AT TIME ZONE ${policy.timeZone})
     GROUP BY t."team"
     ORDER BY t."team"`);
  const total = rows.reduce(
    (sum, r) => {
      for (const k of Object.keys(sum) as Array<keyof typeof sum>) sum[k] += r[k];
      return sum;
    },
    {
      tickets: 0,
      responseMet: 0,
      responseBreached: 0,
      responsePending: 0,
      resolutionMet: 0,
      resolutionBreached: 0,
      resolutionOpen: 0,
    },
  );
  return { month, timeZone: policy.timeZone, rows, total };
}
