// Overdue invoices as dunning reads them: per billing subscription, its oldest open invoice
// past due and the total still owed on its open invoices.
import { Prisma } from "@/server/db";
import type { ServiceContext } from "@/server/service-context";
import { tenantSql } from "@/server/sql";
import { isoDate } from "./money";

export type OverdueSubscription = {
  subscriptionId: string;
  subscriberId: string;
  customerId: string;
  oldestDue: Date;
  overdueMinor: number;
  invoiceId: string;
  invoiceNumber: string;
  currency: string;
  email: string | null;
  name: string;
};

/** Subscriptions with open invoices past due on `today`, with their oldest one. */
export async function overdueSubscriptions(svc: ServiceContext, today: Date, subscriptionIds?: string[]) {
  return tenantSql(svc.db, svc.tenantId).query<OverdueSubscription[]>(Prisma.sql`
    SELECT DISTINCT ON (i."subscriptionId") i."subscriptionId", i."subscriberId", i."customerId",
           i."dueDate" AS "oldestDue", i."id" AS "invoiceId", i."number" AS "invoiceNumber", i."currency",
           i."billTo"->>'email' AS email, COALESCE(i."billTo"->>'name', '') AS name,
           (SUM(i."totalMinor" - i."paidMinor" - i."creditedMinor") OVER (PARTITION BY i."subscriptionId"))::int AS "overdueMinor"
      FROM "Invoice" i
     WHERE i."tenantId" = ${svc.tenantId}::uuid AND i."status" IN ('ISSUED', 'PARTIALLY_PAID')
       AND i."subscriptionId" IS NOT NULL AND i."subscriberId" IS NOT NULL
       AND i."dueDate" < ${isoDate(today)}::date AND (i."totalMinor" - i."paidMinor" - i."creditedMinor") > 0
       ${subscriptionIds ? Prisma.sql`AND i."subscriptionId" = ANY(${subscriptionIds}::uuid[])` : Prisma.empty}
     ORDER BY i."subscriptionId", i."dueDate", i."sequence"`);
}
