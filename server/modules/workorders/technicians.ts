// Technicians' skills and zones, and the free slots of those who can take a job: the skills its
// type requires, covering the zone it lies in (a coverage area), with nothing else booked then.
import { invalid, notFound } from "@/server/errors";
import { recordAudit } from "@/server/modules/audit";
import { staffWithPermission } from "@/server/modules/identity";
import { coverageAreaAt, listCoverageAreas } from "@/server/modules/serviceability";
import type { ServiceContext } from "@/server/service-context";
import {
  REQUIRED_SKILLS,
  SLOT_HOURS,
  type SlotSearchInput,
  slotSearchInput,
  type TechnicianProfileInput,
  technicianProfileInput,
} from "./schemas";

/** Everyone who may work orders, with their skills and zones (none recorded: no skills, every zone). */
export async function listTechnicians(svc: ServiceContext) {
  const [staff, profiles] = await Promise.all([
    staffWithPermission(svc, "workorder.write"),
    svc.db.technicianProfile.findMany(),
  ]);
  const byUser = new Map(profiles.map((p) => [p.userId, p]));
  return staff.map((u) => ({
    ...u,
    skills: byUser.get(u.id)?.skills ?? [],
    zoneIds: byUser.get(u.id)?.zoneIds ?? [],
  }));
}
export type Technician = Awaited<ReturnType<typeof listTechnicians>>[number];

export async function saveTechnicianProfile(svc: ServiceContext, raw: TechnicianProfileInput) {
  const input = technicianProfileInput.parse(raw);
  const technician = (await listTechnicians(svc)).find((t) => t.id === input.userId);
  if (!technician) throw invalid("Only active staff who may work orders have skills and zones");
  const areas = new Set((await listCoverageAreas(svc)).map((a) => a.id));
  if (input.zoneIds.some((id) => !areas.has(id))) throw invalid("Pick zones among the coverage areas");
  return svc.db.$transaction(async (tx) => {
    const before = await tx.technicianProfile.findFirst({ where: { userId: input.userId } });
    const data = { skills: input.skills, zoneIds: input.zoneIds };
    const after = before
      ? await tx.technicianProfile.update({ where: { id: before.id }, data })
      : await tx.technicianProfile.create({ data: { tenantId: svc.tenantId, userId: input.userId, ...data } });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "workorder.technician_profile",
      targetType: "User",
      targetId: input.userId,
      before: before ? { skills: before.skills, zoneIds: before.zoneIds } : undefined,
      after: data,
    });
    return after;
  });
}

/** What a job needs of its technician: its type's skills, and its zone (null: outside every area). */
async function needsOf(svc: ServiceContext, workOrderId: string) {
  const order = await svc.db.workOrder.findFirst({ where: { id: workOrderId } });
  if (!order) throw notFound("Work order");
  const zone =
    order.longitude != null && order.latitude != null
      ? await coverageAreaAt(svc, order.longitude, order.latitude)
      : null;
  return { order, skills: REQUIRED_SKILLS[order.type], zone: zone ? { id: zone.id, name: zone.name } : null };
}

/** Whether the technician has every skill and works in the zone. */
export const canTake = (t: Pick<Technician, "skills" | "zoneIds">, skills: string[], zoneId: string | null) =>
  skills.every((s) => t.skills.includes(s)) && (!zoneId || t.zoneIds.length === 0 || t.zoneIds.includes(zoneId));

/**
 * Free half-day slots between `from` and `to` (at most 14 days) of each technician; with a work
 * order, only of those who can take it (its skills, its zone), its own booking not counting as busy.
 */
export async function searchTimeSlots(svc: ServiceContext, raw: SlotSearchInput) {
  const { from, to, workOrderId } = slotSearchInput.parse(raw);
  const needs = workOrderId ? await needsOf(svc, workOrderId) : null;
  const [technicians, busy] = await Promise.all([
    listTechnicians(svc),
    svc.db.workOrder.findMany({
      where: {
        assigneeId: { not: null },
        status: { notIn: ["CANCELLED", "FAILED"] },
        windowStart: { lt: to },
        windowEnd: { gt: from },
        ...(workOrderId ? { id: { not: workOrderId } } : {}),
      },
      select: { assigneeId: true, windowStart: true, windowEnd: true },
    }),
  ]);
  const able = needs ? technicians.filter((t) => canTake(t, needs.skills, needs.zone?.id ?? null)) : technicians;
  const slots: { technicianId: string; technician: string; start: Date; end: Date }[] = [];
  for (
    let day = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
    day < to.getTime();
    day += 86_400_000
  )
    for (const [h1, h2] of SLOT_HOURS) {
      const start = new Date(day + h1 * 3_600_000);
      const end = new Date(day + h2 * 3_600_000);
      if (start < from || end > to) continue;
      for (const t of able) {
        const taken = busy.some(
          (b) => b.assigneeId === t.id && (b.windowStart as Date) < end && (b.windowEnd as Date) > start,
        );
        if (!taken) slots.push({ technicianId: t.id, technician: t.name, start, end });
      }
    }
  return { slots, skills: needs?.skills ?? [], zone: needs?.zone ?? null };
}
