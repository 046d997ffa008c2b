// Create a quote for a lead from the catalogue: the plan (monthly), add-ons (monthly), the
// installation fee and equipment (once), a build charge when the address needs one, and a
// discount; taxed at the plan's rate (else the tenant's default). A new quote supersedes the
// lead's earlier open ones (their links stop working). A discount above the threshold waits
// for approval before it can be sent. Once a quote is accepted the lead is quoted again only if
// that order's installation was cancelled.
import { conflict, invalid, notFound } from "@/server/errors";
import { getAddress } from "@/server/modules/addresses";
import { recordAudit } from "@/server/modules/audit";
import { getPlan } from "@/server/modules/catalog";
import { getLead } from "@/server/modules/crm";
import { checkServiceability } from "@/server/modules/serviceability";
import { getTenantSettings } from "@/server/modules/tenancy";
import { getWorkOrder } from "@/server/modules/workorders";
import type { ServiceContext } from "@/server/service-context";
import { priceQuote } from "./pricing";
import { type CreateQuoteInput, createQuoteInput, DISCOUNT_APPROVAL_BP } from "./schemas";

const OPEN = ["DRAFT", "PENDING_APPROVAL", "SENT"] as const;

export async function createQuote(svc: ServiceContext, raw: CreateQuoteInput) {
  const input = createQuoteInput.parse(raw);
  const lead = await getLead(svc, input.leadId);
  if (lead.stage === "WON" || lead.stage === "LOST")
    throw invalid(`This lead is ${lead.stage.toLowerCase()}; reopen it before quoting`);
  if (!lead.addressId) throw invalid("Add the lead's service address before quoting");
  const plan = await getPlan(svc, input.planId);
  if (!plan.active) throw invalid(`Plan ${plan.name} is retired; choose an active plan`);
  const tenant = await getTenantSettings(svc);
  if (plan.currency !== tenant.currency)
    throw invalid(`Plan ${plan.code} is priced in ${plan.currency} but the tenant sells in ${tenant.currency}`);
  const address = await getAddress(svc, lead.addressId);
  if (!address) throw notFound("The lead's address");
  const where = await checkServiceability(svc, {
    address: { ...address, unit: address.unit },
  });
  if (where.status === "NOT_SERVICEABLE") throw invalid(`This address cannot be connected: ${where.reason}`);
  if (!where.plans.some((p) => p.id === plan.id)) throw invalid(`${plan.name} is not sold at this address`);
  const accepted = await svc.db.quote.findFirst({
    where: { leadId: lead.id, status: "ACCEPTED" },
    orderBy: { version: "desc" },
  });
  const installCancelled =
    accepted?.workOrderId != null && (await getWorkOrder(svc, accepted.workOrderId)).status === "CANCELLED";
  const taxRate =
    tenant.taxRates.find((r) => r.id === plan.taxRateId) ?? tenant.taxRates.find((r) => r.isDefault) ?? null;
  const priced = priceQuote(
    [
      { kind: "PLAN", description: plan.name, recurring: true, quantity: 1, unitMinor: plan.priceMinor },
      ...input.addons.map((a) => ({
        kind: "ADDON" as const,
        description: a.description,
        recurring: true,
        quantity: 1,
        unitMinor: a.unitMinor,
      })),
      {
        kind: "INSTALLATION",
        description: "Installation",
        recurring: false,
        quantity: 1,
        unitMinor: input.installationFeeMinor ?? plan.setupFeeMinor,
      },
      ...input.equipment.map((e) => ({
        kind: "EQUIPMENT" as const,
        description: e.description,
        recurring: false,
        quantity: e.quantity,
        unitMinor: e.unitMinor,
      })),
      ...(where.status === "SERVICEABLE_WITH_BUILD" && where.buildCostMinor
        ? [
            {
              kind: "BUILD" as const,
              description: "Network build to the address",
              recurring: false,
              quantity: 1,
              unitMinor: where.buildCostMinor,
            },
          ]
        : []),
    ],
    {
      discountBasisPoints: input.discountBasisPoints,
      taxBasisPoints: taxRate?.basisPoints ?? 0,
      pricesIncludeTax: tenant.pricesIncludeTax,
    },
  );
  return svc.db.$transaction(async (tx) => {
    const superseded = await tx.quote.updateMany({
      where: { leadId: lead.id, status: { in: [...OPEN] } },
      data: { status: "SUPERSEDED" },
    });
    const last = await tx.quote.findFirst({ where: { leadId: lead.id }, orderBy: { version: "desc" } });
    const version = (last?.version ?? 0) + 1;
    if (last?.status === "ACCEPTED" && !(last.id === accepted?.id && installCancelled))
      throw conflict(
        "This lead has already accepted a quote (a new one is possible once its installation is cancelled)",
      );
    const quote = await tx.quote.create({
      data: {
        tenantId: svc.tenantId,
        number: `Q-${lead.number}-${version}`,
        leadId: lead.id,
        version,
        status: input.discountBasisPoints > DISCOUNT_APPROVAL_BP ? "PENDING_APPROVAL" : "DRAFT",
        planId: plan.id,
        addressId: address.id,
        currency: plan.currency,
        pricesIncludeTax: tenant.pricesIncludeTax,
        taxBasisPoints: taxRate?.basisPoints ?? 0,
        monthlyNetMinor: priced.monthly.netMinor,
        monthlyTaxMinor: priced.monthly.taxMinor,
        monthlyGrossMinor: priced.monthly.grossMinor,
        oneOffNetMinor: priced.oneOff.netMinor,
        oneOffTaxMinor: priced.oneOff.taxMinor,
        oneOffGrossMinor: priced.oneOff.grossMinor,
        discountBasisPoints: input.discountBasisPoints,
        validDays: input.validDays,
        createdById: svc.actor.userId,
        lines: {
          create: priced.lines.map((l, position) => ({ tenantId: svc.tenantId, position, ...l })),
        },
      },
      include: { lines: { orderBy: { position: "asc" } } },
    });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "quote.create",
      targetType: "Quote",
      targetId: quote.id,
      after: { ...quote, pdf: undefined, superseded: superseded.count },
    });
    return quote;
  });
}

/** Approves a quote's discount above the threshold (quote.approve); it can then be sent. */
export async function approveQuote(svc: ServiceContext, id: string) {
  return svc.db.$transaction(async (tx) => {
    const quote = await tx.quote.findFirst({ where: { id } });
    if (!quote) throw notFound("The quote");
    if (quote.status !== "PENDING_APPROVAL") throw invalid("This quote is not waiting for approval");
    if (quote.createdById && quote.createdById === svc.actor.userId)
      throw invalid("Someone else must approve a discount you gave");
    const approved = await tx.quote.update({
      where: { id },
      data: { status: "DRAFT", approvedById: svc.actor.userId },
    });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "quote.approve",
      targetType: "Quote",
      targetId: id,
      before: { status: quote.status },
      after: { status: approved.status, discountBasisPoints: quote.discountBasisPoints },
    });
    return approved;
  });
}
