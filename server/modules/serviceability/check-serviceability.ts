// Serviceability of a home: inside a live coverage area, and a splitter with a free leg (and
// its PON port with budget) within the area's drop distance → serviceable; a free splitter
// only farther away → serviceable with the area's build cost; otherwise not, with the reason.
// The plans offered are the area's (or every active plan).
import { type LocatedAddress, locateAddress } from "@/server/modules/addresses";
import { recordAudit } from "@/server/modules/audit";
import { listPlans } from "@/server/modules/catalog";
import { splitterCapacities } from "@/server/modules/network";
import type { ServiceContext } from "@/server/service-context";
import { advisoryLock } from "@/server/sql";
import { insideRing, metresBetween, type Ring } from "./geometry";
import { type CheckInput, checkInput, type Serviceability } from "./schemas";

/** Why, for code: the address was not found, lies outside or in a planned area, or splitters are full. */
export type ReasonCode =
  | "OK"
  | "BUILD"
  | "ADDRESS_NOT_FOUND"
  | "OUTSIDE_COVERAGE"
  | "PLANNED_AREA"
  | "SPLITTERS_FULL"
  | "NO_SPLITTER";

export type ServiceabilityResult = {
  status: Serviceability;
  reasonCode: ReasonCode;
  reason: string;
  address: LocatedAddress;
  area: { id: string; name: string } | null;
  splitter: { id: string; name: string; distanceM: number; freeLegs: number } | null;
  buildCostMinor: number | null;
  plans: Array<{
    id: string;
    code: string;
    name: string;
    priceMinor: number;
    currency: string;
    downloadKbps: number;
    uploadKbps: number;
    setupFeeMinor: number;
  }>;
};

/** Legs of each splitter already promised to a home (reserved by a quote or serving a subscriber). */
async function usedLegs(svc: ServiceContext, splitterIds: string[], exceptAddressId?: string) {
  const rows = await svc.db.serviceDrop.groupBy({
    by: ["splitterId"],
    where: { splitterId: { in: splitterIds }, ...(exceptAddressId ? { addressId: { not: exceptAddressId } } : {}) },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.splitterId, r._count._all]));
}

/** The splitters placed on the map, with their PON port and the legs promised to homes. */
export async function listSplittersOnMap(svc: ServiceContext) {
  const splitters = await splitterCapacities(svc);
  const used = await usedLegs(
    svc,
    splitters.map((s) => s.id),
  );
  return splitters.map((s) => {
    const usedLegs = used.get(s.id) ?? 0;
    return { ...s, usedLegs, freeLegs: Math.max(0, Math.min(s.ratio - usedLegs, s.ponPortFree)) };
  });
}

export async function checkServiceability(svc: ServiceContext, raw: CheckInput): Promise<ServiceabilityResult> {
  const { address: typed } = checkInput.parse(raw);
  const address = await locateAddress(svc, typed);
  const none = (
    reasonCode: ReasonCode,
    reason: string,
    area: ServiceabilityResult["area"] = null,
  ): ServiceabilityResult => ({
    status: "NOT_SERVICEABLE",
    reasonCode,
    reason,
    address,
    area,
    splitter: null,
    buildCostMinor: null,
    plans: [],
  });
  if (address.latitude == null || address.longitude == null)
    return none("ADDRESS_NOT_FOUND", "We could not find this address. Check the street, number and postcode.");
  const { latitude, longitude } = address;

  const areas = (await svc.db.coverageArea.findMany({ orderBy: { status: "asc" } })).filter((a) =>
    insideRing(a.polygon as Ring, longitude, latitude),
  );
  const area = areas.find((a) => a.status === "LIVE");
  if (!area) {
    const planned = areas.find((a) => a.status === "PLANNED");
    return planned
      ? none("PLANNED_AREA", `Fibre is planned in ${planned.name} but not built yet.`, {
          id: planned.id,
          name: planned.name,
        })
      : none("OUTSIDE_COVERAGE", "This address is outside our fibre network.");
  }
  const areaRef = { id: area.id, name: area.name };

  const splitters = await splitterCapacities(svc);
  const used = await usedLegs(
    svc,
    splitters.map((s) => s.id),
    address.id,
  );
  const byDistance = splitters
    .map((s) => ({
      ...s,
      distanceM: metresBetween(s, { latitude, longitude }),
      freeLegs: Math.min(s.ratio - (used.get(s.id) ?? 0), s.ponPortFree),
    }))
    .sort((a, b) => a.distanceM - b.distanceM);
  const free = byDistance.filter((s) => s.freeLegs > 0);
  const near = free.find((s) => s.distanceM <= area.maxDropM);
  const farther = free[0];
  const chosen = near ?? (area.buildCostMinor != null ? farther : undefined);
  if (!chosen) {
    const fullNearby = byDistance.some((s) => s.distanceM <= area.maxDropM);
    return none(
      fullNearby ? "SPLITTERS_FULL" : "NO_SPLITTER",
      fullNearby
        ? `Every splitter within ${area.maxDropM} m of this address is full.`
        : `No splitter with free capacity is within ${area.maxDropM} m of this address.`,
      areaRef,
    );
  }

  const { rows } = await listPlans(svc, {
    page: 1,
    pageSize: 200,
    filters: { active: "true" },
    sort: { id: "priceMinor", desc: false },
  });
  const plans = rows
    .filter((p) => area.planIds.length === 0 || area.planIds.includes(p.id))
    .map((p) => ({
      id: p.id,
      code: p.code,
      name: p.name,
      priceMinor: p.priceMinor,
      currency: p.currency,
      downloadKbps: p.downloadKbps,
      uploadKbps: p.uploadKbps,
      setupFeeMinor: p.setupFeeMinor,
    }));
  const splitter = { id: chosen.id, name: chosen.name, distanceM: chosen.distanceM, freeLegs: chosen.freeLegs };
  if (near)
    return {
      status: "SERVICEABLE",
      reasonCode: "OK",
      reason: `Splitter ${chosen.name} is ${chosen.distanceM} m away with ${chosen.freeLegs} free.`,
      address,
      area: areaRef,
      splitter,
      buildCostMinor: null,
      plans,
    };
  return {
    status: "SERVICEABLE_WITH_BUILD",
    reasonCode: "BUILD",
    reason: `The nearest splitter with free capacity (${chosen.name}) is ${chosen.distanceM} m away, beyond the ${area.maxDropM} m drop: a build is needed.`,
    address,
    area: areaRef,
    splitter,
    buildCostMinor: area.buildCostMinor,
    plans,
  };
}

/**
 * Promises a splitter leg to an address (on quote acceptance); the same address again keeps its
 * leg. Refused when the splitter filled up in the meantime.
 */
export async function reserveDrop(
  svc: ServiceContext,
  input: { splitterId: string; addressId: string; reference: string; subscriberId?: string | null },
) {
  return svc.db.$transaction(async (tx) => {
    const mine = await tx.serviceDrop.findFirst({ where: { addressId: input.addressId } });
    if (mine) {
      if (input.subscriberId && mine.subscriberId !== input.subscriberId)
        return tx.serviceDrop.update({ where: { id: mine.id }, data: { subscriberId: input.subscriberId } });
      return mine;
    }
    // Serialise reservations on one splitter so two acceptances cannot take its last leg twice.
    await advisoryLock(tx, `splitter:${input.splitterId}`);
    const [capacity] = (await splitterCapacities(svc)).filter((s) => s.id === input.splitterId);
    const taken = await tx.serviceDrop.count({ where: { splitterId: input.splitterId } });
    if (!capacity || Math.min(capacity.ratio - taken, capacity.ponPortFree) <= 0) return null;
    return tx.serviceDrop.create({
      data: {
        tenantId: svc.tenantId,
        splitterId: input.splitterId,
        addressId: input.addressId,
        reference: input.reference,
        subscriberId: input.subscriberId ?? null,
      },
    });
  });
}

/** Gives back the splitter leg promised to a subscriber whose installation will not happen. */
export async function releaseDrop(svc: ServiceContext, subscriberId: string) {
  return svc.db.$transaction(async (tx) => {
    const drops = await tx.serviceDrop.findMany({ where: { subscriberId } });
    if (!drops.length) return 0;
    await tx.serviceDrop.deleteMany({ where: { subscriberId } });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "serviceability.drop.release",
      targetType: "Subscriber",
      targetId: subscriberId,
      before: drops.map((d) => ({ splitterId: d.splitterId, addressId: d.addressId, reference: d.reference })),
    });
    return drops.length;
  });
}
