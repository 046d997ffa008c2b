// The partner portal's use cases: the dashboard, the partner's customers and their services,
// and plan changes for them (through the change-plan saga). `svc` is a partner user's context
// (already narrowed to the partner's tree) or a staff context looking at one partner.
import { notFound } from "@/server/errors";
import type { ListInput } from "@/server/list";
import { listPlans } from "@/server/modules/catalog";
import { customersOfPartners, getCustomer, listCustomers } from "@/server/modules/customers";
import { getJob, type JobView, previewSaga, startSaga } from "@/server/modules/orchestration";
import { servicesOfCustomers } from "@/server/modules/subscribers";
import { partnerContext, type ServiceContext } from "@/server/service-context";
import { commissionMonths, monthOf } from "./commissions";
import { getPartner, partnerTree } from "./partners";

export async function partnerDashboard(svc: ServiceContext, partnerId: string, now = new Date()) {
  const partner = await getPartner(svc, partnerId);
  const tree = await partnerTree(svc, partnerId);
  const customers = await customersOfPartners(svc, tree);
  const services = await servicesOfCustomers(
    svc,
    customers.map((c) => c.id),
  );
  const active = services.filter((s) => s.status === "ACTIVE");
  const months = await commissionMonths(svc, partnerId);
  const thisMonth = months.find((m) => m.month === monthOf(now));
  return {
    partner: { id: partner.id, name: partner.brandName || partner.name, type: partner.type },
    customers: customers.length,
    activeServices: active.length,
    mrrMinor: active.reduce((sum, s) => sum + s.priceMinor, 0),
    currency: active[0]?.currency ?? partner.commissionPlan?.currency ?? null,
    commissionThisMonthMinor: thisMonth?.totalMinor ?? 0,
    commissionUnpaidMinor: months.filter((m) => !m.payout).reduce((sum, m) => sum + m.totalMinor, 0),
  };
}

/**
 * A page of the partner's (and sub-partners') customers with their services and MRR; staff
 * looking at a partner get the same narrowed view.
 */
export async function partnerCustomers(svc: ServiceContext, partnerId: string, input: ListInput) {
  await getPartner(svc, partnerId);
  const scoped = partnerContext(svc.tenantId, await partnerTree(svc, partnerId), svc.actor);
  const page = await listCustomers(scoped, input);
  const services = await servicesOfCustomers(
    scoped,
    page.rows.map((c) => c.id),
  );
  return {
    total: page.total,
    rows: page.rows.map((c) => {
      const own = services.filter((s) => s.customerId === c.id);
      const active = own.filter((s) => s.status === "ACTIVE");
      return {
        ...c,
        services: own,
        activeServices: active.length,
        mrrMinor: active.reduce((sum, s) => sum + s.priceMinor, 0),
      };
    }),
  };
}

export async function partnerCustomer(svc: ServiceContext, partnerId: string, customerId: string) {
  const tree = await partnerTree(svc, partnerId);
  const customer = await getCustomer(svc, customerId);
  if (!customer.partnerId || !tree.includes(customer.partnerId)) throw notFound("Customer");
  const services = await servicesOfCustomers(svc, [customer.id]);
  return {
    id: customer.id,
    number: customer.number,
    name: customer.companyName || customer.name,
    email: customer.email,
    phone: customer.phone,
    services: services.filter((s) => s.status !== "TERMINATED"),
  };
}

/** The plans a partner may move its customers to. */
export async function partnerPlans(svc: ServiceContext) {
  const { rows } = await listPlans(svc, { page: 1, pageSize: 200, filters: { active: "true" } });
  return rows.map((p) => ({ id: p.id, name: p.name, priceMinor: p.priceMinor, currency: p.currency }));
}

async function ownedService(svc: ServiceContext, partnerId: string, subscriberId: string) {
  const customers = await customersOfPartners(svc, await partnerTree(svc, partnerId));
  const services = await servicesOfCustomers(
    svc,
    customers.map((c) => c.id),
  );
  const service = services.find((s) => s.id === subscriberId);
  if (!service) throw notFound("Subscriber");
  return service;
}

/** The dry run of a plan change: each step's intended change (details, which may hold secrets, left out). */
export async function previewCustomerPlan(
  svc: ServiceContext,
  partnerId: string,
  input: { subscriberId: string; planId: string },
) {
  await ownedService(svc, partnerId, input.subscriberId);
  const plan = await previewSaga(svc, "change-plan", { ...input, effective: "now" });
  return {
    ok: plan.ok,
    steps: plan.steps.map((s) => ({
      name: s.name,
      title: s.title,
      status: s.status,
      summary: s.summary,
      error: s.error ?? null,
    })),
  };
}

/** Starts the change-plan saga (preview, CoA, billing, notification) for a partner's customer. */
export async function changeCustomerPlan(
  svc: ServiceContext,
  partnerId: string,
  input: { subscriberId: string; planId: string; idempotencyKey?: string | null },
): Promise<JobView> {
  await ownedService(svc, partnerId, input.subscriberId);
  return startSaga(
    svc,
    "change-plan",
    { subscriberId: input.subscriberId, planId: input.planId, effective: "now" },
    input.idempotencyKey ?? null,
  );
}

/** A plan-change job the partner started, to follow its steps. */
export async function partnerJob(svc: ServiceContext, partnerId: string, jobId: string): Promise<JobView> {
  const job = await getJob(svc, jobId);
  if (!job.subscriberId) throw notFound("Job");
  await ownedService(svc, partnerId, job.subscriberId).catch(() => {
    throw notFound("Job");
  });
  return job;
}
