// What billing reads about the tenant, its catalogue and its customers. Kept in one file so the
// rest of billing never touches another module's tables; each reader is a narrow projection.
import type { DbTx } from "@/server/db";
import { notFound } from "@/server/errors";
import { findPlan, ratedPlansOf } from "@/server/modules/catalog";
import { customersByIds } from "@/server/modules/customers";
import { loadTenant, taxRatesOf } from "@/server/modules/tenancy";
import type { ServiceContext } from "@/server/service-context";

export type BillingTenant = {
  id: string;
  name: string;
  legalName: string;
  brandName: string | null;
  logoUrl: string | null;
  primaryColor: string;
  accentColor: string;
  supportEmail: string | null;
  supportPhone: string | null;
  currency: string;
  timezone: string;
  locale: string;
  billingDay: number;
  invoicePrefix: string;
  pricesIncludeTax: boolean;
  /** Days after issue an invoice is due (tenant settings billing.paymentTermsDays, default 14). */
  paymentTermsDays: number;
};

export async function loadBillingTenant(svc: ServiceContext | { tenantId: string; db: DbTx }): Promise<BillingTenant> {
  const t = await loadTenant(svc.db, svc.tenantId);
  if (!t) throw notFound("Tenant");
  const settings = (t.settings ?? {}) as { billing?: { paymentTermsDays?: number } };
  return {
    id: t.id,
    name: t.name,
    legalName: t.legalName,
    brandName: t.brandName,
    logoUrl: t.logoUrl,
    primaryColor: t.primaryColor,
    accentColor: t.accentColor,
    supportEmail: t.supportEmail,
    supportPhone: t.supportPhone,
    currency: t.currency,
    timezone: t.timezone,
    locale: t.locale,
    billingDay: t.billingDay,
    invoicePrefix: t.invoicePrefix,
    pricesIncludeTax: t.pricesIncludeTax,
    paymentTermsDays: Number(settings.billing?.paymentTermsDays ?? 14),
  };
}

export type RatedPlan = {
  id: string;
  code: string;
  name: string;
  priceMinor: number;
  currency: string;
  setupFeeMinor: number;
  dataCapGb: number | null;
  overagePerGbMinor: number;
  taxRateId: string | null;
};

export type TaxRateInfo = { id: string; name: string; basisPoints: number; isDefault: boolean };

export async function loadPlans(tx: DbTx, tenantId: string): Promise<Map<string, RatedPlan>> {
  const plans = await ratedPlansOf(tx, tenantId);
  return new Map(plans.map((p) => [p.id, p]));
}

export async function loadPlan(svc: ServiceContext, planId: string): Promise<RatedPlan> {
  const plan = await findPlan(svc, planId);
  if (!plan) throw notFound("Plan");
  return plan;
}

export async function loadTaxRates(tx: DbTx, tenantId: string): Promise<Map<string, TaxRateInfo>> {
  return new Map((await taxRatesOf(tx, tenantId)).map((r) => [r.id, r]));
}

/** The rate a line uses: its own, else the tenant's default rate, else none. */
export function resolveTaxRate(rates: Map<string, TaxRateInfo>, taxRateId: string | null | undefined) {
  if (taxRateId) {
    const r = rates.get(taxRateId);
    if (r) return r;
  }
  for (const r of rates.values()) if (r.isDefault) return r;
  return null;
}

export type BillTo = {
  customerId: string;
  number: string;
  name: string;
  companyName: string | null;
  email: string;
  taxId: string | null;
  lines: string[];
};

export async function loadBillTo(tx: DbTx, tenantId: string, customerIds: string[]): Promise<Map<string, BillTo>> {
  const customers = await customersByIds(tx, tenantId, customerIds);
  return new Map(
    customers.map((c) => [
      c.id,
      {
        customerId: c.id,
        number: c.number,
        name: c.name,
        companyName: c.companyName,
        email: c.email,
        taxId: c.taxId,
        lines: [c.billingLine1, c.billingLine2, `${c.billingPostcode} ${c.billingCity}`, c.billingCountry].filter(
          (l): l is string => Boolean(l),
        ),
      },
    ]),
  );
}

/** What billing needs of a subscriber; its caller (the subscribers module, a saga step) passes it in. */
export type BilledSubscriber = { id: string; customerId: string; planId: string };
