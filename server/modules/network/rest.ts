// The VOLTHA-style REST routes (/api/v1/voltha/…): OLTs, PON ports and ONUs in snake_case,
// the same use cases as the NOC pages. (The discovery/alarm webhook is the incidents module's:
// events become alarms and incidents before it answers.)
import { z } from "zod";
import type { OltEvent } from "@/server/adapters/olt/port";
import { notFound } from "@/server/errors";
import { cursorPage, cursorQuery, defineRoute, pageOf } from "@/server/rest";
import type { ServiceContext } from "@/server/service-context";
import {
  activateOnu,
  deleteOnu,
  findOnu,
  getOnu,
  readOnuOptics,
  rebootOnu,
  setOnuBandwidth,
  storedOptics,
} from "./onus";
import type { VolthaEventBody } from "./schemas";
import { deleteOlt, getOlt, oltAction, upgradeFirmware } from "./service";

const TAG = "VOLTHA";
const timestamp = z.iso.datetime({ offset: true });
const ONU_STATES = ["DISCOVERED", "PREPROVISIONED", "ACTIVATING", "ACTIVE", "DISABLED", "LOS", "FAILED"] as const;

// ------------------------------------------------------------------ shapes

const olt = z.object({
  id: z.uuid(),
  name: z.string(),
  vendor: z.string().nullable(),
  model: z.string().nullable(),
  serial_number: z.string().nullable(),
  firmware_version: z.string().nullable(),
  management_address: z.string().nullable().describe("host:port VOLTHA reaches the OLT at"),
  device_id: z.string().nullable().describe("The OLT's device id in VOLTHA"),
  admin_state: z.string(),
  oper_status: z.string(),
  connect_status: z.string(),
  site: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  pon_ports: z.number().int(),
  onus: z.number().int(),
  active_onus: z.number().int(),
  last_synced_at: timestamp.nullable(),
  created_at: timestamp,
});

const ponPort = z.object({
  id: z.uuid(),
  port_no: z.number().int(),
  intf_id: z.number().int().describe("PON interface id (port_no − 536870912 in openolt)"),
  label: z.string(),
  technology: z.enum(["GPON", "XGS_PON"]),
  split_ratio: z.number().int(),
  capacity_down_mbps: z.number().int(),
  capacity_up_mbps: z.number().int(),
  admin_state: z.string(),
  oper_status: z.string(),
  onus: z.number().int(),
  active_onus: z.number().int(),
  los_onus: z.number().int(),
  free_slots: z.number().int(),
  utilisation: z.number().describe("ONUs / split ratio"),
  committed_down_kbps: z.number().int(),
  committed_up_kbps: z.number().int(),
});

const verdict = z.enum(["ok", "warning", "critical", "los", "unread"]);

const onu = z.object({
  id: z.uuid(),
  serial_number: z.string(),
  device_id: z.string().nullable().describe("The ONU's device id in VOLTHA"),
  olt: z.object({ id: z.uuid(), name: z.string() }),
  pon_port: z.object({ id: z.uuid(), label: z.string(), port_no: z.number().int() }).nullable(),
  onu_id: z.number().int().nullable(),
  vendor: z.string().nullable(),
  model: z.string().nullable(),
  firmware_version: z.string().nullable(),
  state: z.enum(ONU_STATES),
  admin_state: z.string(),
  oper_status: z.string(),
  connect_status: z.string(),
  subscriber_id: z.uuid().nullable(),
  downstream_kbps: z.number().int().nullable(),
  upstream_kbps: z.number().int().nullable(),
  rx_power_dbm: z.number().nullable(),
  tx_power_dbm: z.number().nullable(),
  temperature_c: z.number().nullable(),
  optics: verdict.describe("Verdict of the last optical reading"),
  optics_at: timestamp.nullable(),
  discovered_at: timestamp,
  activated_at: timestamp.nullable(),
  last_seen_at: timestamp.nullable(),
});

const onuDetail = onu.extend({
  cpes: z.array(
    z.object({
      id: z.uuid(),
      acs_device_id: z.string(),
      serial_number: z.string(),
      manufacturer: z.string().nullable(),
      mac_address: z.string().nullable(),
      firmware_version: z.string().nullable(),
      wifi_ssid: z.string().nullable(),
      last_inform_at: timestamp.nullable(),
    }),
  ),
  events: z.array(z.object({ event_id: z.string(), kind: z.string(), state: z.string(), raised_at: timestamp })),
});

type OnuRow = Awaited<ReturnType<typeof findOnu>>;

function presentOnu(
  r: Omit<OnuRow, "olt" | "ponPort"> & {
    olt: { id: string; name: string };
    ponPort: { id: string; label: string; portNo: number } | null;
  },
) {
  return {
    id: r.id,
    serial_number: r.serialNumber,
    device_id: r.externalId,
    olt: { id: r.olt.id, name: r.olt.name },
    pon_port: r.ponPort && { id: r.ponPort.id, label: r.ponPort.label, port_no: r.ponPort.portNo },
    onu_id: r.onuId,
    vendor: r.vendor,
    model: r.model,
    firmware_version: r.firmwareVersion,
    state: r.state,
    admin_state: r.adminState,
    oper_status: r.operStatus,
    connect_status: r.connectStatus,
    subscriber_id: r.subscriberId,
    downstream_kbps: r.downstreamKbps,
    upstream_kbps: r.upstreamKbps,
    rx_power_dbm: r.rxPowerDbm,
    tx_power_dbm: r.txPowerDbm,
    temperature_c: r.temperatureC,
    optics: storedOptics(r),
    optics_at: r.opticsAt,
    discovered_at: r.discoveredAt,
    activated_at: r.activatedAt,
    last_seen_at: r.lastSeenAt,
  };
}

const onuInclude = {
  olt: { select: { id: true, name: true } },
  ponPort: { select: { id: true, label: true, portNo: true } },
} as const;

async function onuPage(
  svc: ServiceContext,
  query: z.infer<typeof cursorQuery> & { q?: string },
  where: { oltId?: string; ponPortId?: string; state?: (typeof ONU_STATES)[number] },
) {
  const search = query.q
    ? {
        OR: [
          { serialNumber: { contains: query.q, mode: "insensitive" as const } },
          { vendor: { contains: query.q, mode: "insensitive" as const } },
        ],
      }
    : {};
  return cursorPage(
    query,
    (page) => svc.db.onu.findMany({ ...page, where: { ...page.where, ...where, ...search }, include: onuInclude }),
    presentOnu,
  );
}

async function onuBySerial(svc: ServiceContext, serial: string) {
  const row = await findOnu(svc, serial, { sync: false });
  return presentOnu(row);
}

// ------------------------------------------------------------------ devices (VOLTHA's view)

const device = z.object({
  id: z.string().describe("VOLTHA device id"),
  inventory_id: z.uuid().describe("The OLT's or ONU's id in FiberOps"),
  type: z.enum(["olt", "onu"]),
  root: z.boolean().describe("true for an OLT"),
  parent_id: z.string().nullable().describe("The OLT's device id, for an ONU"),
  parent_port_no: z.number().int().nullable(),
  serial_number: z.string().nullable(),
  vendor: z.string().nullable(),
  model: z.string().nullable(),
  firmware_version: z.string().nullable(),
  host_and_port: z.string().nullable(),
  admin_state: z.string(),
  oper_status: z.string(),
  connect_status: z.string(),
  subscribers: z.number().int().describe("Subscribers this device serves"),
});

async function devicePage(svc: ServiceContext, query: z.infer<typeof cursorQuery>) {
  const page = await cursorPage(
    query,
    async (p) => {
      const [olts, onus] = await Promise.all([
        svc.db.olt.findMany({ ...p, where: { ...p.where, externalId: { not: null } } }),
        svc.db.onu.findMany({
          ...p,
          where: { ...p.where, externalId: { not: null } },
          include: { olt: { select: { externalId: true } }, ponPort: { select: { portNo: true } } },
        }),
      ]);
      // Both tables have UUIDv7 ids, so one order covers them.
      const rows = [
        ...olts.map((o) => ({ kind: "olt" as const, o })),
        ...onus.map((o) => ({ kind: "onu" as const, o })),
      ];
      return rows
        .map((r) => ({ ...r, id: r.o.id }))
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .slice(0, p.take);
    },
    (r) => r,
  );
  const oltIds = page.data.filter((r) => r.kind === "olt").map((r) => r.id);
  const served = await svc.db.onu.groupBy({
    by: ["oltId"],
    where: { oltId: { in: oltIds }, subscriberId: { not: null } },
    _count: { _all: true },
  });
  return {
    next_cursor: page.next_cursor,
    data: page.data.map((r) =>
      r.kind === "olt"
        ? presentOltDevice(r.o, served.find((s) => s.oltId === r.id)?._count._all ?? 0)
        : presentOnuDevice(r.o),
    ),
  };
}

type OltRow = {
  id: string;
  externalId: string | null;
  serialNumber: string | null;
  vendor: string | null;
  model: string | null;
  firmwareVersion: string | null;
  managementAddress: string | null;
  adminState: string;
  operStatus: string;
  connectStatus: string;
};

function presentOltDevice(o: OltRow, subscribers: number) {
  return {
    id: o.externalId ?? "",
    inventory_id: o.id,
    type: "olt" as const,
    root: true,
    parent_id: null,
    parent_port_no: null,
    serial_number: o.serialNumber,
    vendor: o.vendor,
    model: o.model,
    firmware_version: o.firmwareVersion,
    host_and_port: o.managementAddress,
    admin_state: o.adminState,
    oper_status: o.operStatus,
    connect_status: o.connectStatus,
    subscribers,
  };
}

function presentOnuDevice(o: {
  id: string;
  externalId: string | null;
  serialNumber: string;
  vendor: string | null;
  model: string | null;
  firmwareVersion: string | null;
  adminState: string;
  operStatus: string;
  connectStatus: string;
  subscriberId: string | null;
  olt: { externalId: string | null };
  ponPort: { portNo: number } | null;
}) {
  return {
    id: o.externalId ?? "",
    inventory_id: o.id,
    type: "onu" as const,
    root: false,
    parent_id: o.olt.externalId,
    parent_port_no: o.ponPort?.portNo ?? null,
    serial_number: o.serialNumber,
    vendor: o.vendor,
    model: o.model,
    firmware_version: o.firmwareVersion,
    host_and_port: null,
    admin_state: o.adminState,
    oper_status: o.operStatus,
    connect_status: o.connectStatus,
    subscribers: o.subscriberId ? 1 : 0,
  };
}

/** The OLT or ONU with this VOLTHA device id. */
async function findDevice(svc: ServiceContext, deviceId: string) {
  const olt = await svc.db.olt.findFirst({ where: { externalId: deviceId } });
  if (olt) {
    const serving = await svc.db.onu.count({ where: { oltId: olt.id, subscriberId: { not: null } } });
    return { kind: "olt" as const, row: olt, view: presentOltDevice(olt, serving) };
  }
  const onu = await svc.db.onu.findFirst({
    where: { externalId: deviceId },
    include: { olt: { select: { externalId: true } }, ponPort: { select: { portNo: true } } },
  });
  if (onu) return { kind: "onu" as const, row: onu, view: presentOnuDevice(onu) };
  throw notFound(`Device ${deviceId}`);
}

// ------------------------------------------------------------------ routes

const oltParams = z.object({ id: z.uuid().describe("The OLT's id") });
const onuParams = z.object({ serial: z.string().min(1).max(64).describe("Serial number (or id) of the ONU") });
const search = z.string().trim().max(200).optional().describe("Search text");

const bandwidthBody = z.object({
  downstream_kbps: z.number().int().min(64).max(10_000_000),
  upstream_kbps: z.number().int().min(64).max(10_000_000),
  profile_name: z.string().max(64).optional(),
});

const deviceParams = z.object({ id: z.string().min(1).max(100).describe("VOLTHA device id") });

export const networkRoutes = [
  defineRoute({
    method: "GET",
    path: "/voltha/devices",
    tag: TAG,
    summary: "List devices (OLTs and ONUs) as VOLTHA knows them",
    permission: "network.read",
    query: cursorQuery,
    response: pageOf(device),
    handler: ({ svc, query }) => devicePage(svc, query),
  }),
  defineRoute({
    method: "GET",
    path: "/voltha/devices/{id}",
    tag: TAG,
    summary: "One device",
    permission: "network.read",
    params: deviceParams,
    response: device,
    handler: async ({ svc, params }) => (await findDevice(svc, params.id)).view,
  }),
  defineRoute({
    method: "POST",
    path: "/voltha/devices/{id}/reboot",
    tag: TAG,
    summary: "Reboot a device",
    description: "An OLT's reboot interrupts every subscriber behind it until it is back.",
    permission: "onu.control",
    params: deviceParams,
    status: 202,
    response: z.object({ id: z.string(), state: z.literal("REBOOT_REQUESTED") }),
    async handler({ svc, params }) {
      const d = await findDevice(svc, params.id);
      if (d.kind === "olt") await oltAction(svc, d.row.id, "reboot");
      else await rebootOnu(svc, d.row.id);
      return { id: params.id, state: "REBOOT_REQUESTED" as const };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/voltha/devices/{id}/delete",
    tag: TAG,
    summary: "Delete a device from VOLTHA and the inventory",
    description:
      "Refused with 409 (details.subscribers) while the device serves subscribers, unless " +
      '`{"force": true}`: then their service stops, and the audit trail records it.',
    permission: "network.write",
    params: deviceParams,
    body: z.object({ force: z.boolean().default(false) }).optional(),
    response: z.object({ id: z.string(), deleted: z.literal(true), subscribers_cut: z.number().int() }),
    async handler({ svc, params, body }) {
      const d = await findDevice(svc, params.id);
      const force = body?.force ?? false;
      if (d.kind === "olt") await deleteOlt(svc, d.row.id, { force });
      else await deleteOnu(svc, d.row.id, { force });
      return { id: params.id, deleted: true as const, subscribers_cut: d.view.subscribers };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/voltha/olts",
    tag: TAG,
    summary: "List OLTs",
    permission: "network.read",
    query: cursorQuery.extend({ q: search }),
    response: pageOf(olt),
    async handler({ svc, query }) {
      const where = query.q
        ? {
            OR: [
              { name: { contains: query.q, mode: "insensitive" as const } },
              { serialNumber: { contains: query.q, mode: "insensitive" as const } },
              { managementAddress: { contains: query.q } },
            ],
          }
        : {};
      const page = await cursorPage(
        query,
        (p) =>
          svc.db.olt.findMany({
            ...p,
            where: { ...p.where, ...where },
            include: { site: { select: { name: true } }, _count: { select: { ports: true, onus: true } } },
          }),
        (r) => r,
      );
      const active = await svc.db.onu.groupBy({
        by: ["oltId"],
        where: { oltId: { in: page.data.map((r) => r.id) }, state: "ACTIVE" },
        _count: { _all: true },
      });
      return {
        next_cursor: page.next_cursor,
        data: page.data.map((r) => ({
          id: r.id,
          name: r.name,
          vendor: r.vendor,
          model: r.model,
          serial_number: r.serialNumber,
          firmware_version: r.firmwareVersion,
          management_address: r.managementAddress,
          device_id: r.externalId,
          admin_state: r.adminState,
          oper_status: r.operStatus,
          connect_status: r.connectStatus,
          site: r.site?.name ?? null,
          latitude: r.latitude,
          longitude: r.longitude,
          pon_ports: r._count.ports,
          onus: r._count.onus,
          active_onus: active.find((a) => a.oltId === r.id)?._count._all ?? 0,
          last_synced_at: r.lastSyncedAt,
          created_at: r.createdAt,
        })),
      };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/voltha/olts/{id}/ports",
    tag: TAG,
    summary: "An OLT's PON ports with ONU counts and utilisation",
    permission: "network.read",
    params: oltParams,
    response: z.object({ olt: z.object({ id: z.uuid(), name: z.string() }), ports: z.array(ponPort) }),
    async handler({ svc, params }) {
      const o = await getOlt(svc, params.id);
      return {
        olt: { id: o.id, name: o.name },
        ports: o.ports.map((p) => ({
          id: p.id,
          port_no: p.portNo,
          intf_id: p.intfId,
          label: p.label,
          technology: p.technology,
          split_ratio: p.splitRatio,
          capacity_down_mbps: p.capacityDownMbps,
          capacity_up_mbps: p.capacityUpMbps,
          admin_state: p.adminState,
          oper_status: p.operStatus,
          onus: p.onus,
          active_onus: p.activeOnus,
          los_onus: p.losOnus,
          free_slots: p.freeSlots,
          utilisation: p.utilisation,
          committed_down_kbps: p.committedDownKbps,
          committed_up_kbps: p.committedUpKbps,
        })),
      };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/voltha/olts/{id}/ports/{port}/onus",
    tag: TAG,
    summary: "The ONUs of one PON port",
    description: "`port` is the port number, the PON interface id or the label.",
    permission: "network.read",
    params: oltParams.extend({ port: z.string().min(1).max(64) }),
    query: cursorQuery.extend({ q: search }),
    response: pageOf(onu),
    async handler({ svc, params, query }) {
      const o = await getOlt(svc, params.id);
      const port = o.ports.find(
        (p) => String(p.portNo) === params.port || String(p.intfId) === params.port || p.label === params.port,
      );
      if (!port) throw notFound(`PON port ${params.port} on ${o.name}`);
      return onuPage(svc, query, { oltId: o.id, ponPortId: port.id });
    },
  }),
  defineRoute({
    method: "POST",
    path: "/voltha/olts/{id}/firmware",
    tag: TAG,
    summary: "Download a firmware image to the OLT or one of its ONUs",
    permission: "onu.control",
    params: oltParams,
    body: z.object({
      version: z.string().trim().min(1).max(100),
      url: z.url().optional(),
      onu_serial: z.string().max(64).optional().describe("Upgrade this ONU instead of the OLT"),
    }),
    status: 202,
    response: z.object({
      device_id: z.string().nullable(),
      version: z.string(),
      state: z.literal("DOWNLOAD_REQUESTED"),
    }),
    async handler({ svc, params, body }) {
      const r = await upgradeFirmware(svc, params.id, {
        version: body.version,
        url: body.url,
        onuSerial: body.onu_serial,
      });
      return { device_id: r.deviceId, version: r.version, state: "DOWNLOAD_REQUESTED" as const };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/voltha/onus",
    tag: TAG,
    summary: "List ONUs",
    permission: "network.read",
    query: cursorQuery.extend({ q: search, state: z.enum(ONU_STATES).optional(), olt_id: z.uuid().optional() }),
    response: pageOf(onu),
    handler: ({ svc, query }) => onuPage(svc, query, { oltId: query.olt_id, state: query.state }),
  }),
  defineRoute({
    method: "GET",
    path: "/voltha/onus/{serial}",
    tag: TAG,
    summary: "One ONU with its CPEs and recent events",
    permission: "network.read",
    params: onuParams,
    response: onuDetail,
    async handler({ svc, params }) {
      const d = await getOnu(svc, params.serial);
      return {
        ...presentOnu(d),
        cpes: d.cpes.map((c) => ({
          id: c.id,
          acs_device_id: c.acsDeviceId,
          serial_number: c.serialNumber,
          manufacturer: c.manufacturer,
          mac_address: c.macAddress,
          firmware_version: c.firmwareVersion,
          wifi_ssid: c.wifiSsid,
          last_inform_at: c.lastInformAt,
        })),
        events: d.events.map((e) => ({ event_id: e.eventId, kind: e.kind, state: e.state, raised_at: e.raisedAt })),
      };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/voltha/onus/{serial}/activate",
    tag: TAG,
    summary: "Enable an ONU, optionally with a bandwidth profile",
    permission: "onu.control",
    params: onuParams,
    body: bandwidthBody.partial().optional(),
    response: onu,
    async handler({ svc, params, body }) {
      await activateOnu(svc, params.serial, {
        downstreamKbps: body?.downstream_kbps,
        upstreamKbps: body?.upstream_kbps,
        profileName: body?.profile_name,
      });
      return onuBySerial(svc, params.serial);
    },
  }),
  defineRoute({
    method: "PATCH",
    path: "/voltha/onus/{serial}/bandwidth",
    tag: TAG,
    summary: "Set an ONU's bandwidth profile",
    permission: "onu.control",
    params: onuParams,
    body: bandwidthBody,
    response: onu,
    async handler({ svc, params, body }) {
      await setOnuBandwidth(svc, params.serial, {
        downstreamKbps: body.downstream_kbps,
        upstreamKbps: body.upstream_kbps,
        profileName: body.profile_name,
      });
      return onuBySerial(svc, params.serial);
    },
  }),
  defineRoute({
    method: "GET",
    path: "/voltha/onus/{serial}/signal-strength",
    tag: TAG,
    summary: "Read an ONU's optical levels now",
    permission: "network.read",
    params: onuParams,
    response: z.object({
      serial_number: z.string(),
      rx_dbm: z.number().nullable().describe("null: loss of signal"),
      tx_dbm: z.number().nullable(),
      temperature_c: z.number().nullable(),
      bias_current_ma: z.number().nullable(),
      read_at: timestamp,
      verdict,
    }),
    async handler({ svc, params }) {
      const r = await readOnuOptics(svc, params.serial);
      return {
        serial_number: r.serialNumber,
        rx_dbm: r.rxDbm,
        tx_dbm: r.txDbm,
        temperature_c: r.temperatureC,
        bias_current_ma: r.biasCurrentMa,
        read_at: r.readAt,
        verdict: r.verdict,
      };
    },
  }),
];

// ------------------------------------------------------------------ VOLTHA events

function toDate(v: string | number | undefined) {
  if (v === undefined) return new Date();
  if (typeof v === "number") return new Date(v > 1e12 ? v : v * 1000);
  return new Date(v);
}

/** VOLTHA names events like ONU_DISCOVERY_RAISE_EVENT / ONU_LOSS_OF_SIGNAL_CLEAR_EVENT. */
export function eventFromVoltha(body: VolthaEventBody): OltEvent {
  const name = body.device_event.device_event_name;
  const m = name.match(/^(.*)_(RAISE|CLEAR)_EVENT$/);
  const ctx = body.device_event.context;
  const num = (v: string | undefined) => (v === undefined || v === "" ? null : Number(v));
  return {
    id: body.header.id,
    kind: m ? m[1] : name,
    state: m?.[2] === "CLEAR" ? "CLEAR" : "RAISE",
    serialNumber: ctx["serial-number"] ?? null,
    // openolt raises ONU events too with the OLT as resource_id (its context names no OLT).
    oltDeviceId: ctx["olt-device-id"] ?? body.device_event.resource_id ?? null,
    onuDeviceId: ctx["onu-device-id"] ?? null,
    intfId: num(ctx["intf-id"]),
    onuId: num(ctx["onu-id"]),
    raisedAt: toDate(body.header.raised_ts),
    context: ctx,
  };
}
