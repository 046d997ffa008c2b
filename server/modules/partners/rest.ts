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
import { createPartnerLead, createPartnerQuote } from "./sales";

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

const address = z.object({
  street_name: z.string(),
  street_nr: z.string(),
  unit: z.string().optional(),
  postcode: z.string(),
  city: z.string(),
  country: z.string().length(2).default("DE"),
});

const leadOut = z.object({
  id: z.uuid(),
  reference: z.string().describe("L-<number>"),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().describe("The service address as one line (empty when none was given)"),
  partner_id: z.uuid().nullable(),
  stage: z.string(),
  serviceability: z.enum(["SERVICEABLE", "SERVICEABLE_WITH_BUILD", "NOT_SERVICEABLE"]).nullable(),
  serviceability_reason: z.string().nullable(),
  duplicate_of_id: z.uuid().nullable().describe("An earlier lead of the partner with the same email, phone or address"),
  creation_date: timestamp,
});

const quoteOut = z.object({
  id: z.uuid(),
  number: z.string(),
  lead_id: z.uuid(),
  status: z.string().describe("DRAFT, or PENDING_APPROVAL when the discount needs the ISP's approval"),
  currency: z.string(),
  monthly_gross_minor: money("Monthly total with tax"),
  one_off_gross_minor: money("One-off total with tax"),
  discount_basis_points: z.number().int(),
  lines: z.array(
    z.object({
      kind: z.string(),
      description: z.string(),
      recurring: z.boolean(),
      quantity: z.number().int(),
      amount_minor: money("Line amount before tax"),
    }),
  ),
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
    path: "/partners/leads",
    tag: TAG,
    summary: "Register a lead the partner brought (source PARTNER)",
    description:
      "The address is located and checked for serviceability. The lead belongs to the partner, or to the sub-partner named by `partner_id`.",
    permission: "partner.portal",
    status: 201,
    body: z.object({
      name: z.string(),
      email: z.string().optional(),
      phone: z.string().optional(),
      address: address.optional(),
      partner_id: z.uuid().optional().describe("One of the partner's sub-partners; default the partner itself"),
      plan_id: z.uuid().optional(),
      notes: z.string().optional(),
    }),
    response: leadOut,
    async handler({ svc, body }) {
      const p = await partnerOf(svc);
      const l = await createPartnerLead(p.svc, p.partnerId, {
        name: body.name,
        email: body.email,
        phone: body.phone,
        partnerId: body.partner_id,
        planId: body.plan_id,
        notes: body.notes,
        address: body.address && {
          streetName: body.address.street_name,
          streetNr: body.address.street_nr,
          unit: body.address.unit,
          postcode: body.address.postcode,
          city: body.address.city,
          country: body.address.country,
        },
      });
      return {
        id: l.id,
        reference: `L-${l.number}`,
        name: l.name,
        email: l.email,
        phone: l.phone,
        address: l.addressLabel,
        partner_id: l.partnerId,
        stage: l.stage,
        serviceability: l.serviceability as z.infer<typeof leadOut>["serviceability"],
        serviceability_reason: l.serviceabilityReason,
        duplicate_of_id: l.duplicateOfId,
        creation_date: l.createdAt,
      };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/partners/quotes",
    tag: TAG,
    summary: "Quote one of the partner's leads from the catalogue",
    description:
      "Priced like the ISP's own quotes (the plan, installation, equipment, a build charge where needed, tax). A new quote supersedes the lead's open ones; a discount above 15% waits for the ISP's approval.",
    permission: "partner.portal",
    status: 201,
    body: z.object({
      lead_id: z.uuid(),
      plan_id: z.uuid(),
      equipment: z
        .array(
          z.object({ description: z.string(), unit_minor: z.number().int(), quantity: z.number().int().default(1) }),
        )
        .default([]),
      discount_basis_points: z.number().int().default(0),
      valid_days: z.number().int().default(14),
    }),
    response: quoteOut,
    async handler({ svc, body }) {
      const p = await partnerOf(svc);
      const q = await createPartnerQuote(p.svc, p.partnerId, {
        leadId: body.lead_id,
        planId: body.plan_id,
        equipment: body.equipment.map((e) => ({
          description: e.description,
          unitMinor: e.unit_minor,
          quantity: e.quantity,
        })),
        discountBasisPoints: body.discount_basis_points,
        validDays: body.valid_days,
      });
      return {
        id: q.id,
        number: q.number,
        lead_id: q.leadId,
        status: q.status,
        currency: q.currency,
        monthly_gross_minor: q.monthlyGrossMinor,
        one_off_gross_minor: q.oneOffGrossMinor,
        discount_basis_points: q.discountBasisPoints,
        lines: q.lines.map((l) => ({
          kind: l.kind,
          description: l.description,
          recurring: l.recurring,
          quantity: l.quantity,
          amount_minor: l.amountMinor,
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
