// The plan catalogue. A plan's RADIUS group rows are rewritten in the same transaction as
// the plan, so FreeRADIUS answers with the new rates at the next authentication.
import type { DbTx, TenantDb } from "@/server/db";
import { conflict, invalid, isForeignKeyViolation, isUniqueViolation, notFound } from "@/server/errors";
import type { Prisma } from "@/server/generated/prisma/client";
import { type ListInput, type ListResult, orderBy, pageArgs } from "@/server/list";
import { recordAudit } from "@/server/modules/audit";
import { deletePlanGroups, NAS_VENDORS, renderRateAttributes, syncPlanGroups } from "@/server/modules/radius";
import type { ServiceContext } from "@/server/service-context";
import { type PlanInput, planInput } from "./schemas";

function checkRates(p: {
  downloadKbps: number;
  uploadKbps: number;
  burstDownloadKbps?: number | null;
  burstUploadKbps?: number | null;
}) {
  if ((p.burstDownloadKbps == null) !== (p.burstUploadKbps == null))
    throw invalid("Give both burst rates (download and upload) or neither");
  if (p.burstDownloadKbps != null && p.burstDownloadKbps < p.downloadKbps)
    throw invalid("The download burst must be at least the download rate");
  if (p.burstUploadKbps != null && p.burstUploadKbps < p.uploadKbps)
    throw invalid("The upload burst must be at least the upload rate");
}

export async function listPlans(svc: ServiceContext, input: ListInput) {
  const where: Prisma.PlanWhereInput = {};
  if (input.search) {
    where.OR = [
      { name: { contains: input.search, mode: "insensitive" } },
      { code: { contains: input.search, mode: "insensitive" } },
    ];
  }
  if (input.filters?.active) where.active = input.filters.active === "true";
  const [rows, total] = await Promise.all([
    svc.db.plan.findMany({
      where,
      orderBy: orderBy(input, ["name", "code", "priceMinor", "downloadKbps", "createdAt"], { downloadKbps: "asc" }),
      ...pageArgs(input),
    }),
    svc.db.plan.count({ where }),
  ]);
  const counts = await planSubscriberCounts(
    svc,
    rows.map((p) => p.id),
  );
  return {
    rows: rows.map((p) => ({ ...p, subscriberCount: counts.get(p.id) ?? 0 })),
    total,
  } satisfies ListResult<unknown>;
}

type SubscriberCountsReader = (svc: ServiceContext, planIds: string[]) => Promise<Map<string, number>>;
let subscriberCountsReader: SubscriberCountsReader | null = null;

/** The subscribers module registers how to count the subscribers on plans (the plan list shows it). */
export function providePlanSubscriberCounts(reader: SubscriberCountsReader) {
  subscriberCountsReader = reader;
}

function planSubscriberCounts(svc: ServiceContext, planIds: string[]) {
  if (!subscriberCountsReader)
    throw new Error("No counter of plan subscribers: import @/server/modules/subscribers first");
  return subscriberCountsReader(svc, planIds);
}

/** A plan by id, or null: what other modules read of a plan (billing: prices and caps). */
export async function findPlan(svc: ServiceContext, id: string) {
  return svc.db.plan.findFirst({ where: { id } });
}

/** Some plans of the tenant (whole rows), e.g. those its subscribers are on. */
export async function plansByIds(client: DbTx | TenantDb, tenantId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return client.plan.findMany({ where: { tenantId, id: { in: ids } } });
}

/** The tenant's plans with what rating them needs (billing runs read them inside their transaction). */
export async function ratedPlansOf(client: DbTx | TenantDb, tenantId: string) {
  return client.plan.findMany({
    where: { tenantId },
    select: {
      id: true,
      code: true,
      name: true,
      priceMinor: true,
      currency: true,
      setupFeeMinor: true,
      dataCapGb: true,
      overagePerGbMinor: true,
      taxRateId: true,
    },
  });
}

/** The plan with this code, or null. */
export async function findPlanByCode(svc: ServiceContext, code: string) {
  return svc.db.plan.findFirst({ where: { code } });
}

export async function getPlan(svc: ServiceContext, id: string) {
  const plan = await svc.db.plan.findFirst({ where: { id } });
  if (!plan) throw notFound("Plan");
  const radius = NAS_VENDORS.map((vendor) => ({ vendor, attributes: renderRateAttributes(plan, vendor) }));
  return { ...plan, radius };
}

/** The active plans the tenant lets subscribers switch to themselves (portal), cheapest first. */
export async function portalSwitchablePlans(svc: ServiceContext) {
  return svc.db.plan.findMany({
    where: { active: true, portalSwitchable: true },
    orderBy: [{ priceMinor: "asc" }, { name: "asc" }],
  });
}

export async function createPlan(svc: ServiceContext, raw: PlanInput) {
  const data = planInput.parse(raw);
  checkRates(data);
  try {
    return await svc.db.$transaction(async (tx) => {
      const plan = await tx.plan.create({ data: { ...data, tenantId: svc.tenantId } });
      await syncPlanGroups(tx, plan);
      await recordAudit(tx, {
        tenantId: svc.tenantId,
        actor: svc.actor,
        action: "plan.create",
        targetType: "Plan",
        targetId: plan.id,
        after: plan,
      });
      return plan;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`A plan with code "${data.code}" already exists; choose another code`);
    throw error;
  }
}

export async function updatePlan(svc: ServiceContext, id: string, raw: Partial<PlanInput>) {
  // Only the fields given: zod applies the create defaults (active, fees) to missing keys too.
  const parsed = planInput.partial().parse(raw);
  const data = Object.fromEntries(Object.entries(parsed).filter(([k]) => k in raw)) as typeof parsed;
  try {
    return await svc.db.$transaction(async (tx) => {
      const before = await tx.plan.findFirst({ where: { id } });
      if (!before) throw notFound("Plan");
      checkRates({ ...before, ...data });
      const plan = await tx.plan.update({ where: { id }, data });
      await syncPlanGroups(tx, plan);
      await recordAudit(tx, {
        tenantId: svc.tenantId,
        actor: svc.actor,
        action: "plan.update",
        targetType: "Plan",
        targetId: id,
        before,
        after: plan,
      });
      return plan;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict("Another plan already uses that code");
    throw error;
  }
}

/** Deletes a plan nobody is on; plans in use can only be retired (active = false). */
export async function deletePlan(svc: ServiceContext, id: string) {
  try {
    return await svc.db.$transaction(async (tx) => {
      const plan = await tx.plan.findFirst({ where: { id } });
      if (!plan) throw notFound("Plan");
      // Subscribers (and billing) on the plan hold it: their foreign keys refuse the delete.
      await tx.plan.delete({ where: { id } });
      await deletePlanGroups(tx, id);
      await recordAudit(tx, {
        tenantId: svc.tenantId,
        actor: svc.actor,
        action: "plan.delete",
        targetType: "Plan",
        targetId: id,
        before: plan,
      });
      return { id };
    });
  } catch (error) {
    if (isForeignKeyViolation(error))
      throw conflict("Subscribers are on this plan; retire it (set inactive) instead of deleting it");
    throw error;
  }
}

/** Every plan of the tenant with what the detector compares (drift scan). */
export async function planTerms(svc: ServiceContext) {
  return svc.db.plan.findMany({
    select: {
      id: true,
      code: true,
      name: true,
      downloadKbps: true,
      uploadKbps: true,
      priceMinor: true,
      currency: true,
    },
  });
}
