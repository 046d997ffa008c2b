// Working the pipeline: the list and the board, a lead with its activities and tasks, moving it
// between stages (a lost lead says why), owners, activities and follow-up tasks.
import type { TenantDb } from "@/server/db";
import { invalid, notFound } from "@/server/errors";
import type { Prisma } from "@/server/generated/prisma/client";
import { type ListInput, orderBy, pageArgs } from "@/server/list";
import { recordAudit } from "@/server/modules/audit";
import type { ServiceContext } from "@/server/service-context";
import { activityInput, moveLeadInput, taskInput } from "./inputs";
import { LEAD_STAGE_LABELS, LEAD_STAGES, type LeadStage } from "./schemas";

type Tx = Parameters<Parameters<TenantDb["$transaction"]>[0]>[0];

const leadColumns = {
  id: true,
  number: true,
  name: true,
  email: true,
  phone: true,
  addressLabel: true,
  stage: true,
  source: true,
  ownerId: true,
  partnerId: true,
  serviceability: true,
  duplicateOfId: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.LeadSelect;

export async function listLeads(svc: ServiceContext, input: ListInput) {
  const where: Prisma.LeadWhereInput = {};
  if (input.search) {
    const q = input.search;
    where.OR = [
      { name: { contains: q, mode: "insensitive" } },
      { email: { contains: q, mode: "insensitive" } },
      { phone: { contains: q } },
      { addressLabel: { contains: q, mode: "insensitive" } },
      ...(/^L-?\d+$/i.test(q) ? [{ number: Number(q.replace(/\D/g, "")) }] : []),
    ];
  }
  const f = input.filters ?? {};
  if (f.stage && (LEAD_STAGES as readonly string[]).includes(f.stage)) where.stage = f.stage as LeadStage;
  if (f.source) where.source = f.source as Prisma.LeadWhereInput["source"];
  if (f.ownerId === "none") where.ownerId = null;
  else if (f.ownerId) where.ownerId = f.ownerId;
  if (f.duplicates === "true") where.duplicateOfId = { not: null };
  const [rows, total] = await Promise.all([
    svc.db.lead.findMany({
      where,
      select: leadColumns,
      orderBy: orderBy(input, ["number", "name", "stage", "createdAt", "updatedAt"], { createdAt: "desc" }),
      ...pageArgs(input),
    }),
    svc.db.lead.count({ where }),
  ]);
  return { rows, total };
}

/** The board: each open stage's newest leads and count (won and lost: counts only). */
export async function leadBoard(svc: ServiceContext, perStage = 50) {
  const counts = await svc.db.lead.groupBy({ by: ["stage"], _count: { _all: true } });
  const countOf = new Map(counts.map((c) => [c.stage, c._count._all]));
  const columns = [];
  for (const stage of LEAD_STAGES) {
    const cards =
      stage === "WON" || stage === "LOST"
        ? []
        : await svc.db.lead.findMany({
            where: { stage },
            select: leadColumns,
            orderBy: { updatedAt: "desc" },
            take: perStage,
          });
    columns.push({ stage, label: LEAD_STAGE_LABELS[stage], count: countOf.get(stage) ?? 0, cards });
  }
  return columns;
}

export async function getLead(svc: ServiceContext, id: string) {
  const lead = await svc.db.lead.findFirst({
    where: { id },
    include: {
      activities: { orderBy: { createdAt: "desc" } },
      tasks: { orderBy: [{ doneAt: { sort: "asc", nulls: "first" } }, { dueAt: "asc" }] },
    },
  });
  if (!lead) throw notFound("The lead");
  const duplicateOf = lead.duplicateOfId
    ? await svc.db.lead.findFirst({ where: { id: lead.duplicateOfId }, select: { id: true, number: true, name: true } })
    : null;
  return { ...lead, duplicateOf };
}

async function logActivity(
  tx: Tx,
  svc: ServiceContext,
  leadId: string,
  kind: "CALL" | "EMAIL" | "NOTE" | "STAGE",
  body: string,
) {
  return tx.leadActivity.create({
    data: { tenantId: svc.tenantId, leadId, kind, body, authorLabel: svc.actor.label },
  });
}

/** Moves a lead to a stage by hand; WON comes only from a completed installation. */
export async function moveLead(svc: ServiceContext, raw: { id: string; stage: LeadStage; lostReason?: string }) {
  const input = moveLeadInput.parse(raw);
  if (input.stage === "WON") throw invalid("A lead is won when its installation is completed, not by hand");
  return svc.db.$transaction(async (tx) => {
    const before = await tx.lead.findFirst({ where: { id: input.id } });
    if (!before) throw notFound("The lead");
    if (before.stage === "WON") throw invalid("This lead is won; it can no longer move");
    if (before.stage === input.stage) return before;
    const lost = input.stage === "LOST";
    const lead = await tx.lead.update({
      where: { id: before.id },
      data: { stage: input.stage, lostReason: lost ? input.lostReason : null, lostAt: lost ? new Date() : null },
    });
    await logActivity(
      tx,
      svc,
      lead.id,
      "STAGE",
      `${LEAD_STAGE_LABELS[before.stage]} → ${LEAD_STAGE_LABELS[input.stage]}${lost ? ` (${input.lostReason})` : ""}`,
    );
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "lead.stage",
      targetType: "Lead",
      targetId: lead.id,
      before: { stage: before.stage },
      after: { stage: lead.stage, lostReason: lead.lostReason },
    });
    return lead;
  });
}

/**
 * The pipeline moving itself: a survey done, a quote sent, the installation completed. Never
 * backwards (a lead already quoted stays quoted when its survey completes late), never out of
 * WON or LOST except a lost lead whose quote is accepted after all.
 */
export async function advanceLead(
  svc: ServiceContext,
  leadId: string,
  to: "SURVEYED" | "QUOTED" | "WON",
  facts: { note: string; customerId?: string; subscriberId?: string },
) {
  return svc.db.$transaction(async (tx) => {
    const lead = await tx.lead.findFirst({ where: { id: leadId } });
    if (!lead) throw notFound("The lead");
    const rank = (s: LeadStage) => LEAD_STAGES.indexOf(s);
    const forward = lead.stage === "LOST" || rank(to) > rank(lead.stage);
    const now = new Date();
    const updated = await tx.lead.update({
      where: { id: lead.id },
      data: {
        ...(forward && lead.stage !== "WON" ? { stage: to, lostReason: null, lostAt: null } : {}),
        ...(to === "SURVEYED" && !lead.surveyedAt ? { surveyedAt: now } : {}),
        ...(to === "QUOTED" && !lead.quotedAt ? { quotedAt: now } : {}),
        ...(to === "WON" && !lead.wonAt ? { wonAt: now } : {}),
        ...(facts.customerId ? { customerId: facts.customerId } : {}),
        ...(facts.subscriberId ? { subscriberId: facts.subscriberId } : {}),
      },
    });
    await logActivity(tx, svc, lead.id, "STAGE", facts.note);
    return updated;
  });
}

export async function assignLead(svc: ServiceContext, id: string, ownerId: string | null) {
  return svc.db.$transaction(async (tx) => {
    const before = await tx.lead.findFirst({ where: { id } });
    if (!before) throw notFound("The lead");
    const lead = await tx.lead.update({ where: { id }, data: { ownerId } });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "lead.assign",
      targetType: "Lead",
      targetId: id,
      before: { ownerId: before.ownerId },
      after: { ownerId },
    });
    return lead;
  });
}

export async function addActivity(
  svc: ServiceContext,
  raw: { leadId: string; kind: "CALL" | "EMAIL" | "NOTE"; body: string },
) {
  const input = activityInput.parse(raw);
  return svc.db.$transaction(async (tx) => {
    const lead = await tx.lead.findFirst({ where: { id: input.leadId } });
    if (!lead) throw notFound("The lead");
    // The first call or email moves a new lead on.
    if (lead.stage === "NEW" && input.kind !== "NOTE")
      await tx.lead.update({ where: { id: lead.id }, data: { stage: "CONTACTED" } });
    return logActivity(tx, svc, lead.id, input.kind, input.body);
  });
}

export async function addTask(
  svc: ServiceContext,
  raw: { leadId: string; title: string; dueAt: Date | string; ownerId?: string | null },
) {
  const input = taskInput.parse(raw);
  const lead = await svc.db.lead.findFirst({ where: { id: input.leadId } });
  if (!lead) throw notFound("The lead");
  return svc.db.leadTask.create({
    data: {
      tenantId: svc.tenantId,
      leadId: lead.id,
      title: input.title,
      dueAt: input.dueAt,
      ownerId: input.ownerId ?? lead.ownerId ?? svc.actor.userId,
    },
  });
}

export async function completeTask(svc: ServiceContext, id: string, done: boolean) {
  const task = await svc.db.leadTask.findFirst({ where: { id } });
  if (!task) throw notFound("The task");
  return svc.db.leadTask.update({ where: { id }, data: { doneAt: done ? (task.doneAt ?? new Date()) : null } });
}

/** Open follow-ups due by `until` (the sales desk's to-do list), soonest first. */
export async function dueTasks(svc: ServiceContext, until: Date) {
  return svc.db.leadTask.findMany({
    where: { doneAt: null, dueAt: { lte: until } },
    orderBy: { dueAt: "asc" },
    take: 100,
    include: { lead: { select: { id: true, number: true, name: true } } },
  });
}
