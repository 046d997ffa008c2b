// What payments may do to invoices: lock them (FOR UPDATE, in the payment's transaction) and
// move their paid amount; and what they tell billing about an invoice (the payments allocated to
// it, through a reader the payments module provides: it sits above billing). Everything else
// about an invoice stays billing's.
import { type DbTx, Prisma } from "@/server/db";
import type { Payment, PaymentAllocation } from "@/server/generated/prisma/client";
import type { ServiceContext } from "@/server/service-context";
import { tenantSql } from "@/server/sql";
import { settledStatus } from "./invoicing";

export type LockedInvoice = {
  id: string;
  number: string | null;
  status: string;
  customerId: string;
  subscriberId: string | null;
  currency: string;
  totalMinor: number;
  paidMinor: number;
  creditedMinor: number;
};

/**
 * Locks the given invoices, or a customer's open (issued, partly paid) ones, oldest due first,
 * until the caller's transaction ends.
 */
export async function lockInvoicesForPayment(
  tx: DbTx,
  tenantId: string,
  which: { ids: string[] } | { openOfCustomer: string },
) {
  const where =
    "ids" in which
      ? Prisma.sql`"id" = ANY(${which.ids}::uuid[])`
      : Prisma.sql`"customerId" = ${which.openOfCustomer}::uuid AND "status" IN ('ISSUED', 'PARTIALLY_PAID')`;
  return tenantSql(tx, tenantId).query<LockedInvoice[]>(Prisma.sql`
    SELECT "id", "number", "status"::text AS status, "customerId", "subscriberId", "currency", "totalMinor",
           "paidMinor", "creditedMinor"
      FROM "Invoice" WHERE "tenantId" = ${tenantId}::uuid AND ${where}
     ORDER BY "dueDate" NULLS LAST, "sequence" FOR UPDATE`);
}

/** Sets a locked invoice's paid amount; its status follows (paid, partly paid, issued). */
export async function setInvoicePaid(tx: DbTx, inv: LockedInvoice, paidMinor: number) {
  await tx.invoice.update({
    where: { id: inv.id },
    data: { paidMinor, status: settledStatus({ ...inv, paidMinor }) },
  });
}

/** The invoice row (no lines), or null. */
export async function findInvoice(svc: ServiceContext, id: string) {
  return svc.db.invoice.findFirst({ where: { id } });
}

/** The ids of the tenant's invoices whose number contains the text (payments' search), at most 500. */
export async function invoiceIdsWithNumber(svc: ServiceContext, text: string) {
  const rows = await svc.db.invoice.findMany({
    where: { number: { contains: text, mode: "insensitive" } },
    select: { id: true },
    take: 500,
  });
  return rows.map((r) => r.id);
}

/** Some invoices of the tenant by id (e.g. those payments were allocated to). */
export async function invoicesByIds(svc: ServiceContext, ids: string[]) {
  if (ids.length === 0) return [];
  return svc.db.invoice.findMany({ where: { id: { in: [...new Set(ids)] } } });
}

export type InvoicePayment = PaymentAllocation & { payment: Payment };
type PaymentsReader = (svc: ServiceContext, invoiceId: string) => Promise<InvoicePayment[]>;
let paymentsReader: PaymentsReader | null = null;

/** The payments module registers how to read the payments allocated to an invoice. */
export function provideInvoicePayments(reader: PaymentsReader) {
  paymentsReader = reader;
}

/** The payments allocated to an invoice, oldest first. */
export function paymentsOfInvoice(svc: ServiceContext, invoiceId: string) {
  if (!paymentsReader) throw new Error("No reader of invoice payments: import @/server/modules/payments first");
  return paymentsReader(svc, invoiceId);
}
