// The payments allocated to an invoice, as billing's invoice pages show them: billing sits below
// payments and reads them through this reader, provided when the payments face loads.
import { type InvoicePayment, provideInvoicePayments } from "@/server/modules/billing";
import type { ServiceContext } from "@/server/service-context";

async function paymentsOfInvoice(svc: ServiceContext, invoiceId: string): Promise<InvoicePayment[]> {
  return svc.db.paymentAllocation.findMany({
    where: { invoiceId },
    include: { payment: true },
    orderBy: { createdAt: "asc" },
  });
}

provideInvoicePayments(paymentsOfInvoice);
