// The partner API (/api/v1/partners/*): a partner's own dashboard, customers and commissions,
// and the hand-off of a customer to the ISP. For partner accounts only: the caller's context
// is narrowed to their partner and its sub-partners.
import { z } from "zod";
import { forbidden } from "@/server/errors";
import { withIdempotency } from "@/server/idempotency";
import { defineRoute } from "@/server/rest";
import type { ServiceContext } from "@/server/service-context";
import { commissionLedger, commissionMonths, recomputeCommissions } from "./commissions";
import { handOffCustomer } from "./handoff";
import { partnerScope } from "./partners";
import { partnerCustomers, partnerDashboard } from "./portal";

const TAG = "Partners";
const timestamp = z.iso.datetime({ offset: true });

async function partnerOf(svc: ServiceContext) {
  if (!svc.partnerIds) throw forbidden("These routes are for partner accounts");
  const scoped = await partnerScope(svc);
  return { svc: scoped, partnerId: scoped.partnerIds![0]! };
}

const money = (what: string) => z.number().int().describe(`${what}, in minor units of \`currency\``);

const service = z.object({
  id: z.uuid(),
  username: z.string(),
  status: z.string(),
  plan_id: z.uuid(),
  plan_name: z.string(),
  price_minor: money("Monthly price"),
  currency: z.string(),
});

const customerOut = z.object({
  id: z.uuid(),
  number: z.string(),
  name: z.string(),
  active_services: z.number().int(),
  mrr_minor: money("Monthly recurring revenue of the active services"),
  services: z.array(service),
  created_at: timestamp,
});

export const partnerRoutes = [
  defineRoute({
    method: "GET",
    path: "/partners/dashboard",
    tag: TAG,
    summary: "The partner's dashboard: customers, active services, MRR and commissions",
    permission: "partner.portal",
    response: z.object({
      partner_id: z.uuid(),
      name: z.string(),
      customers: z.number().int(),
      active_services: z.number().int(),
      mrr_minor: money("Monthly recurring revenue"),
      currency: z.string().nullable(),
      commission_this_month_minor: money("Commission recorded this month"),
      commission_unpaid_minor: money("Commission not yet paid out"),
    }),
    async handler({ svc }) {
      const p = await partnerOf(svc);
      const d = await partnerDashboard(p.svc, p.partnerId);
      return {
        partner_id: d.partner.id,
        name: d.partner.name,
        customers: d.customers,
        active_services: d.activeServices,
        mrr_minor: d.mrrMinor,
        currency: d.currency,
        commission_this_month_minor: d.commissionThisMonthMinor,
        commission_unpaid_minor: d.commissionUnpaidMinor,
      };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/partners/customers",
    tag: TAG,
    summary: "The customers of the partner and its sub-partners, with their services",
    permission: "partner.portal",
    query: z.object({
      page: z.coerce.number().int().min(1).default(1),
      page_size: z.coerce.number().int().min(1).max(200).default(50),
      search: z.string().trim().max(200).optional().describe("Part of the name, number, email or phone"),
    }),
    response: z.object({ data: z.array(customerOut), total: z.number().int() }),
    async handler({ svc, query }) {
      const p = await partnerOf(svc);
      const { rows, total } = await partnerCustomers(p.svc, p.partnerId, {
        page: query.page,
        pageSize: query.page_size,
        search: query.search,
      });
      return {
        total,
        data: rows.map((c) => ({
          id: c.id,
          number: c.number,
          name: c.companyName || c.name,
          active_services: c.activeServices,
          mrr_minor: c.mrrMinor,
          created_at: c.createdAt,
          services: c.services.map((s) => ({
            id: s.id,
            username: s.username,
            status: s.status,
            plan_id: s.planId,
            plan_name: s.planName,
            price_minor: s.priceMinor,
            currency: s.currency,
          })),
        })),
      };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/partners/commissions",
    tag: TAG,
    summary: "Commission statements by month, and the ledger of one month",
    description:
      "The ledger is brought up to date from paid, refunded and credited invoices first. Entries are append-only: a clawback is a negative entry.",
    permission: "partner.portal",
    query: z.object({
      month: z
        .string()
        .regex(/^\d{4}-\d{2}$/)
        .optional()
        .describe("YYYY-MM; default: none"),
    }),
    response: z.object({
      months: z.array(
        z.object({
          month: z.string(),
          currency: z.string(),
          total_minor: money("The month's commission"),
          paid_out: z.boolean(),
        }),
      ),
      entries: z.array(
        z.object({
          id: z.uuid(),
          month: z.string(),
          source: z.enum(["INVOICE", "ACTIVATION"]),
          source_id: z.uuid(),
          customer_id: z.uuid(),
          amount_minor: money("Commission (negative: clawback)"),
          currency: z.string(),
          description: z.string(),
          created_at: timestamp,
        }),
      ),
    }),
    async handler({ svc, query }) {
      const p = await partnerOf(svc);
      await recomputeCommissions(p.svc, p.partnerId);
      const [months, entries] = await Promise.all([
        commissionMonths(p.svc, p.partnerId),
        query.month ? commissionLedger(p.svc, p.partnerId, query.month) : Promise.resolve([]),
      ]);
      return {
        months: months.map((m) => ({
          month: m.month,
          currency: m.currency,
          total_minor: m.totalMinor,
          paid_out: Boolean(m.payout),
        })),
        entries: entries.map((e) => ({
          id: e.id,
          month: e.month,
          source: e.source,
          source_id: e.sourceId,
          customer_id: e.customerId,
          amount_minor: e.amountMinor,
          currency: e.currency,
          description: e.description,
          created_at: e.createdAt,
        })),
      };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/partners/customers/{id}/handoff",
    tag: TAG,
    summary: "Hand a customer (and its services) over to the ISP",
    permission: "partner.portal",
    params: z.object({ id: z.uuid() }),
    response: z.object({ customer_id: z.uuid(), handed_off_from: z.uuid() }),
    async handler({ svc, params, idempotencyKey }) {
      const p = await partnerOf(svc);
      const r = await withIdempotency(p.svc, "partners.handoff", idempotencyKey, params, () =>
        handOffCustomer(p.svc, p.partnerId, params.id),
      );
      return { customer_id: r.customerId, handed_off_from: r.handedOffFrom };
    },
  }),
];
