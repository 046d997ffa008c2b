// What the subscriber portal shows about money and usage: the signed-in subscriber user's
// customer account only (every query filters by that customer id; another customer's invoice
// is NOT_FOUND).
import { forbidden, notFound } from "@/server/errors";
import type { ListInput } from "@/server/list";
import { findPlan } from "@/server/modules/catalog";
import { usagePerDay } from "@/server/modules/radius";
import type { ServiceContext } from "@/server/service-context";
import { billingToday } from "./clock";
import { loadBillingTenant } from "./directory";
import { cycleContaining, isoDate } from "./money";
import { customerAccount, getInvoiceWithPayments, invoicePdf, listInvoices } from "./service";

export function requireCustomer(customerId: string | null | undefined): string {
  if (!customerId) throw forbidden("This account is not linked to a customer; ask support to link it");
  return customerId;
}

/**
 * The billing half of the portal's overview: balance, open invoices and each service's plan.
 * The subscribers module adds each service's username and status (subscribers.portal.overview).
 */
export async function portalOverview(svc: ServiceContext, customerId: string) {
  const [account, subs, tenant] = await Promise.all([
    customerAccount(svc, customerId),
    svc.db.billingSubscription.findMany({ where: { customerId }, orderBy: { createdAt: "asc" } }),
    loadBillingTenant(svc),
  ]);
  const today = await billingToday(svc);
  const services = [];
  for (const s of subs) {
    const plan = await findPlan(svc, s.planId);
    const pending = s.pendingPlanId ? await findPlan(svc, s.pendingPlanId) : null;
    services.push({
      subscriptionId: s.id,
      subscriberId: s.subscriberId,
      billingStatus: s.status,
      plan: plan
        ? {
            name: plan.name,
            priceMinor: plan.priceMinor,
            downloadKbps: plan.downloadKbps,
            uploadKbps: plan.uploadKbps,
            dataCapGb: plan.dataCapGb,
          }
        : null,
      pendingPlan: pending ? { name: pending.name, from: s.pendingPlanFrom ? isoDate(s.pendingPlanFrom) : null } : null,
      paidThrough: isoDate(s.paidThrough),
    });
  }
  const cycle = cycleContaining(today, tenant.billingDay);
  return {
    currency: tenant.currency,
    locale: tenant.locale,
    pricesIncludeTax: tenant.pricesIncludeTax,
    cycle: { start: isoDate(cycle.start), end: isoDate(cycle.end) },
    balanceDueMinor: account.balanceDueMinor,
    overdueMinor: account.overdueMinor,
    creditBalanceMinor: account.creditBalanceMinor,
    openInvoices: account.openInvoices.map((i) => ({
      id: i.id,
      number: i.number,
      dueDate: i.dueDate ? isoDate(i.dueDate) : null,
      amountDueMinor: i.amountDueMinor,
      overdue: Boolean(i.dueDate && i.dueDate < today),
    })),
    services,
  };
}

export function portalInvoices(svc: ServiceContext, customerId: string, input: ListInput) {
  return listInvoices(svc, { ...input, customerId, filters: { ...(input.filters ?? {}), customerId } }).then((r) => ({
    ...r,
    rows: r.rows.filter((i) => i.status !== "DRAFT"),
  }));
}

export async function portalInvoice(svc: ServiceContext, customerId: string, id: string) {
  const inv = await getInvoiceWithPayments(svc, id);
  if (inv.customerId !== customerId || inv.status === "DRAFT") throw notFound("Invoice");
  return inv;
}

export async function portalInvoicePdf(svc: ServiceContext, customerId: string, id: string) {
  await portalInvoice(svc, customerId, id);
  return invoicePdf(svc, id);
}

/** Usage by day (last `days` days) and by month, per service of the customer. */
export async function portalUsage(
  svc: ServiceContext,
  customerId: string,
  input: { subscriberId?: string; days?: number },
) {
  const subs = await svc.db.billingSubscription.findMany({ where: { customerId }, orderBy: { createdAt: "asc" } });
  const sub = input.subscriberId ? subs.find((s) => s.subscriberId === input.subscriberId) : subs[0];
  if (!sub) {
    if (input.subscriberId) throw notFound("Service");
    return { subscriberId: null, daily: [], monthly: [], capGb: null };
  }
  const daily = await usagePerDay(svc, sub.subscriberId, input.days ?? 90);
  const months = new Map<string, { month: string; downloadBytes: number; uploadBytes: number }>();
  for (const d of daily) {
    const key = d.day.slice(0, 7);
    const m = months.get(key) ?? { month: key, downloadBytes: 0, uploadBytes: 0 };
    m.downloadBytes += d.downloadBytes;
    m.uploadBytes += d.uploadBytes;
    months.set(key, m);
  }
  const plan = await findPlan(svc, sub.planId);
  return {
    subscriberId: sub.subscriberId,
    services: subs.map((s) => s.subscriberId),
    daily,
    monthly: [...months.values()],
    capGb: plan?.dataCapGb ?? null,
  };
}
