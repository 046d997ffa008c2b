// Bulk reads for the drift detector: what VOLTHA (ONU admin state, SADIS bandwidth profiles) and
// the ACS (CPE presence, PPPoE username, WiFi SSID) hold, each listed once per scan, and which
// CPE our inventory links to which subscriber. A system that cannot be read is reported in
// `skipped` and its checks are left out rather than reported as drift.
import type { BandwidthProfile } from "@/server/adapters/olt/port";
import type { ServiceContext } from "@/server/service-context";
import { acsAdapterFor, oltAdapterFor } from "./adapters";

export const CPE_WAN_USERNAME = "Device.PPP.Interface.1.Username";
export const CPE_WIFI_SSID = "Device.WiFi.SSID.1.SSID";
const ACS_PAGE = 2000;

export type OnuLiveState = { deviceId: string; adminState: string; operStatus: string };
export type CpeLink = { cpeId: string; acsDeviceId: string; serialNumber: string; wifiSsid: string | null };
export type CpeLiveState = { wanUsername: string | null; ssid: string | null };

export type NetworkState = {
  /** VOLTHA's ONUs by serial; null when VOLTHA could not be read. */
  onus: Map<string, OnuLiveState> | null;
  /** Bandwidth profiles by ONU serial; null when they could not be read (e.g. no ONOS). */
  profiles: Map<string, { upstream: BandwidthProfile; downstream: BandwidthProfile }> | null;
  /** Our inventory's CPE of each subscriber. */
  cpeLinks: Map<string, CpeLink>;
  /** The ACS's devices by device id; null when the ACS could not be read. */
  cpes: Map<string, CpeLiveState> | null;
  skipped: Array<{ system: string; reason: string }>;
};

export async function networkState(svc: ServiceContext): Promise<NetworkState> {
  const skipped: NetworkState["skipped"] = [];
  let onus: NetworkState["onus"] = null;
  let profiles: NetworkState["profiles"] = null;
  try {
    const olt = await oltAdapterFor(svc);
    onus = new Map();
    for (const device of await olt.listOlts())
      for (const onu of await olt.listOnus(device.id))
        onus.set(onu.serialNumber, { deviceId: onu.id, adminState: onu.adminState, operStatus: onu.operStatus });
    try {
      profiles = await olt.listBandwidthProfiles();
    } catch (error) {
      skipped.push({ system: "ONU bandwidth profiles", reason: (error as Error).message });
    }
  } catch (error) {
    skipped.push({ system: "VOLTHA", reason: (error as Error).message });
  }

  const links = await svc.db.cpe.findMany({
    where: { subscriberId: { not: null } },
    select: { id: true, subscriberId: true, acsDeviceId: true, serialNumber: true, wifiSsid: true },
  });
  const cpeLinks = new Map(
    links.map((c) => [
      c.subscriberId as string,
      { cpeId: c.id, acsDeviceId: c.acsDeviceId, serialNumber: c.serialNumber, wifiSsid: c.wifiSsid },
    ]),
  );
  let cpes: NetworkState["cpes"] = null;
  try {
    const acs = await acsAdapterFor(svc);
    cpes = new Map();
    for (let skip = 0; ; skip += ACS_PAGE) {
      const page = await acs.listDeviceValues([CPE_WAN_USERNAME, CPE_WIFI_SSID], { skip, limit: ACS_PAGE });
      for (const row of page.rows)
        cpes.set(row.id, {
          wanUsername: row.values[CPE_WAN_USERNAME] === undefined ? null : String(row.values[CPE_WAN_USERNAME]),
          ssid: row.values[CPE_WIFI_SSID] === undefined ? null : String(row.values[CPE_WIFI_SSID]),
        });
      if (page.rows.length < ACS_PAGE || skip + ACS_PAGE >= page.total) break;
    }
  } catch (error) {
    skipped.push({ system: "ACS", reason: (error as Error).message });
  }
  return { onus, profiles, cpeLinks, cpes, skipped };
}

/** The rates a bandwidth profile pair enforces (committed + excess), in kbps. */
export function profileRates(p: { upstream: BandwidthProfile; downstream: BandwidthProfile }) {
  return { downloadKbps: p.downstream.cir + p.downstream.eir, uploadKbps: p.upstream.cir + p.upstream.eir };
}
