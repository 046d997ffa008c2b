// ONUs: find, activate/disable/reboot, bandwidth profiles and optical levels.
import type { BandwidthProfile, OltAdapter } from "@/server/adapters/olt/port";
import { conflict, notFound } from "@/server/errors";
import type { Prisma } from "@/server/generated/prisma/client";
import { orderBy, pageArgs } from "@/server/list";
import { recordAudit } from "@/server/modules/audit";
import type { ServiceContext } from "@/server/service-context";
import { oltAdapterFor } from "./adapters";
import type { BandwidthInput, ListOnusInput } from "./schemas";
import { onuStateOf, syncAllOlts } from "./service";

/** GPON class B+ receive window and the margin below which we warn (dBm). */
export const OPTICAL_THRESHOLDS = {
  rx: { min: -27, warnBelow: -25, max: -8 },
  tx: { min: 0.5, max: 5 },
} as const;

export type OpticalVerdict = "ok" | "warning" | "critical" | "los" | "unread";

/** The verdict of a stored reading; "unread" when the levels were never read. */
export function storedOptics(onu: { rxPowerDbm: number | null; txPowerDbm: number | null; opticsAt: Date | null }) {
  return onu.opticsAt ? judgeOptics(onu.rxPowerDbm, onu.txPowerDbm) : ("unread" as const);
}

export function judgeOptics(rxDbm: number | null, txDbm: number | null): OpticalVerdict {
  if (rxDbm === null) return "los";
  if (rxDbm <= -40) return "los";
  if (rxDbm < OPTICAL_THRESHOLDS.rx.min || rxDbm > OPTICAL_THRESHOLDS.rx.max) return "critical";
  if (txDbm !== null && (txDbm < OPTICAL_THRESHOLDS.tx.min || txDbm > OPTICAL_THRESHOLDS.tx.max)) return "warning";
  if (rxDbm < OPTICAL_THRESHOLDS.rx.warnBelow) return "warning";
  return "ok";
}

/** SADIS profiles from plan rates: 20 % committed, the rest excess, bursts of ~10 ms. */
export function bandwidthProfiles(input: BandwidthInput) {
  const make = (kbps: number, dir: "US" | "DS"): BandwidthProfile => {
    const cir = Math.round(kbps * 0.2);
    return {
      id: input.profileName ? `${input.profileName}-${dir}` : `BW-${kbps}K-${dir}`,
      cir,
      cbs: Math.max(1522, Math.round((cir * 1000) / 8 / 100)),
      eir: kbps - cir,
      ebs: Math.max(1522, Math.round(((kbps - cir) * 1000) / 8 / 100)),
      air: 0,
    };
  };
  return { upstream: make(input.upstreamKbps, "US"), downstream: make(input.downstreamKbps, "DS") };
}

export async function listOnus(svc: ServiceContext, input: ListOnusInput) {
  const where: Prisma.OnuWhereInput = {};
  if (input.oltId) where.oltId = input.oltId;
  if (input.ponPortId) where.ponPortId = input.ponPortId;
  if (input.state) where.state = input.state;
  if (input.filters?.subscriberId) where.subscriberId = input.filters.subscriberId;
  if (input.search)
    where.OR = [
      { serialNumber: { contains: input.search, mode: "insensitive" } },
      { vendor: { contains: input.search, mode: "insensitive" } },
    ];
  const [rows, total] = await Promise.all([
    svc.db.onu.findMany({
      where,
      ...pageArgs(input),
      orderBy: orderBy(input, ["serialNumber", "state", "rxPowerDbm", "discoveredAt", "onuId"] as const, {
        serialNumber: "asc",
      }),
      include: {
        olt: { select: { id: true, name: true } },
        ponPort: { select: { id: true, label: true, portNo: true } },
      },
    }),
    svc.db.onu.count({ where }),
  ]);
  return { rows: rows.map((r) => ({ ...r, optics: storedOptics(r) })), total };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An ONU by id or serial number; looks in the OLT system if we have not seen it yet. */
export async function findOnu(svc: ServiceContext, idOrSerial: string, opts: { sync?: boolean } = {}) {
  const where = UUID.test(idOrSerial) ? { id: idOrSerial } : { serialNumber: idOrSerial };
  let onu = await svc.db.onu.findFirst({ where, include: { olt: true, ponPort: true } });
  if (!onu && opts.sync !== false && !UUID.test(idOrSerial)) {
    await syncAllOlts(svc);
    onu = await svc.db.onu.findFirst({ where, include: { olt: true, ponPort: true } });
  }
  if (!onu) throw notFound(`ONU ${idOrSerial}`);
  return onu;
}

export async function getOnu(svc: ServiceContext, idOrSerial: string) {
  const onu = await findOnu(svc, idOrSerial, { sync: false });
  const cpes = await svc.db.cpe.findMany({ where: { OR: [{ onuId: onu.id }, { serialNumber: onu.serialNumber }] } });
  const events = await svc.db.networkEvent.findMany({
    where: { serialNumber: onu.serialNumber },
    orderBy: { raisedAt: "desc" },
    take: 20,
  });
  return {
    ...onu,
    cpes,
    events,
    optics: storedOptics(onu),
    thresholds: OPTICAL_THRESHOLDS,
  };
}

type OnuRow = Awaited<ReturnType<typeof findOnu>>;

function addressOf(onu: OnuRow) {
  if (!onu.olt.externalId) throw notFound(`OLT of ONU ${onu.serialNumber} in the OLT system`);
  return { oltId: onu.olt.externalId, ponPortNo: onu.ponPort?.portNo ?? 0, serialNumber: onu.serialNumber };
}

/** Re-reads one ONU from the OLT system into its row. */
export async function refreshOnu(svc: ServiceContext, onu: OnuRow, adapter: OltAdapter) {
  if (!onu.externalId) return onu;
  const d = await adapter.getOnu(onu.externalId);
  return svc.db.onu.update({
    where: { id: onu.id },
    data: {
      adminState: d.adminState,
      operStatus: d.operStatus,
      connectStatus: d.connectStatus,
      firmwareVersion: d.firmwareVersion,
      state: onuStateOf(d),
      lastSeenAt: d.connectStatus === "REACHABLE" ? new Date() : undefined,
    },
    include: { olt: true, ponPort: true },
  });
}

/**
 * Activates an ONU on its PON port (EnableOnuSerialNumber) and, when rates are given, applies
 * the bandwidth profile. Activating an active ONU only re-applies the profile.
 */
export async function activateOnu(
  svc: ServiceContext,
  idOrSerial: string,
  input: Partial<BandwidthInput> & { subscriberId?: string | null } = {},
) {
  const onu = await findOnu(svc, idOrSerial);
  const adapter = await oltAdapterFor(svc);
  // Always asked of VOLTHA (a repeated enable is done there): our copy may have drifted from it.
  await adapter.enableOnu(addressOf(onu));
  let profile: ReturnType<typeof bandwidthProfiles> | null = null;
  if (input.downstreamKbps && input.upstreamKbps) {
    profile = bandwidthProfiles(input as BandwidthInput);
    await adapter.setBandwidthProfile({ serialNumber: onu.serialNumber, ...profile });
  }
  const fresh = await refreshOnu(svc, onu, adapter);
  return svc.db.$transaction(async (tx) => {
    const after = await tx.onu.update({
      where: { id: onu.id },
      data: {
        activatedAt: onu.activatedAt ?? new Date(),
        ...(input.subscriberId !== undefined ? { subscriberId: input.subscriberId } : {}),
        ...(profile
          ? {
              bandwidthProfile: profile as unknown as Prisma.InputJsonValue,
              downstreamKbps: input.downstreamKbps,
              upstreamKbps: input.upstreamKbps,
            }
          : {}),
      },
    });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "network.onu.activate",
      targetType: "Onu",
      targetId: onu.id,
      before: { state: onu.state, adminState: onu.adminState, subscriberId: onu.subscriberId },
      after: { state: fresh.state, adminState: fresh.adminState, subscriberId: after.subscriberId, profile },
    });
    return after;
  });
}

export async function disableOnu(svc: ServiceContext, idOrSerial: string, opts: { unassign?: boolean } = {}) {
  const onu = await findOnu(svc, idOrSerial);
  const adapter = await oltAdapterFor(svc);
  await adapter.disableOnu(addressOf(onu));
  const fresh = await refreshOnu(svc, onu, adapter);
  return svc.db.$transaction(async (tx) => {
    const after = await tx.onu.update({
      where: { id: onu.id },
      data: opts.unassign
        ? { subscriberId: null, bandwidthProfile: undefined, downstreamKbps: null, upstreamKbps: null }
        : {},
    });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "network.onu.disable",
      targetType: "Onu",
      targetId: onu.id,
      before: { state: onu.state, subscriberId: onu.subscriberId },
      after: { state: fresh.state, subscriberId: after.subscriberId },
    });
    return after;
  });
}

export async function rebootOnu(svc: ServiceContext, idOrSerial: string) {
  const onu = await findOnu(svc, idOrSerial);
  if (!onu.externalId) throw notFound(`ONU ${onu.serialNumber} in the OLT system`);
  const adapter = await oltAdapterFor(svc);
  await adapter.rebootDevice(onu.externalId);
  await recordAudit(svc.db, {
    tenantId: svc.tenantId,
    actor: svc.actor,
    action: "network.onu.reboot",
    targetType: "Onu",
    targetId: onu.id,
  });
  return { id: onu.id, rebooted: true };
}

/**
 * Removes an ONU from the OLT system and the inventory. Refused while it serves a subscriber,
 * unless `force` (the subscriber's service stops; the audit entry says so).
 */
export async function deleteOnu(svc: ServiceContext, idOrSerial: string, opts: { force?: boolean } = {}) {
  const onu = await findOnu(svc, idOrSerial, { sync: false });
  if (onu.subscriberId && !opts.force)
    throw conflict(`ONU ${onu.serialNumber} serves a subscriber; deactivate the service first, or force`, {
      subscribers: 1,
    });
  if (onu.externalId)
    await (await oltAdapterFor(svc)).deleteDevice(onu.externalId).catch((error: unknown) => {
      if ((error as { code?: string }).code !== "NOT_FOUND") throw error;
    });
  await svc.db.$transaction(async (tx) => {
    await tx.onu.delete({ where: { id: onu.id } });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "network.onu.delete",
      targetType: "Onu",
      targetId: onu.id,
      before: { serialNumber: onu.serialNumber, subscriberId: onu.subscriberId, externalId: onu.externalId },
      after: onu.subscriberId ? { forced: true } : undefined,
    });
  });
  return { id: onu.id };
}

export async function setOnuBandwidth(svc: ServiceContext, idOrSerial: string, input: BandwidthInput) {
  const onu = await findOnu(svc, idOrSerial);
  const adapter = await oltAdapterFor(svc);
  const profile = bandwidthProfiles(input);
  await adapter.setBandwidthProfile({ serialNumber: onu.serialNumber, ...profile });
  return svc.db.$transaction(async (tx) => {
    const after = await tx.onu.update({
      where: { id: onu.id },
      data: {
        bandwidthProfile: profile as unknown as Prisma.InputJsonValue,
        downstreamKbps: input.downstreamKbps,
        upstreamKbps: input.upstreamKbps,
      },
    });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "network.onu.bandwidth",
      targetType: "Onu",
      targetId: onu.id,
      before: { profile: onu.bandwidthProfile },
      after: { profile },
    });
    return after;
  });
}

/** Reads the ONU's optical levels now (GetExtValue), stores them and judges them. */
export async function readOnuOptics(svc: ServiceContext, idOrSerial: string) {
  const onu = await findOnu(svc, idOrSerial);
  if (!onu.externalId) throw notFound(`ONU ${onu.serialNumber} in the OLT system`);
  const adapter = await oltAdapterFor(svc);
  const levels = await adapter.getOptics(onu.externalId);
  const los = levels.rxDbm <= -40;
  await svc.db.onu.update({
    where: { id: onu.id },
    data: {
      rxPowerDbm: los ? null : levels.rxDbm,
      txPowerDbm: levels.txDbm,
      temperatureC: levels.temperatureC,
      opticsAt: levels.readAt,
    },
  });
  return {
    serialNumber: onu.serialNumber,
    rxDbm: los ? null : levels.rxDbm,
    txDbm: levels.txDbm,
    temperatureC: levels.temperatureC,
    biasCurrentMa: levels.biasCurrentMa,
    readAt: levels.readAt,
    verdict: judgeOptics(los ? null : levels.rxDbm, levels.txDbm),
    thresholds: OPTICAL_THRESHOLDS,
  };
}
