// /api/v1/quotes: quotes for integrations, snake_case, through the same use cases as /crm.
import { z } from "zod";
import { withIdempotency } from "@/server/idempotency";
import { cursorPage, cursorQuery, defineRoute, pageOf } from "@/server/rest";
import type { ServiceContext } from "@/server/service-context";
import { createQuote } from "./create-quote";
import { getQuote } from "./queries";
import { sendQuote } from "./send-quote";

const timestamp = z.iso.datetime({ offset: true });
const TAG = "Sales quotes";
const STATUSES = ["DRAFT", "PENDING_APPROVAL", "SENT", "ACCEPTED", "SUPERSEDED", "CANCELLED"] as const;
const KINDS = ["PLAN", "INSTALLATION", "EQUIPMENT", "ADDON", "BUILD", "DISCOUNT"] as const;

const totals = z.object({ net_minor: z.number().int(), tax_minor: z.number().int(), gross_minor: z.number().int() });

const quoteOut = z.object({
  id: z.uuid(),
  href: z.string(),
  number: z.string(),
  lead_id: z.uuid(),
  version: z.number().int(),
  status: z.enum(STATUSES),
  currency: z.string(),
  prices_include_tax: z.boolean(),
  tax_basis_points: z.number().int(),
  discount_basis_points: z.number().int(),
  monthly: totals,
  one_off: totals,
  line: z.array(
    z.object({
      kind: z.enum(KINDS),
      description: z.string(),
      recurring: z.boolean(),
      quantity: z.number().int(),
      unit_minor: z.number().int(),
      amount_minor: z.number().int(),
    }),
  ),
  sent_date: timestamp.nullable(),
  expiration_date: timestamp.nullable(),
  accepted_date: timestamp.nullable(),
  pdf_sha256: z.string().nullable().describe("SHA-256 of the PDF as sent (the one the customer accepts)"),
  customer_id: z.uuid().nullable(),
  subscriber_id: z.uuid().nullable(),
  work_order_id: z.uuid().nullable(),
  creation_date: timestamp,
});

async function quoteById(svc: ServiceContext, id: string) {
  const q = await getQuote(svc, id);
  return {
    id: q.id,
    href: `/api/v1/quotes/${q.id}`,
    number: q.number,
    lead_id: q.leadId,
    version: q.version,
    status: q.status,
    currency: q.currency,
    prices_include_tax: q.pricesIncludeTax,
    tax_basis_points: q.taxBasisPoints,
    discount_basis_points: q.discountBasisPoints,
    monthly: { net_minor: q.monthlyNetMinor, tax_minor: q.monthlyTaxMinor, gross_minor: q.monthlyGrossMinor },
    one_off: { net_minor: q.oneOffNetMinor, tax_minor: q.oneOffTaxMinor, gross_minor: q.oneOffGrossMinor },
    line: q.lines.map((l) => ({
      kind: l.kind,
      description: l.description,
      recurring: l.recurring,
      quantity: l.quantity,
      unit_minor: l.unitMinor,
      amount_minor: l.amountMinor,
    })),
    sent_date: q.sentAt,
    expiration_date: q.expiresAt,
    accepted_date: q.acceptedAt,
    pdf_sha256: q.pdfSha256,
    customer_id: q.customerId,
    subscriber_id: q.subscriberId,
    work_order_id: q.workOrderId,
    creation_date: q.createdAt,
  };
}

const quoteId = z.object({ quote_id: z.uuid() });

export const quoteRoutes = [
  defineRoute({
    method: "GET",
    path: "/quotes",
    tag: TAG,
    summary: "Quotes, oldest first",
    permission: "lead.read",
    query: cursorQuery.extend({ status: z.enum(STATUSES).optional(), lead_id: z.uuid().optional() }),
    response: pageOf(quoteOut),
    async handler({ svc, query }) {
      const page = await cursorPage(
        query,
        (p) =>
          svc.db.quote.findMany({
            ...p,
            where: {
              ...p.where,
              ...(query.status ? { status: query.status } : {}),
              ...(query.lead_id ? { leadId: query.lead_id } : {}),
            },
            select: { id: true },
          }),
        (row) => row.id,
      );
      return { data: await Promise.all(page.data.map((id) => quoteById(svc, id))), next_cursor: page.next_cursor };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/quotes",
    tag: TAG,
    summary: "Quote a lead from the catalogue",
    description:
      "Prices the plan, add-ons, installation, equipment and any build in minor units with the tenant's tax; supersedes the lead's open quotes. A discount above 15% waits for approval (status PENDING_APPROVAL).",
    permission: "lead.write",
    body: z.object({
      lead_id: z.uuid(),
      plan_id: z.uuid(),
      installation_fee_minor: z.number().int().min(0).optional(),
      equipment: z
        .array(
          z.object({
            description: z.string(),
            unit_minor: z.number().int().min(0),
            quantity: z.number().int().min(1).default(1),
          }),
        )
        .default([]),
      addons: z.array(z.object({ description: z.string(), unit_minor: z.number().int().min(0) })).default([]),
      discount_basis_points: z.number().int().min(0).max(10_000).default(0),
      valid_days: z.number().int().min(1).max(90).default(14),
    }),
    status: 201,
    response: quoteOut,
    async handler({ svc, body, idempotencyKey }) {
      const id = await withIdempotency(svc, "quote.create", idempotencyKey, body, async () => {
        const q = await createQuote(svc, {
          leadId: body.lead_id,
          planId: body.plan_id,
          installationFeeMinor: body.installation_fee_minor,
          equipment: body.equipment.map((e) => ({
            description: e.description,
            unitMinor: e.unit_minor,
            quantity: e.quantity,
          })),
          addons: body.addons.map((a) => ({ description: a.description, unitMinor: a.unit_minor })),
          discountBasisPoints: body.discount_basis_points,
          validDays: body.valid_days,
        });
        return q.id;
      });
      return quoteById(svc, id);
    },
  }),
  defineRoute({
    method: "GET",
    path: "/quotes/{quote_id}",
    tag: TAG,
    summary: "A quote with its lines",
    permission: "lead.read",
    params: quoteId,
    response: quoteOut,
    handler: ({ svc, params }) => quoteById(svc, params.quote_id),
  }),
  defineRoute({
    method: "POST",
    path: "/quotes/{quote_id}/send",
    tag: TAG,
    summary: "Send a quote: its PDF is fixed and the lead is emailed the signed acceptance link",
    permission: "lead.write",
    params: quoteId,
    response: quoteOut,
    async handler({ svc, params }) {
      await sendQuote(svc, params.quote_id);
      return quoteById(svc, params.quote_id);
    },
  }),
];
