// The network steps of a subscriber's provisioning saga (and of plan changes and teardown).
// Each is idempotent: running it twice changes nothing, and undoing what was never done is a
// no-op. They drive the tenant's OLT and ACS adapters, so faults injected into the simulator
// (timeout, error, NAK) surface here as UNAVAILABLE / CONFLICT errors with details.kind.
import { conflict, invalid } from "@/server/errors";
import { recordAudit } from "@/server/modules/audit";
import { subscriberAddresses } from "@/server/modules/ipam";
import type { ServiceContext } from "@/server/service-context";
import { acsAdapterFor } from "./adapters";
import { assertNotFaulted, syncCpes, wifiParameters } from "./cpes";
import { activateOnu, bandwidthProfiles, disableOnu, findOnu, setOnuBandwidth, storedOptics } from "./onus";
import type { SubscriberNetworkView } from "./subscriber-view";

export type OnuActivation = { onuId: string; externalId: string | null; serialNumber: string; changed: boolean };

function planRates(
  s: { downloadKbps: number | null; uploadKbps: number | null },
  opts?: { downloadKbps?: number; uploadKbps?: number },
) {
  const down = opts?.downloadKbps ?? s.downloadKbps;
  const up = opts?.uploadKbps ?? s.uploadKbps;
  if (!down || !up)
    throw invalid("The subscriber's plan has no download/upload rate to build a bandwidth profile from");
  return { downstreamKbps: down, upstreamKbps: up };
}

/**
 * Activates the subscriber's ONU (by its `onuSerial`) on its PON port with the plan's
 * bandwidth profile, and links the ONU to the subscriber. Returns the OLT system's ONU id.
 */
export async function activateSubscriberOnu(svc: ServiceContext, s: SubscriberNetworkView): Promise<OnuActivation> {
  const subscriberId = s.id;
  const linked = await svc.db.onu.findFirst({ where: { subscriberId } });
  const serial = s.onuSerial ?? linked?.serialNumber;
  if (!serial)
    throw invalid("The subscriber has no ONU serial; assign the ONU from stock on the install work order first");
  const onu = await findOnu(svc, serial);
  if (onu.subscriberId && onu.subscriberId !== subscriberId)
    throw conflict(`ONU ${serial} already serves another subscriber; check the serial on the work order`);
  if (linked && linked.id !== onu.id)
    throw conflict(`The subscriber is linked to ONU ${linked.serialNumber}; deactivate it before activating ${serial}`);
  const rates = planRates(s);
  // Enabling and setting the profile again is harmless in VOLTHA and repairs what drifted there.
  const changed = !(
    onu.subscriberId === subscriberId &&
    onu.state === "ACTIVE" &&
    onu.downstreamKbps === rates.downstreamKbps &&
    onu.upstreamKbps === rates.upstreamKbps
  );
  // Claim the ONU first, so an undo after a partial failure finds it by subscriber.
  if (onu.subscriberId !== subscriberId) await svc.db.onu.update({ where: { id: onu.id }, data: { subscriberId } });
  const after = await activateOnu(svc, onu.id, {
    ...rates,
    profileName: s.planCode ?? undefined,
    subscriberId,
  });
  return { onuId: after.id, externalId: after.externalId, serialNumber: serial, changed };
}

/** Disables the subscriber's ONU and unlinks it. No ONU, or already disabled: no-op. */
export async function deactivateSubscriberOnu(svc: ServiceContext, s: SubscriberNetworkView) {
  const subscriberId = s.id;
  let onu = await svc.db.onu.findFirst({ where: { subscriberId } });
  let changed = Boolean(onu);
  if (!onu) {
    // A half-done activation (enabled, never linked) is undone too.
    if (s.onuSerial) {
      // Disabled in VOLTHA whatever our copy says (a repeated disable is done there): VOLTHA may
      // still have it enabled (drift). It counts as a change when our copy had it enabled.
      const bySerial = await svc.db.onu.findFirst({ where: { serialNumber: s.onuSerial, subscriberId: null } });
      if (bySerial) onu = bySerial;
      changed = bySerial?.adminState === "ENABLED";
    }
  }
  if (!onu) return { changed: false, serialNumber: null };
  await disableOnu(svc, onu.id, { unassign: true });
  return { changed, serialNumber: onu.serialNumber };
}

/**
 * Applies the plan's rates (or the given ones) to the subscriber's ONU as a bandwidth profile.
 * Without an ONU (not yet installed) there is nothing to change.
 */
export async function applySubscriberBandwidth(
  svc: ServiceContext,
  s: SubscriberNetworkView,
  opts: { downloadKbps?: number; uploadKbps?: number } = {},
) {
  const onu = await svc.db.onu.findFirst({ where: { subscriberId: s.id } });
  if (!onu) return { applied: false, reason: "The subscriber has no active ONU" };
  const rates = planRates(s, opts);
  const same = onu.downstreamKbps === rates.downstreamKbps && onu.upstreamKbps === rates.upstreamKbps;
  // Set again even when our copy already shows it: SADIS may hold another profile (drift).
  await setOnuBandwidth(svc, onu.id, {
    ...rates,
    profileName: opts.downloadKbps ? undefined : (s.planCode ?? undefined),
  });
  return same
    ? {
        applied: false,
        reason: "The ONU already had this profile (written to SADIS again)",
        profile: onu.bandwidthProfile,
      }
    : { applied: true, profile: bandwidthProfiles(rates) };
}

async function subscriberCpe(svc: ServiceContext, s: SubscriberNetworkView) {
  const linked = await svc.db.cpe.findFirst({ where: { subscriberId: s.id } });
  if (linked) return linked;
  const or = [
    ...(s.onuSerial ? [{ serialNumber: s.onuSerial }] : []),
    ...(s.cpeMac ? [{ macAddress: { equals: s.cpeMac, mode: "insensitive" as const } }] : []),
  ];
  if (!or.length) return null;
  let cpe = await svc.db.cpe.findFirst({ where: { OR: or } });
  if (!cpe) {
    await syncCpes(svc, s.onuSerial ? { serialNumber: s.onuSerial } : {});
    cpe = await svc.db.cpe.findFirst({ where: { OR: or } });
  }
  return cpe;
}

/** The subscriber's CPE (linked, or found by ONU serial or MAC, syncing from the ACS); null if none. */
export async function findSubscriberCpe(svc: ServiceContext, s: SubscriberNetworkView) {
  return subscriberCpe(svc, s);
}

/**
 * Configures the subscriber's CPE: PPPoE credentials (PPPoE access) and WiFi. A CPE that is
 * offline gets the task queued (applied at its next inform); a refusal is a CONFLICT.
 */
export async function configureSubscriberCpe(
  svc: ServiceContext,
  s: SubscriberNetworkView,
  opts: { ssid?: string; wifiPassphrase?: string } = {},
) {
  const subscriberId = s.id;
  const cpe = await subscriberCpe(svc, s);
  if (!cpe)
    throw invalid(
      "No CPE found for the subscriber (by ONU serial or CPE MAC); check that the CPE has informed the ACS",
    );
  if (cpe.subscriberId && cpe.subscriberId !== subscriberId)
    throw conflict(`CPE ${cpe.serialNumber} is configured for another subscriber`);
  const values: [string, string | boolean, string][] = [];
  if (s.accessType === "PPPOE") {
    values.push(["Device.PPP.Interface.1.Username", s.username, "xsd:string"]);
    if (s.password) values.push(["Device.PPP.Interface.1.Password", s.password, "xsd:string"]);
    values.push(["Device.PPP.Interface.1.Enable", true, "xsd:boolean"]);
  }
  const ssid = opts.ssid ?? cpe.wifiSsid ?? null;
  // The SSID we set before is pushed again: the CPE may have lost it (drift).
  if (opts.ssid || opts.wifiPassphrase || cpe.wifiSsid)
    values.push(
      ...wifiParameters({
        ssid: ssid ?? `FiberOps-${s.username.slice(-4)}`,
        passphrase: opts.wifiPassphrase,
        band: "both",
      }),
    );
  const acs = await acsAdapterFor(svc);
  const outcome = values.length
    ? assertNotFaulted(await acs.setParameters(cpe.acsDeviceId, values), `configuration of CPE ${cpe.serialNumber}`)
    : { status: "done" as const, taskId: null };
  await svc.db.$transaction(async (tx) => {
    await tx.cpe.update({
      where: { id: cpe.id },
      data: { subscriberId, configuredAt: new Date(), ...(opts.ssid ? { wifiSsid: opts.ssid } : {}) },
    });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "network.cpe.configure",
      targetType: "Cpe",
      targetId: cpe.id,
      after: {
        subscriberId,
        parameters: values.map(([k, v]) => [k, /Password|Passphrase/.test(k) ? "(secret)" : v]),
        outcome: outcome.status,
      },
    });
  });
  return { cpeId: cpe.id, acsDeviceId: cpe.acsDeviceId, outcome: outcome.status };
}

/** Factory-resets the subscriber's CPE and unlinks it. No CPE: no-op. */
export async function resetSubscriberCpe(svc: ServiceContext, subscriberId: string) {
  const cpe = await svc.db.cpe.findFirst({ where: { subscriberId } });
  if (!cpe) return { changed: false, acsDeviceId: null };
  const acs = await acsAdapterFor(svc);
  const outcome = assertNotFaulted(await acs.factoryReset(cpe.acsDeviceId), `factory reset of ${cpe.serialNumber}`);
  await svc.db.$transaction(async (tx) => {
    await tx.cpe.update({ where: { id: cpe.id }, data: { subscriberId: null, configuredAt: null } });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "network.cpe.reset",
      targetType: "Cpe",
      targetId: cpe.id,
      before: { subscriberId },
      after: { outcome: outcome.status },
    });
  });
  return { changed: true, acsDeviceId: cpe.acsDeviceId, outcome: outcome.status };
}

/** Everything the network knows about one subscriber (subscriber page, troubleshooting). */
export async function subscriberNetwork(svc: ServiceContext, subscriberId: string) {
  const onu = await svc.db.onu.findFirst({
    where: { subscriberId },
    include: {
      olt: { select: { id: true, name: true } },
      ponPort: { select: { id: true, label: true, portNo: true } },
    },
  });
  const cpe = await svc.db.cpe.findFirst({ where: { subscriberId } });
  const addresses = await subscriberAddresses(svc, subscriberId);
  return {
    onu: onu && { ...onu, optics: storedOptics(onu) },
    cpe,
    addresses,
  };
}
