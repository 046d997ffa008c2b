// The network inventory: sites, OLTs and their PON ports, ONUs, and the events the OLT system
// reports. The OLT adapter (VOLTHA or the simulator) is the source of truth for device state;
// our rows are synced from it and carry what only we know (site, split ratio, subscriber).
import type { OltAdapter, OltEvent, OnuDevice } from "@/server/adapters/olt/port";
import { conflict, invalid, isUniqueViolation, notFound } from "@/server/errors";
import type { OnuState, Prisma } from "@/server/generated/prisma/client";
import { enqueueJob } from "@/server/jobs";
import { type ListInput, orderBy, pageArgs } from "@/server/list";
import { recordAudit } from "@/server/modules/audit";
import type { ServiceContext } from "@/server/service-context";
import { tenantSql } from "@/server/sql";
import { oltAdapterFor } from "./adapters";
import type { CreateSiteInput, RegisterOltInput, UpdatePonPortInput } from "./schemas";

/** VOLTHA's openolt numbering: PON port_no = 0x20000000 | intf_id. */
export const PON_PORT_BASE = 536870912;

export function onuStateOf(d: Pick<OnuDevice, "adminState" | "operStatus" | "connectStatus">): OnuState {
  if (d.adminState === "DISABLED") return "DISABLED";
  if (d.connectStatus === "UNREACHABLE")
    return d.adminState === "ENABLED" || d.adminState === "PREPROVISIONED" ? "LOS" : "DISABLED";
  if (d.adminState === "ENABLED") {
    if (d.operStatus === "ACTIVE") return "ACTIVE";
    if (d.operStatus === "FAILED") return "FAILED";
    return "ACTIVATING";
  }
  if (d.operStatus === "DISCOVERED") return "DISCOVERED";
  return "PREPROVISIONED";
}

// ------------------------------------------------------------------ sites
export async function createSite(svc: ServiceContext, input: CreateSiteInput) {
  try {
    return await svc.db.$transaction(async (tx) => {
      const site = await tx.networkSite.create({ data: { tenantId: svc.tenantId, ...input } });
      await recordAudit(tx, {
        tenantId: svc.tenantId,
        actor: svc.actor,
        action: "network.site.create",
        targetType: "NetworkSite",
        targetId: site.id,
        after: site,
      });
      return site;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`A site named "${input.name}" already exists`);
    throw error;
  }
}

export async function listSites(svc: ServiceContext) {
  return svc.db.networkSite.findMany({ orderBy: { name: "asc" }, include: { _count: { select: { olts: true } } } });
}

// ------------------------------------------------------------------ OLTs
/**
 * Registers an OLT: pre-provisions it in the OLT system at host:port, enables it (it then
 * discovers the ONUs on its PON ports) and records it with its ports and ONUs.
 */
export async function registerOlt(svc: ServiceContext, input: RegisterOltInput) {
  const existing = await svc.db.olt.findFirst({
    where: { OR: [{ name: input.name }, { managementAddress: input.hostAndPort }] },
  });
  if (existing)
    throw conflict(
      existing.name === input.name
        ? `An OLT named "${input.name}" is already registered`
        : `${input.hostAndPort} is already registered as "${existing.name}"`,
    );
  const adapter = await oltAdapterFor(svc);
  const device = await adapter.preprovisionOlt({ hostAndPort: input.hostAndPort, type: input.deviceType });
  await adapter.enableDevice(device.id);
  const fresh = await adapter.getOlt(device.id);
  const olt = await svc.db.$transaction(async (tx) => {
    const row = await tx.olt.create({
      data: {
        tenantId: svc.tenantId,
        name: input.name,
        siteId: input.siteId ?? null,
        managementAddress: input.hostAndPort,
        externalId: fresh.id,
        vendor: fresh.vendor,
        model: fresh.model,
        serialNumber: fresh.serialNumber,
        firmwareVersion: fresh.firmwareVersion,
        adminState: fresh.adminState,
        operStatus: fresh.operStatus,
        connectStatus: fresh.connectStatus,
        latitude: input.latitude ?? null,
        longitude: input.longitude ?? null,
      },
    });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "network.olt.register",
      targetType: "Olt",
      targetId: row.id,
      after: row,
    });
    return row;
  });
  await syncOlt(svc, olt.id, { technology: input.technology, splitRatio: input.splitRatio });
  return getOlt(svc, olt.id);
}

async function oltRow(svc: ServiceContext, id: string) {
  const olt = await svc.db.olt.findFirst({ where: { id } });
  if (!olt) throw notFound("OLT");
  if (!olt.externalId) throw invalid(`OLT "${olt.name}" is not linked to the OLT system; register it again`);
  return olt as typeof olt & { externalId: string };
}

/** Pulls the OLT's state, PON ports and ONUs from the OLT system into our inventory. */
export async function syncOlt(
  svc: ServiceContext,
  oltId: string,
  defaults: { technology?: "GPON" | "XGS_PON"; splitRatio?: number } = {},
  adapterArg?: OltAdapter,
) {
  const olt = await oltRow(svc, oltId);
  const adapter = adapterArg ?? (await oltAdapterFor(svc));
  const [device, ports, onus] = await Promise.all([
    adapter.getOlt(olt.externalId),
    adapter.listPorts(olt.externalId),
    adapter.listOnus(olt.externalId),
  ]);
  const now = new Date();
  const discovered: string[] = [];
  await svc.db.$transaction(
    async (tx) => {
      await tx.olt.update({
        where: { id: olt.id },
        data: {
          adminState: device.adminState,
          operStatus: device.operStatus,
          connectStatus: device.connectStatus,
          firmwareVersion: device.firmwareVersion,
          serialNumber: device.serialNumber,
          lastSyncedAt: now,
        },
      });
      const portIds = new Map<number, string>();
      for (const p of ports.filter((x) => x.type === "PON_OLT")) {
        const row = await tx.ponPort.upsert({
          where: { oltId_portNo: { oltId: olt.id, portNo: p.portNo } },
          create: {
            tenantId: svc.tenantId,
            oltId: olt.id,
            portNo: p.portNo,
            label: p.label,
            technology: defaults.technology ?? "GPON",
            splitRatio: defaults.splitRatio ?? 64,
            ...(defaults.technology === "XGS_PON" ? { capacityDownMbps: 9953, capacityUpMbps: 9953 } : {}),
            adminState: p.adminState,
            operStatus: p.operStatus,
          },
          update: { label: p.label, adminState: p.adminState, operStatus: p.operStatus },
        });
        portIds.set(p.portNo, row.id);
      }
      const known = new Map(
        (await tx.onu.findMany({ where: { oltId: olt.id }, select: { id: true, serialNumber: true } })).map((o) => [
          o.serialNumber,
          o.id,
        ]),
      );
      for (const d of onus) {
        const data = {
          externalId: d.id,
          ponPortId: portIds.get(d.ponPortNo) ?? null,
          onuId: d.onuId,
          vendor: d.vendor,
          model: d.model,
          firmwareVersion: d.firmwareVersion,
          adminState: d.adminState,
          operStatus: d.operStatus,
          connectStatus: d.connectStatus,
          state: onuStateOf(d),
          lastSeenAt: d.connectStatus === "REACHABLE" ? now : undefined,
        };
        const id = known.get(d.serialNumber);
        if (id) await tx.onu.update({ where: { id }, data });
        else {
          const other = await tx.onu.findFirst({ where: { serialNumber: d.serialNumber } });
          if (other) await tx.onu.update({ where: { id: other.id }, data: { ...data, oltId: olt.id } });
          else {
            await tx.onu.create({
              data: { tenantId: svc.tenantId, oltId: olt.id, serialNumber: d.serialNumber, ...data },
            });
            discovered.push(d.serialNumber);
          }
        }
      }
    },
    { timeout: 30_000 },
  );
  if (adapter.pollEvents) {
    const { events } = await adapter.pollEvents(0);
    await recordEvents(
      svc,
      events.filter((e) => e.oltDeviceId === olt.externalId),
    );
  }
  return { ports: ports.filter((x) => x.type === "PON_OLT").length, onus: onus.length, discovered };
}

/** Syncs every OLT of the tenant (used before looking up an ONU we have not seen yet). */
export async function syncAllOlts(svc: ServiceContext) {
  const olts = await svc.db.olt.findMany({ where: { externalId: { not: null } }, select: { id: true } });
  const adapter = await oltAdapterFor(svc);
  for (const o of olts) await syncOlt(svc, o.id, {}, adapter);
  return { olts: olts.length };
}

export async function listOlts(svc: ServiceContext, input: ListInput) {
  const where: Prisma.OltWhereInput = input.search
    ? {
        OR: [
          { name: { contains: input.search, mode: "insensitive" } },
          { serialNumber: { contains: input.search, mode: "insensitive" } },
          { managementAddress: { contains: input.search } },
        ],
      }
    : {};
  if (input.filters?.siteId) where.siteId = input.filters.siteId;
  const [rows, total] = await Promise.all([
    svc.db.olt.findMany({
      where,
      ...pageArgs(input),
      orderBy: orderBy(input, ["name", "createdAt", "operStatus", "vendor"] as const, { name: "asc" }),
      include: { site: { select: { name: true } }, _count: { select: { ports: true, onus: true } } },
    }),
    svc.db.olt.count({ where }),
  ]);
  const active = await svc.db.onu.groupBy({
    by: ["oltId"],
    where: { oltId: { in: rows.map((r) => r.id) }, state: "ACTIVE" },
    _count: { _all: true },
  });
  const capacity = await svc.db.ponPort.groupBy({
    by: ["oltId"],
    where: { oltId: { in: rows.map((r) => r.id) } },
    _sum: { splitRatio: true },
  });
  return {
    rows: rows.map((r) => {
      const slots = capacity.find((c) => c.oltId === r.id)?._sum.splitRatio ?? 0;
      return {
        ...r,
        ponPorts: r._count.ports,
        onus: r._count.onus,
        activeOnus: active.find((a) => a.oltId === r.id)?._count._all ?? 0,
        utilisation: slots ? r._count.onus / slots : 0,
      };
    }),
    total,
  };
}

/** One OLT with its PON ports and, per port, ONU counts, committed bandwidth and utilisation. */
export async function getOlt(svc: ServiceContext, id: string) {
  const olt = await svc.db.olt.findFirst({
    where: { id },
    include: { site: true, ports: { orderBy: { portNo: "asc" } } },
  });
  if (!olt) throw notFound("OLT");
  const perPort = await svc.db.onu.groupBy({
    by: ["ponPortId", "state"],
    where: { oltId: id },
    _count: { _all: true },
    _sum: { downstreamKbps: true, upstreamKbps: true },
  });
  const ports = olt.ports.map((p) => {
    const mine = perPort.filter((x) => x.ponPortId === p.id);
    const onus = mine.reduce((n, x) => n + x._count._all, 0);
    const active = mine.filter((x) => x.state === "ACTIVE").reduce((n, x) => n + x._count._all, 0);
    const los = mine.filter((x) => x.state === "LOS").reduce((n, x) => n + x._count._all, 0);
    const committedDownKbps = mine.reduce((n, x) => n + (x._sum.downstreamKbps ?? 0), 0);
    const committedUpKbps = mine.reduce((n, x) => n + (x._sum.upstreamKbps ?? 0), 0);
    return {
      ...p,
      intfId: p.portNo - PON_PORT_BASE,
      onus,
      activeOnus: active,
      losOnus: los,
      freeSlots: Math.max(0, p.splitRatio - onus),
      utilisation: p.splitRatio ? onus / p.splitRatio : 0,
      committedDownKbps,
      committedUpKbps,
      bandwidthUtilisation: p.capacityDownMbps ? committedDownKbps / (p.capacityDownMbps * 1000) : 0,
    };
  });
  return { ...olt, ports };
}

export async function updatePonPort(svc: ServiceContext, id: string, input: UpdatePonPortInput) {
  const before = await svc.db.ponPort.findFirst({ where: { id } });
  if (!before) throw notFound("PON port");
  return svc.db.$transaction(async (tx) => {
    const after = await tx.ponPort.update({ where: { id }, data: input });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "network.ponport.update",
      targetType: "PonPort",
      targetId: id,
      before,
      after,
    });
    return after;
  });
}

export type OltAction = "enable" | "disable" | "reboot";

export async function oltAction(svc: ServiceContext, id: string, action: OltAction) {
  const olt = await oltRow(svc, id);
  const adapter = await oltAdapterFor(svc);
  if (action === "enable") await adapter.enableDevice(olt.externalId);
  else if (action === "disable") await adapter.disableDevice(olt.externalId);
  else await adapter.rebootDevice(olt.externalId);
  await recordAudit(svc.db, {
    tenantId: svc.tenantId,
    actor: svc.actor,
    action: `network.olt.${action}`,
    targetType: "Olt",
    targetId: id,
    before: { adminState: olt.adminState, operStatus: olt.operStatus },
  });
  await syncOlt(svc, id, {}, adapter);
  return getOlt(svc, id);
}

/**
 * Removes the OLT from the OLT system and from the inventory. Refused while ONUs serve
 * subscribers, unless `force` (their service stops; the audit entry says so).
 */
export async function deleteOlt(svc: ServiceContext, id: string, opts: { force?: boolean } = {}) {
  const olt = await oltRow(svc, id);
  const serving = await svc.db.onu.count({ where: { oltId: id, subscriberId: { not: null } } });
  if (serving && !opts.force)
    throw conflict(`${serving} ONUs on "${olt.name}" serve subscribers; move or deactivate them first`, {
      subscribers: serving,
    });
  const adapter = await oltAdapterFor(svc);
  await adapter.deleteDevice(olt.externalId).catch((error: unknown) => {
    if ((error as { code?: string }).code !== "NOT_FOUND") throw error;
  });
  await svc.db.$transaction(async (tx) => {
    await tx.olt.delete({ where: { id } });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "network.olt.delete",
      targetType: "Olt",
      targetId: id,
      before: olt,
      after: serving ? { forced: true, subscribersCut: serving } : undefined,
    });
  });
  return { id };
}

/** Starts a firmware download on the OLT (or one of its ONUs by serial). */
export async function upgradeFirmware(
  svc: ServiceContext,
  oltId: string,
  input: { version: string; url?: string; onuSerial?: string },
) {
  const olt = await oltRow(svc, oltId);
  const adapter = await oltAdapterFor(svc);
  let target = olt.externalId;
  if (input.onuSerial) {
    const onu = await svc.db.onu.findFirst({ where: { oltId, serialNumber: input.onuSerial } });
    if (!onu?.externalId) throw notFound(`ONU ${input.onuSerial} on "${olt.name}"`);
    target = onu.externalId;
  }
  await adapter.downloadFirmware(target, { version: input.version, url: input.url });
  await recordAudit(svc.db, {
    tenantId: svc.tenantId,
    actor: svc.actor,
    action: "network.firmware.download",
    targetType: input.onuSerial ? "Onu" : "Olt",
    targetId: input.onuSerial ?? oltId,
    after: { version: input.version, url: input.url ?? null },
  });
  await syncOlt(svc, oltId, {}, adapter);
  return { deviceId: target, version: input.version, state: "DOWNLOAD_REQUESTED" };
}

// ------------------------------------------------------------------ events
/**
 * Records events from the OLT system (webhook, Kafka consumer or simulator poll) and applies
 * them to the inventory: discovery creates the ONU, LOS/dying gasp mark it, CLEAR restores it.
 * Redelivered events are ignored (unique event id per tenant).
 */
export async function recordEvents(svc: ServiceContext, events: OltEvent[]) {
  if (!events.length) return { recorded: 0 };
  // In bulk: a fibre cut is a burst of one event per ONU.
  const byId = new Map(events.map((e) => [e.id, e]));
  const rows = [...byId.values()].map((e) => ({
    eventId: e.id,
    kind: e.kind,
    state: e.state,
    serialNumber: e.serialNumber,
    oltExternalId: e.oltDeviceId,
    ponPortNo: e.intfId === null ? null : PON_PORT_BASE + e.intfId,
    payload: e.context,
    raisedAt: e.raisedAt,
  }));
  // One statement however large the burst; an event recorded before (a redelivery, or a
  // concurrent delivery that got there first) is skipped.
  const inserted = await tenantSql(svc.db, svc.tenantId).query<{ eventId: string }[]>`
    INSERT INTO "NetworkEvent" (id, "tenantId", "eventId", kind, state, "serialNumber", "oltExternalId", "ponPortNo",
           payload, "raisedAt", "receivedAt")
    SELECT gen_random_uuid(), ${svc.tenantId}::uuid, r."eventId", r.kind, r.state, r."serialNumber", r."oltExternalId",
           r."ponPortNo", coalesce(r.payload, '{}'), r."raisedAt", ${new Date().toISOString()}::timestamp
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r("eventId" text, kind text, state text,
           "serialNumber" text, "oltExternalId" text, "ponPortNo" int, payload jsonb, "raisedAt" timestamp)
    ON CONFLICT ("tenantId", "eventId") DO NOTHING
    RETURNING "eventId"`;
  const isNew = new Set(inserted.map((r) => r.eventId));
  const fresh = [...byId.values()].filter((e) => isNew.has(e.id));
  for (const e of fresh.filter((x) => x.kind === "ONU_DISCOVERY")) await applyDiscovery(svc, e);
  await applySignal(svc, fresh);
  if (fresh.length) await announceEvents(svc);
  return { recorded: fresh.length };
}

/** Emitted (at most once a second per tenant) after new events were recorded: readers of the
 * event log (alarms and incidents) catch up. */
export const NETWORK_EVENTS_RECORDED = "network/events.recorded";

async function announceEvents(svc: ServiceContext) {
  const second = Math.floor(Date.now() / 1000);
  // The run starts once this second is over, so it reads every event of the second.
  await enqueueJob(
    svc.db,
    NETWORK_EVENTS_RECORDED,
    { tenantId: svc.tenantId },
    { id: `network-events-${svc.tenantId}-${second}`, at: new Date((second + 1) * 1000) },
  );
}

async function applyDiscovery(svc: ServiceContext, e: OltEvent) {
  if (!e.serialNumber || !e.oltDeviceId) return;
  if (await svc.db.onu.findFirst({ where: { serialNumber: e.serialNumber }, select: { id: true } })) return;
  const olt = await svc.db.olt.findFirst({ where: { externalId: e.oltDeviceId } });
  if (!olt) return;
  const port =
    e.intfId === null
      ? null
      : await svc.db.ponPort.findFirst({ where: { oltId: olt.id, portNo: PON_PORT_BASE + e.intfId } });
  await svc.db.onu.create({
    data: {
      tenantId: svc.tenantId,
      oltId: olt.id,
      ponPortId: port?.id ?? null,
      serialNumber: e.serialNumber,
      externalId: e.onuDeviceId,
      onuId: e.onuId,
      state: "DISCOVERED",
      discoveredAt: e.raisedAt,
    },
  });
}

/** LOS/dying gasp mark the ONU unreachable; the CLEAR restores the state its admin state implies. */
async function applySignal(svc: ServiceContext, events: OltEvent[]) {
  const last = new Map<string, "RAISE" | "CLEAR">();
  for (const e of events)
    if (e.serialNumber && (e.kind === "ONU_LOSS_OF_SIGNAL" || e.kind === "ONU_DYING_GASP"))
      last.set(e.serialNumber, e.state);
  const lost = [...last].filter(([, s]) => s === "RAISE").map(([serial]) => serial);
  const back = [...last].filter(([, s]) => s === "CLEAR").map(([serial]) => serial);
  if (lost.length)
    await svc.db.onu.updateMany({
      where: { serialNumber: { in: lost } },
      data: { state: "LOS", connectStatus: "UNREACHABLE" },
    });
  if (back.length) {
    const restored: [Prisma.OnuWhereInput, OnuState][] = [
      [{ adminState: "ENABLED" }, "ACTIVE"],
      [{ adminState: "DISABLED" }, "DISABLED"],
      [{ adminState: { notIn: ["ENABLED", "DISABLED"] } }, "DISCOVERED"],
    ];
    for (const [where, state] of restored)
      await svc.db.onu.updateMany({
        where: { serialNumber: { in: back }, ...where },
        data: { state, connectStatus: "REACHABLE" },
      });
  }
}

export async function listNetworkEvents(svc: ServiceContext, input: ListInput) {
  const where: Prisma.NetworkEventWhereInput = {};
  if (input.filters?.kind) where.kind = input.filters.kind;
  if (input.filters?.serialNumber) where.serialNumber = input.filters.serialNumber;
  if (input.search) where.serialNumber = { contains: input.search, mode: "insensitive" };
  const [rows, total] = await Promise.all([
    svc.db.networkEvent.findMany({ where, ...pageArgs(input), orderBy: { raisedAt: "desc" } }),
    svc.db.networkEvent.count({ where }),
  ]);
  return { rows, total };
}

/** Pulls pending events from a simulated OLT system (the real one pushes to our webhook). */
export async function pollOltEvents(svc: ServiceContext) {
  const adapter = await oltAdapterFor(svc);
  if (!adapter.pollEvents) return { recorded: 0 };
  const { events } = await adapter.pollEvents(0);
  return recordEvents(svc, events);
}
