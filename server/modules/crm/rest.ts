// /api/v1/leads: the sales pipeline for integrations (a website's own form, a partner's CRM,
// a call-centre tool), in the API's snake_case, through the same use cases as the /crm pages.
import { z } from "zod";
import { notFound } from "@/server/errors";
import { withIdempotency } from "@/server/idempotency";
import { cursorPage, cursorQuery, defineRoute, pageOf } from "@/server/rest";
import type { ServiceContext } from "@/server/service-context";
import { createLead } from "./create-lead";
import { addActivity, moveLead } from "./pipeline";
import { ACTIVITY_KINDS, LEAD_SOURCES, LEAD_STAGES } from "./schemas";

const timestamp = z.iso.datetime({ offset: true });
const TAG = "Sales leads";

const leadOut = z.object({
  id: z.uuid(),
  href: z.string(),
  reference: z.string().describe("L-<number>"),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().describe("The service address as one line (empty when none was given)"),
  address_id: z.uuid().nullable().describe("The TMF673 geographic address"),
  stage: z.enum(LEAD_STAGES),
  source: z.enum(LEAD_SOURCES),
  owner_id: z.uuid().nullable(),
  partner_id: z.uuid().nullable(),
  plan_id: z.uuid().nullable(),
  serviceability: z.enum(["SERVICEABLE", "SERVICEABLE_WITH_BUILD", "NOT_SERVICEABLE"]).nullable(),
  lost_reason: z.string().nullable(),
  duplicate_of_id: z.uuid().nullable().describe("An earlier lead with the same email, phone or address"),
  customer_id: z.uuid().nullable(),
  subscriber_id: z.uuid().nullable(),
  creation_date: timestamp,
  last_update: timestamp,
  won_date: timestamp.nullable(),
});

type LeadRow = {
  id: string;
  number: number;
  name: string;
  email: string | null;
  phone: string | null;
  addressLabel: string;
  addressId: string | null;
  stage: (typeof LEAD_STAGES)[number];
  source: (typeof LEAD_SOURCES)[number];
  ownerId: string | null;
  partnerId: string | null;
  planId: string | null;
  serviceability: string | null;
  lostReason: string | null;
  duplicateOfId: string | null;
  customerId: string | null;
  subscriberId: string | null;
  createdAt: Date;
  updatedAt: Date;
  wonAt: Date | null;
};

function present(l: LeadRow) {
  return {
    id: l.id,
    href: `/api/v1/leads/${l.id}`,
    reference: `L-${l.number}`,
    name: l.name,
    email: l.email,
    phone: l.phone,
    address: l.addressLabel,
    address_id: l.addressId,
    stage: l.stage,
    source: l.source,
    owner_id: l.ownerId,
    partner_id: l.partnerId,
    plan_id: l.planId,
    serviceability: l.serviceability as z.infer<typeof leadOut>["serviceability"],
    lost_reason: l.lostReason,
    duplicate_of_id: l.duplicateOfId,
    customer_id: l.customerId,
    subscriber_id: l.subscriberId,
    creation_date: l.createdAt,
    last_update: l.updatedAt,
    won_date: l.wonAt,
  };
}

async function leadById(svc: ServiceContext, id: string) {
  const lead = await svc.db.lead.findFirst({ where: { id } });
  if (!lead) throw notFound("The lead");
  return present(lead);
}

const createBody = z.object({
  name: z.string(),
  email: z.string().optional(),
  phone: z.string().optional(),
  address: z
    .object({
      street_name: z.string(),
      street_nr: z.string(),
      unit: z.string().optional(),
      postcode: z.string(),
      city: z.string(),
      country: z.string().length(2).default("DE"),
    })
    .optional(),
  source: z.enum(LEAD_SOURCES).default("PHONE"),
  owner_id: z.uuid().optional(),
  partner_id: z.uuid().optional(),
  plan_id: z.uuid().optional(),
  notes: z.string().optional(),
});

const leadId = z.object({ lead_id: z.uuid() });

export const leadRoutes = [
  defineRoute({
    method: "GET",
    path: "/leads",
    tag: TAG,
    summary: "Leads, oldest first",
    permission: "lead.read",
    query: cursorQuery.extend({ stage: z.enum(LEAD_STAGES).optional() }),
    response: pageOf(leadOut),
    handler: ({ svc, query }) =>
      cursorPage(
        query,
        (page) =>
          svc.db.lead.findMany({ ...page, where: { ...page.where, ...(query.stage ? { stage: query.stage } : {}) } }),
        present,
      ),
  }),
  defineRoute({
    method: "POST",
    path: "/leads",
    tag: TAG,
    summary: "Create a lead",
    description:
      "The address is located and checked for serviceability; an earlier lead with the same email, phone or address is linked as duplicate_of_id.",
    permission: "lead.write",
    body: createBody,
    status: 201,
    response: leadOut,
    async handler({ svc, body, idempotencyKey }) {
      const id = await withIdempotency(svc, "lead.create", idempotencyKey, body, async () => {
        const lead = await createLead(svc, {
          name: body.name,
          email: body.email,
          phone: body.phone,
          source: body.source,
          ownerId: body.owner_id,
          partnerId: body.partner_id,
          planId: body.plan_id,
          notes: body.notes,
          address: body.address
            ? {
                streetName: body.address.street_name,
                streetNr: body.address.street_nr,
                unit: body.address.unit,
                postcode: body.address.postcode,
                city: body.address.city,
                country: body.address.country,
              }
            : undefined,
        });
        return lead.id;
      });
      return leadById(svc, id);
    },
  }),
  defineRoute({
    method: "GET",
    path: "/leads/{lead_id}",
    tag: TAG,
    summary: "A lead",
    permission: "lead.read",
    params: leadId,
    response: leadOut,
    handler: ({ svc, params }) => leadById(svc, params.lead_id),
  }),
  defineRoute({
    method: "PATCH",
    path: "/leads/{lead_id}",
    tag: TAG,
    summary: "Move a lead to a stage",
    description: "LOST needs lost_reason; WON comes only from a completed installation.",
    permission: "lead.write",
    params: leadId,
    body: z.object({ stage: z.enum(LEAD_STAGES), lost_reason: z.string().optional() }),
    response: leadOut,
    async handler({ svc, params, body }) {
      await moveLead(svc, { id: params.lead_id, stage: body.stage, lostReason: body.lost_reason });
      return leadById(svc, params.lead_id);
    },
  }),
  defineRoute({
    method: "POST",
    path: "/leads/{lead_id}/activities",
    tag: TAG,
    summary: "Log a call, email or note",
    permission: "lead.write",
    params: leadId,
    body: z.object({ kind: z.enum(ACTIVITY_KINDS), text: z.string() }),
    status: 201,
    response: z.object({ id: z.uuid(), kind: z.enum(ACTIVITY_KINDS), text: z.string(), date: timestamp }),
    async handler({ svc, params, body }) {
      const a = await addActivity(svc, { leadId: params.lead_id, kind: body.kind, body: body.text });
      return { id: a.id, kind: body.kind, text: a.body, date: a.createdAt };
    },
  }),
];
