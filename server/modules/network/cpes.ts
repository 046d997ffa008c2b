// CPEs (home gateways managed over TR-069 by the ACS): inventory synced from the ACS, live
// parameters, WiFi, firmware, reboot/factory reset, and TR-143 style diagnostics.
import { type AcsAdapter, type AcsDevice, DIAGNOSTIC_PATHS, type TaskOutcome } from "@/server/adapters/acs/port";
import { externalFailure } from "@/server/adapters/errors";
import { invalid, notFound } from "@/server/errors";
import type { Prisma } from "@/server/generated/prisma/client";
import { type ListInput, orderBy, pageArgs } from "@/server/list";
import { recordAudit } from "@/server/modules/audit";
import type { ServiceContext } from "@/server/service-context";
import { acsAdapterFor } from "./adapters";
import type { DiagnosticInput, WifiInput } from "./schemas";

/** A faulted task is the CPE refusing the change: report it as a NAK. */
export function assertNotFaulted(outcome: TaskOutcome, what: string) {
  if (outcome.status === "faulted")
    throw externalFailure("GenieACS", "nak", `${what}: ${outcome.fault ?? "task faulted"}`);
  return outcome;
}

async function upsertCpe(
  svc: ServiceContext,
  d: AcsDevice,
  extra: { mac?: string | null; firmware?: string | null; ssid?: string | null } = {},
) {
  const onu = await svc.db.onu.findFirst({ where: { serialNumber: d.serialNumber }, select: { id: true } });
  const data = {
    serialNumber: d.serialNumber,
    oui: d.oui,
    productClass: d.productClass,
    manufacturer: d.manufacturer,
    lastInformAt: d.lastInform,
    ...(onu ? { onuId: onu.id } : {}),
    ...(extra.mac ? { macAddress: extra.mac } : {}),
    ...(extra.firmware ? { firmwareVersion: extra.firmware } : {}),
    ...(extra.ssid ? { wifiSsid: extra.ssid } : {}),
  };
  const existing = await svc.db.cpe.findFirst({ where: { acsDeviceId: d.id } });
  if (existing) return svc.db.cpe.update({ where: { id: existing.id }, data });
  return svc.db.cpe.create({ data: { tenantId: svc.tenantId, acsDeviceId: d.id, ...data } });
}

/** Pulls the ACS's device list into the inventory (links each CPE to the ONU of the same serial). */
export async function syncCpes(svc: ServiceContext, opts: { serialNumber?: string } = {}) {
  const acs = await acsAdapterFor(svc);
  let skip = 0;
  let seen = 0;
  for (;;) {
    const page = await acs.listDevices({ serialNumber: opts.serialNumber, skip, limit: 200 });
    for (const d of page.rows) await upsertCpe(svc, d);
    seen += page.rows.length;
    skip += page.rows.length;
    if (!page.rows.length || skip >= page.total) break;
  }
  return { devices: seen };
}

export async function listCpes(svc: ServiceContext, input: ListInput) {
  const where: Prisma.CpeWhereInput = {};
  if (input.filters?.subscriberId) where.subscriberId = input.filters.subscriberId;
  if (input.filters?.productClass) where.productClass = input.filters.productClass;
  if (input.filters?.firmwareVersion) where.firmwareVersion = input.filters.firmwareVersion;
  if (input.search)
    where.OR = [
      { serialNumber: { contains: input.search, mode: "insensitive" } },
      { acsDeviceId: { contains: input.search, mode: "insensitive" } },
      { macAddress: { contains: input.search, mode: "insensitive" } },
    ];
  const [rows, total] = await Promise.all([
    svc.db.cpe.findMany({
      where,
      ...pageArgs(input),
      orderBy: orderBy(input, ["serialNumber", "lastInformAt", "productClass", "firmwareVersion"] as const, {
        serialNumber: "asc",
      }),
      include: { onu: { select: { id: true, serialNumber: true, state: true } } },
    }),
    svc.db.cpe.count({ where }),
  ]);
  return { rows, total };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function findCpe(svc: ServiceContext, idOrSerial: string) {
  const where = UUID.test(idOrSerial)
    ? { id: idOrSerial }
    : { OR: [{ serialNumber: idOrSerial }, { acsDeviceId: idOrSerial }] };
  let cpe = await svc.db.cpe.findFirst({ where });
  if (!cpe && !UUID.test(idOrSerial)) {
    await syncCpes(svc, { serialNumber: idOrSerial });
    cpe = await svc.db.cpe.findFirst({ where });
  }
  if (!cpe) throw notFound(`CPE ${idOrSerial}`);
  return cpe;
}

const pick = (params: Record<string, { value: string | number | boolean }>, path: string) =>
  params[path]?.value ?? null;

/** An access point's WiFi clients (TR-181 AccessPoint.{i}.AssociatedDevice.{i}), weakest signal first. */
function associatedDevices(params: Record<string, { value: string | number | boolean }>, ap: number) {
  const prefix = `Device.WiFi.AccessPoint.${ap}.AssociatedDevice.`;
  const instances = new Set<string>();
  for (const path of Object.keys(params))
    if (path.startsWith(prefix)) instances.add(path.slice(prefix.length).split(".")[0] ?? "");
  const num = (v: string | number | boolean | null) => (v === null || v === "" ? null : Number(v));
  return [...instances]
    .map((n) => ({
      macAddress: String(pick(params, `${prefix}${n}.MACAddress`) ?? ""),
      signalDbm: num(pick(params, `${prefix}${n}.SignalStrength`)),
      downlinkKbps: num(pick(params, `${prefix}${n}.LastDataDownlinkRate`)),
      active: pick(params, `${prefix}${n}.Active`) !== false && pick(params, `${prefix}${n}.Active`) !== "false",
    }))
    .sort((a, b) => (a.signalDbm ?? 0) - (b.signalDbm ?? 0));
}

/** The CPE with its live parameter tree from the ACS, and WiFi/firmware summaries. */
export async function getCpe(svc: ServiceContext, idOrSerial: string) {
  const cpe = await findCpe(svc, idOrSerial);
  const acs = await acsAdapterFor(svc);
  const device = await acs.getDevice(cpe.acsDeviceId);
  const p = device.parameters;
  const firmware = pick(p, "Device.DeviceInfo.SoftwareVersion");
  const ssid = pick(p, "Device.WiFi.SSID.1.SSID");
  const mac = pick(p, "Device.Ethernet.Interface.1.MACAddress");
  await upsertCpe(svc, device, {
    mac: mac === null ? null : String(mac),
    firmware: firmware === null ? null : String(firmware),
    ssid: ssid === null ? null : String(ssid),
  });
  const wifi = [1, 2].map((i) => ({
    index: i,
    band: pick(p, `Device.WiFi.Radio.${i}.OperatingFrequencyBand`),
    channel: pick(p, `Device.WiFi.Radio.${i}.Channel`),
    ssid: pick(p, `Device.WiFi.SSID.${i}.SSID`),
    enabled: pick(p, `Device.WiFi.SSID.${i}.Enable`),
    security: pick(p, `Device.WiFi.AccessPoint.${i}.Security.ModeEnabled`),
    clients: pick(p, `Device.WiFi.AccessPoint.${i}.AssociatedDeviceNumberOfEntries`),
    associatedDevices: associatedDevices(p, i),
  }));
  const faults = await acs.listFaults(cpe.acsDeviceId);
  // Passphrases and passwords never leave the server.
  const parameters = Object.fromEntries(
    Object.entries(p).map(([k, v]) => [
      k,
      /Passphrase|Password/.test(k) ? { ...v, value: v.value ? "••••••" : "" } : v,
    ]),
  );
  return {
    ...(await svc.db.cpe.findFirstOrThrow({ where: { id: cpe.id } })),
    lastInform: device.lastInform,
    firmware,
    wifi,
    parameters,
    faults,
  };
}

export type CpeAction = "reboot" | "factoryReset" | "refresh";

export async function cpeAction(svc: ServiceContext, idOrSerial: string, action: CpeAction) {
  const cpe = await findCpe(svc, idOrSerial);
  const acs = await acsAdapterFor(svc);
  const outcome =
    action === "reboot"
      ? await acs.reboot(cpe.acsDeviceId)
      : action === "factoryReset"
        ? await acs.factoryReset(cpe.acsDeviceId)
        : await acs.refresh(cpe.acsDeviceId, "Device.");
  assertNotFaulted(outcome, `${action} of ${cpe.serialNumber}`);
  await recordAudit(svc.db, {
    tenantId: svc.tenantId,
    actor: svc.actor,
    action: `network.cpe.${action}`,
    targetType: "Cpe",
    targetId: cpe.id,
    after: { outcome: outcome.status },
  });
  return outcome;
}

export function wifiParameters(input: WifiInput): [string, string, string][] {
  const radios = input.band === "both" ? [1, 2] : input.band === "2.4GHz" ? [1] : [2];
  const values: [string, string, string][] = [];
  for (const i of radios) {
    values.push([
      `Device.WiFi.SSID.${i}.SSID`,
      i === 2 && input.band === "both" ? `${input.ssid}-5G` : input.ssid,
      "xsd:string",
    ]);
    if (input.passphrase) {
      values.push([`Device.WiFi.AccessPoint.${i}.Security.ModeEnabled`, "WPA2-Personal", "xsd:string"]);
      values.push([`Device.WiFi.AccessPoint.${i}.Security.KeyPassphrase`, input.passphrase, "xsd:string"]);
    }
  }
  return values;
}

export async function setCpeWifi(svc: ServiceContext, idOrSerial: string, input: WifiInput) {
  const cpe = await findCpe(svc, idOrSerial);
  const acs = await acsAdapterFor(svc);
  const outcome = assertNotFaulted(await acs.setParameters(cpe.acsDeviceId, wifiParameters(input)), "WiFi change");
  await svc.db.$transaction(async (tx) => {
    await tx.cpe.update({ where: { id: cpe.id }, data: { wifiSsid: input.ssid, configuredAt: new Date() } });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "network.cpe.wifi",
      targetType: "Cpe",
      targetId: cpe.id,
      before: { ssid: cpe.wifiSsid },
      after: {
        ssid: input.ssid,
        band: input.band,
        passphraseChanged: Boolean(input.passphrase),
        outcome: outcome.status,
      },
    });
  });
  return outcome;
}

export async function setCpeParameters(svc: ServiceContext, idOrSerial: string, values: [string, string, string][]) {
  if (!values.length) throw invalid("Give at least one parameter to set");
  const cpe = await findCpe(svc, idOrSerial);
  const acs = await acsAdapterFor(svc);
  const outcome = assertNotFaulted(await acs.setParameters(cpe.acsDeviceId, values), "parameter change");
  await recordAudit(svc.db, {
    tenantId: svc.tenantId,
    actor: svc.actor,
    action: "network.cpe.set_parameters",
    targetType: "Cpe",
    targetId: cpe.id,
    after: { parameters: values.map(([k, v]) => [k, /Passphrase|Password/.test(k) ? "(secret)" : v]) },
  });
  return outcome;
}

/** Pushes a firmware file (already on the ACS) to one CPE. */
export async function upgradeCpeFirmware(svc: ServiceContext, idOrSerial: string, fileName: string) {
  const cpe = await findCpe(svc, idOrSerial);
  const acs = await acsAdapterFor(svc);
  const outcome = assertNotFaulted(await acs.downloadFirmware(cpe.acsDeviceId, fileName), "firmware download");
  await recordAudit(svc.db, {
    tenantId: svc.tenantId,
    actor: svc.actor,
    action: "network.cpe.firmware",
    targetType: "Cpe",
    targetId: cpe.id,
    before: { firmware: cpe.firmwareVersion },
    after: { fileName, outcome: outcome.status },
  });
  return outcome;
}

export async function listFirmwareFiles(svc: ServiceContext) {
  return (await acsAdapterFor(svc)).listFiles();
}

/** Starts a diagnostic on the CPE (ping, download or upload test); read it with readCpeDiagnostic. */
export async function startCpeDiagnostic(svc: ServiceContext, idOrSerial: string, input: DiagnosticInput) {
  const cpe = await findCpe(svc, idOrSerial);
  const acs = await acsAdapterFor(svc);
  const params: Record<string, string | number> = {};
  if (input.kind === "ping") {
    params.Host = input.host ?? "8.8.8.8";
    params.NumberOfRepetitions = input.repetitions ?? 4;
  } else if (input.kind === "traceroute") {
    params.Host = input.host ?? "8.8.8.8";
    params.NumberOfTries = 3;
    params.MaxHopCount = 30;
  } else if (input.kind === "download") params.DownloadURL = input.url ?? "http://speedtest.fiberops.local/25MB.bin";
  else {
    params.UploadURL = input.url ?? "http://speedtest.fiberops.local/upload";
    params.TestFileLength = 10_000_000;
  }
  const outcome = assertNotFaulted(await acs.startDiagnostic(cpe.acsDeviceId, input.kind, params), "diagnostic");
  await recordAudit(svc.db, {
    tenantId: svc.tenantId,
    actor: svc.actor,
    action: "network.cpe.diagnostic",
    targetType: "Cpe",
    targetId: cpe.id,
    after: { kind: input.kind, ...params },
  });
  return { ...outcome, kind: input.kind, path: DIAGNOSTIC_PATHS[input.kind] };
}

export async function readCpeDiagnostic(svc: ServiceContext, idOrSerial: string, kind: DiagnosticInput["kind"]) {
  const cpe = await findCpe(svc, idOrSerial);
  const acs: AcsAdapter = await acsAdapterFor(svc);
  const result = await acs.readDiagnostic(cpe.acsDeviceId, kind);
  return { ...result, complete: result.state === "Complete", failed: result.state.startsWith("Error") };
}
