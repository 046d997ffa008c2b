// Technicians (who is on the board) with their skills, zones and base, and the free slots of
// those who can take a job: the skills its type requires, covering the zone it lies in (a
// coverage area), with nothing else booked then.
import { conflict, invalid, notFound } from "@/server/errors";
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
import { OPEN_STATUSES } from "./status";

/**
 * The technicians: active staff who may work orders and have a technician profile (their
 * skills, zones and base). Only they are on the board, offered slots and assigned jobs.
 */
export async function listTechnicians(svc: ServiceContext) {
  const [staff, profiles] = await Promise.all([
    staffWithPermission(svc, "workorder.write"),
    svc.db.technicianProfile.findMany(),
  ]);
  const byUser = new Map(profiles.map((p) => [p.userId, p]));
  return staff.flatMap((u) => {
    const p = byUser.get(u.id);
    if (!p) return [];
    const base =
      p.baseLabel && p.baseLatitude != null && p.baseLongitude != null
        ? { label: p.baseLabel, latitude: p.baseLatitude, longitude: p.baseLongitude }
        : null;
    return [{ ...u, skills: p.skills, zoneIds: p.zoneIds, base }];
  });
}
export type Technician = Awaited<ReturnType<typeof listTechnicians>>[number];

/** Staff who may work orders but are not technicians yet (whom "Add technician" offers). */
export async function technicianCandidates(svc: ServiceContext) {
  const [staff, profiles] = await Promise.all([
    staffWithPermission(svc, "workorder.write"),
    svc.db.technicianProfile.findMany({ select: { userId: true } }),
  ]);
  const technicians = new Set(profiles.map((p) => p.userId));
  return staff.filter((u) => !technicians.has(u.id));
}

/** Makes a user who may work orders a technician, or updates their skills, zones and base. */
export async function saveTechnicianProfile(svc: ServiceContext, raw: TechnicianProfileInput) {
  const input = technicianProfileInput.parse(raw);
  const staff = await staffWithPermission(svc, "workorder.write");
  if (!staff.some((u) => u.id === input.userId))
    throw invalid("Only active staff who may work orders can be technicians");
  const areas = new Set((await listCoverageAreas(svc)).map((a) => a.id));
  if (input.zoneIds.some((id) => !areas.has(id))) throw invalid("Pick zones among the coverage areas");
  return svc.db.$transaction(async (tx) => {
    const before = await tx.technicianProfile.findFirst({ where: { userId: input.userId } });
    const data = {
      skills: input.skills,
      zoneIds: input.zoneIds,
      baseLabel: input.base?.label ?? null,
      baseLatitude: input.base?.latitude ?? null,
      baseLongitude: input.base?.longitude ?? null,
    };
    const after = before
      ? await tx.technicianProfile.update({ where: { id: before.id }, data })
      : await tx.technicianProfile.create({ data: { tenantId: svc.tenantId, userId: input.userId, ...data } });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "workorder.technician_profile",
      targetType: "User",
      targetId: input.userId,
      before: before
        ? {
            skills: before.skills,
            zoneIds: before.zoneIds,
            baseLabel: before.baseLabel,
            baseLatitude: before.baseLatitude,
            baseLongitude: before.baseLongitude,
          }
        : undefined,
      after: data,
    });
    return after;
  });
}

/** Takes a user off the board. Refused while open orders are assigned to them: move those first. */
export async function removeTechnician(svc: ServiceContext, userId: string) {
  return svc.db.$transaction(async (tx) => {
    const profile = await tx.technicianProfile.findFirst({ where: { userId } });
    if (!profile) throw notFound("Technician");
    const open = await tx.workOrder.count({ where: { assigneeId: userId, status: { in: OPEN_STATUSES } } });
    if (open)
      throw conflict(
        `${open} open ${open === 1 ? "order is" : "orders are"} assigned to this technician; move ${open === 1 ? "it" : "them"} to someone else first`,
      );
    await tx.technicianProfile.delete({ where: { id: profile.id } });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "workorder.technician_remove",
      targetType: "User",
      targetId: userId,
      before: { skills: profile.skills, zoneIds: profile.zoneIds, baseLabel: profile.baseLabel },
    });
    return { userId };
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
