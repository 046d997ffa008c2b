// What partners' commissions are figured on: the issued invoices of some customers with their
// recurring net (no tax, usage or one-off fees), what was collected and credited, and the
// subscription's start and end (for "first N months" and churn windows).
import type { ServiceContext } from "@/server/service-context";

export type CommissionableInvoice = {
  id: string;
  number: string | null;
  customerId: string;
  subscriberId: string | null;
  currency: string;
  periodStart: Date | null;
  totalMinor: number;
  /** Net of the recurring lines (plan, add-ons, proration and its credits). */
  recurringNetMinor: number;
  paidMinor: number;
  /** Credit notes on it in full (also what went to the customer's credit balance). */
  creditedMinor: number;
  void: boolean;
  subscriptionStartedOn: Date | null;
  subscriptionEndedOn: Date | null;
};

const RECURRING = ["RECURRING", "ADDON", "PRORATION", "CREDIT"] as const;

export async function commissionableInvoices(
  svc: ServiceContext,
  customerIds: string[],
): Promise<CommissionableInvoice[]> {
  if (customerIds.length === 0) return [];
  const rows = await svc.db.invoice.findMany({
    where: { customerId: { in: customerIds }, status: { not: "DRAFT" } },
    select: {
      id: true,
      number: true,
      customerId: true,
      subscriberId: true,
      currency: true,
      periodStart: true,
      totalMinor: true,
      paidMinor: true,
      status: true,
      creditNotes: { select: { totalMinor: true } },
      lines: { where: { kind: { in: [...RECURRING] } }, select: { netMinor: true } },
      subscription: { select: { startedOn: true, endedOn: true } },
    },
    orderBy: { createdAt: "asc" },
  });
  return rows.map(({ lines, subscription, status, creditNotes, ...inv }) => ({
    ...inv,
    creditedMinor: creditNotes.reduce((sum, n) => sum + n.totalMinor, 0),
    recurringNetMinor: lines.reduce((sum, l) => sum + l.netMinor, 0),
    void: status === "VOID",
    subscriptionStartedOn: subscription?.startedOn ?? null,
    subscriptionEndedOn: subscription?.endedOn ?? null,
  }));
}
