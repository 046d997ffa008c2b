// Partners of a tenant: resellers, agents and referral partners, with sub-partners (a tree),
// their commission plan and white-label branding.
import { conflict, notFound } from "@/server/errors";
import type { Partner } from "@/server/generated/prisma/client";
import { recordAudit } from "@/server/modules/audit";
import { customerSummaries } from "@/server/modules/customers";
import { partnerContext, type ServiceContext, systemContext } from "@/server/service-context";
import type { WhiteLabel } from "@/server/white-label";
import { brandingInput, type PartnerInput, partnerInput, partnerUpdateInput } from "./schemas";

/** The partner and all its sub-partners, the partner first. */
export async function partnerTree(svc: ServiceContext, partnerId: string): Promise<string[]> {
  const ids = [partnerId];
  let frontier = [partnerId];
  // Breadth first; a depth limit guards against a cycle written around the service.
  for (let depth = 0; frontier.length && depth < 20; depth++) {
    const children = await svc.db.partner.findMany({
      where: { parentId: { in: frontier }, id: { notIn: ids } },
      select: { id: true },
    });
    frontier = children.map((c) => c.id);
    ids.push(...frontier);
  }
  return ids;
}

/**
 * A partner user's context widened from their own partner to its sub-partners; staff
 * contexts pass through unchanged.
 */
export async function partnerScope(svc: ServiceContext): Promise<ServiceContext> {
  if (!svc.partnerIds) return svc;
  const ids = await partnerTree(svc, svc.partnerIds[0]!);
  return partnerContext(svc.tenantId, ids, svc.actor);
}

/** Refuses a partner outside the caller's scope as not found (as another tenant's would be). */
function inScope(svc: ServiceContext, partnerId: string) {
  if (svc.partnerIds && !svc.partnerIds.includes(partnerId)) throw notFound("Partner");
}

export async function getPartner(svc: ServiceContext, id: string) {
  inScope(svc, id);
  const partner = await svc.db.partner.findFirst({
    where: { id },
    include: {
      commissionPlan: true,
      parent: { select: { id: true, name: true } },
      children: { select: { id: true, name: true, type: true }, orderBy: { name: "asc" } },
      domains: { orderBy: { createdAt: "asc" } },
    },
  });
  if (!partner) throw notFound("Partner");
  return partner;
}

export async function listPartners(svc: ServiceContext) {
  const rows = await svc.db.partner.findMany({
    where: svc.partnerIds ? { id: { in: [...svc.partnerIds] } } : {},
    include: {
      commissionPlan: { select: { id: true, name: true } },
      parent: { select: { id: true, name: true } },
      domains: { select: { host: true, verifiedAt: true } },
    },
    orderBy: { name: "asc" },
  });
  return rows;
}

async function assertPlan(svc: ServiceContext, planId: string | null | undefined) {
  if (!planId) return;
  const plan = await svc.db.commissionPlan.findFirst({ where: { id: planId }, select: { id: true } });
  if (!plan) throw notFound("Commission plan");
}

function isUnique(error: unknown) {
  return (error as { code?: string }).code === "P2002";
}

export async function createPartner(svc: ServiceContext, raw: PartnerInput) {
  const input = partnerInput.parse(raw);
  if (input.parentId) {
    const parent = await svc.db.partner.findFirst({ where: { id: input.parentId }, select: { id: true } });
    if (!parent) throw notFound("Parent partner");
  }
  await assertPlan(svc, input.commissionPlanId);
  try {
    return await svc.db.$transaction(async (tx) => {
      const partner = await tx.partner.create({
        data: {
          tenantId: svc.tenantId,
          name: input.name,
          type: input.type,
          parentId: input.parentId ?? null,
          commissionPlanId: input.commissionPlanId ?? null,
          ...brandingInput.parse(input.branding ?? {}),
        },
      });
      await recordAudit(tx, {
        tenantId: svc.tenantId,
        actor: svc.actor,
        action: "partner.create",
        targetType: "Partner",
        targetId: partner.id,
        after: partner,
      });
      return partner;
    });
  } catch (error) {
    if (isUnique(error)) throw conflict(`A partner named "${input.name}" exists already`);
    throw error;
  }
}

export async function updatePartner(svc: ServiceContext, raw: unknown) {
  const { id, branding, ...input } = partnerUpdateInput.parse(raw);
  inScope(svc, id);
  const before = await svc.db.partner.findFirst({ where: { id } });
  if (!before) throw notFound("Partner");
  await assertPlan(svc, input.commissionPlanId);
  try {
    return await svc.db.$transaction(async (tx) => {
      const partner = await tx.partner.update({
        where: { id },
        data: { ...input, ...(branding ? brandingInput.parse(branding) : {}) },
      });
      await recordAudit(tx, {
        tenantId: svc.tenantId,
        actor: svc.actor,
        action: "partner.update",
        targetType: "Partner",
        targetId: id,
        before,
        after: partner,
      });
      return partner;
    });
  } catch (error) {
    if (isUnique(error)) throw conflict(`A partner named "${input.name}" exists already`);
    throw error;
  }
}

export type PartnerBranding = {
  partnerId: string;
  name: string;
  logoUrl: string | null;
  primaryColor: string | null;
  accentColor: string | null;
  supportEmail: string | null;
  supportPhone: string | null;
  /** Resellers brand their customers' portal too; agents and referral partners do not. */
  reseller: boolean;
};

export function present(p: {
  id: string;
  name: string;
  brandName: string | null;
  logoUrl: string | null;
  primaryColor: string | null;
  accentColor: string | null;
  supportEmail: string | null;
  supportPhone: string | null;
  type: string;
}): PartnerBranding {
  return {
    partnerId: p.id,
    name: p.brandName || p.name,
    logoUrl: p.logoUrl,
    primaryColor: p.primaryColor,
    accentColor: p.accentColor,
    supportEmail: p.supportEmail,
    supportPhone: p.supportPhone,
    reseller: p.type === "RESELLER",
  };
}

/** The partner and its ancestors, nearest first (active ones only). */
export async function lineage(svc: ServiceContext, partnerId: string) {
  const out: Partner[] = [];
  let id: string | null = partnerId;
  for (let depth = 0; id && depth < 20; depth++) {
    const p: Partner | null = await svc.db.partner.findFirst({ where: { id, status: "ACTIVE" } });
    if (!p) break;
    out.push(p);
    id = p.parentId;
  }
  return out;
}

/**
 * The white label a signed-in person sees: a partner's users their partner's (or the nearest
 * ancestor's that set one); a subscriber whose customer came through a reseller (or one of
 * its sub-partners) the reseller's. Null: the tenant's own branding.
 */
export async function brandingFor(user: {
  tenantId: string | null;
  audience: string;
  partnerId: string | null;
  customerId: string | null;
}): Promise<PartnerBranding | null> {
  if (!user.tenantId) return null;
  const svc = systemContext(user.tenantId, "branding");
  if (user.audience === "PARTNER" && user.partnerId) {
    const chain = await lineage(svc, user.partnerId);
    const branded = chain.find((p) => p.brandName || p.primaryColor || p.logoUrl);
    return branded ? present(branded) : null;
  }
  if (user.audience === "SUBSCRIBER" && user.customerId) {
    const reseller = (await resellersOf(svc, [user.customerId])).get(user.customerId);
    return reseller ? present(reseller) : null;
  }
  return null;
}

/**
 * The reseller each of these customers came through (directly or by one of its sub-partners);
 * customers of no reseller are left out. Read as the system: a sub-partner's scope does not
 * reach its reseller.
 */
async function resellersOf(svc: ServiceContext, customerIds: string[]) {
  const system = systemContext(svc.tenantId, "white-label");
  const out = new Map<string, Partner>();
  const resellerOf = new Map<string, Partner | undefined>();
  for (const c of await customerSummaries(system, customerIds)) {
    if (!c.partnerId) continue;
    if (!resellerOf.has(c.partnerId))
      resellerOf.set(
        c.partnerId,
        (await lineage(system, c.partnerId)).find((p) => p.type === "RESELLER"),
      );
    const reseller = resellerOf.get(c.partnerId);
    if (reseller) out.set(c.id, reseller);
  }
  return out;
}

/** The white label a reseller's customers' mail and invoices wear (provided to the modules below). */
export async function resellerWhiteLabels(svc: ServiceContext, customerIds: string[]) {
  const out = new Map<string, WhiteLabel>();
  for (const [customerId, p] of await resellersOf(svc, customerIds)) {
    const { name, primaryColor, accentColor, logoUrl, supportEmail, supportPhone } = present(p);
    out.set(customerId, { name, primaryColor, accentColor, logoUrl, supportEmail, supportPhone });
  }
  return out;
}
