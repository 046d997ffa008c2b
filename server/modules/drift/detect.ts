// The comparison itself: one subscriber's intent (status, plan, IPAM address) against what each
// system holds. Pure: the scan reads every system in bulk and calls this per subscriber.
import type { BillingState } from "@/server/modules/billing";
import type { HeldAddress } from "@/server/modules/ipam";
import { type NetworkState, profileRates } from "@/server/modules/network";
import { parseSessionClass, type RadiusState } from "@/server/modules/radius";
import type { SubscriberIntent } from "@/server/modules/subscribers";
import { DRIFT_TYPES, type DriftType, type Evidence, type Finding } from "./types";

export type PlanTerms = {
  id: string;
  code: string;
  name: string;
  downloadKbps: number;
  uploadKbps: number;
  priceMinor: number;
  currency: string;
};

export type SubscriberSystems = {
  radius: RadiusState;
  addresses: HeldAddress[];
  billing: BillingState | undefined;
};

export type ScanContext = {
  plans: Map<string, PlanTerms>;
  /** The RADIUS groups intended for a live subscriber. */
  intendedGroups(sub: SubscriberIntent): string[];
  suspension: "reject" | "walled_garden";
  network: NetworkState;
  /** ONU serials of live subscribers (a terminated one's old ONU may serve someone new). */
  liveSerials: Set<string>;
  external: { system: string; byId: Map<string, { address: string; status: string }> } | null;
};

const LIVE = new Set(["ACTIVE", "SUSPENDED"]);
/** Statuses whose resources a workflow is still building: not judged. */
const UNSETTLED = new Set(["PROVISIONING"]);

type Sessions = RadiusState["sessions"];
const sessionEvidence = (sessions: Sessions) =>
  sessions.map((s) => ({ id: s.acctUniqueId, nas: s.nasIp, ip: s.framedIp }));

export function detect(sub: SubscriberIntent, sys: SubscriberSystems, ctx: ScanContext): Finding[] {
  const found: Finding[] = [];
  const add = (type: DriftType, summary: string, expected: Evidence, actual: Evidence) =>
    found.push({
      key: `${type}:${sub.id}`,
      type,
      system: DRIFT_TYPES[type].system,
      subscriberId: sub.id,
      username: sub.username,
      summary,
      expected: { status: sub.status, ...expected },
      actual,
    });
  if (UNSETTLED.has(sub.status)) return found;
  const { radius, addresses, billing } = sys;
  const plan = ctx.plans.get(sub.planId);
  const { network } = ctx;
  const status = sub.status.toLowerCase();

  if (!LIVE.has(sub.status)) {
    const rows = radius.checkAttributes.length + radius.groups.length + (radius.framedIp ? 1 : 0);
    if (rows)
      add(
        "radius.leftover",
        `${rows} RADIUS row(s) remain for a ${status} subscriber`,
        { radiusRows: 0 },
        { checks: radius.checkAttributes, groups: radius.groups, framedIp: radius.framedIp },
      );
    if (addresses.length)
      add(
        "ip.leftover",
        `IPAM still assigns ${addresses.map((a) => a.address).join(", ")} to a ${status} subscriber`,
        { addresses: [] },
        { addresses: addresses.map((a) => a.address) },
      );
    if (radius.sessions.length)
      add(
        "session.leftover",
        `${radius.sessions.length} session(s) still online for a ${status} subscriber`,
        { sessions: 0 },
        { sessions: sessionEvidence(radius.sessions) },
      );
    const serial = sub.onuSerial;
    const onu = serial ? network.onus?.get(serial) : undefined;
    // (A pending subscriber's ONU was never ours to enable or disable.)
    if (sub.status !== "PENDING" && serial && onu && !ctx.liveSerials.has(serial) && onu.adminState === "ENABLED")
      add(
        "onu.leftover",
        `ONU ${serial} is still enabled in VOLTHA for a ${status} subscriber`,
        { onuAdminState: "DISABLED" },
        { onuAdminState: onu.adminState, onuOperStatus: onu.operStatus },
      );
    const cpe = network.cpeLinks.get(sub.id);
    if (cpe)
      add(
        "cpe.leftover",
        `CPE ${cpe.serialNumber} is still configured for a ${status} subscriber`,
        { cpe: null },
        { cpe: cpe.serialNumber, acsDeviceId: cpe.acsDeviceId },
      );
    // (A PENDING one still holds the charges agreed for a service that will not start.)
    if (billing?.status === "ACTIVE" || billing?.status === "PENDING")
      add(
        "billing.leftover",
        `The billing subscription is still ${billing.status.toLowerCase()} behind a ${status} subscriber`,
        { billingStatus: "ENDED" },
        { billingStatus: billing.status, subscriptionId: billing.id },
      );
    return found;
  }

  // RADIUS: credentials and groups follow status and plan.
  if (!radius.checkAttributes.includes("Cleartext-Password"))
    add(
      "radius.credentials",
      "radcheck has no Cleartext-Password: FreeRADIUS answers unknown user",
      { radcheck: ["Cleartext-Password"] },
      { radcheck: radius.checkAttributes },
    );
  const groups = ctx.intendedGroups(sub);
  if (groups.join("|") !== radius.groups.join("|"))
    add(
      "radius.groups",
      radius.groups.length
        ? `radusergroup holds ${radius.groups.join(", ")}; the ${status} subscriber needs ${groups.at(-1)}`
        : `radusergroup has no group for the ${status} subscriber`,
      { groups, planId: sub.planId },
      { groups: radius.groups },
    );

  // Addresses: IPAM ↔ radreply ↔ the live sessions (unless the BNG hands out a pool itself).
  const address = sub.staticIpv4?.split("/")[0] ?? addresses[0]?.address ?? null;
  if (!radius.framedPool) {
    if (!address)
      add(
        "ip.unassigned",
        "IPAM holds no address for the subscriber",
        { address: "one from a subscriber pool" },
        { ipam: null, framedIp: radius.framedIp },
      );
    else if (radius.framedIp !== address)
      add(
        "ip.reply",
        radius.framedIp
          ? `radreply hands out ${radius.framedIp}, IPAM assigned ${address}`
          : `radreply has no Framed-IP-Address; IPAM assigned ${address}`,
        { address },
        { framedIp: radius.framedIp },
      );
    const wrong = address ? radius.sessions.filter((s) => s.framedIp && s.framedIp !== address) : [];
    if (wrong.length)
      add(
        "session.ip",
        `The live session runs on ${wrong.map((s) => s.framedIp).join(", ")}, IPAM assigned ${address}`,
        { address },
        { sessions: sessionEvidence(wrong) },
      );
  }
  if (ctx.external)
    for (const a of addresses) {
      if (!a.externalId) continue;
      const ext = ctx.external.byId.get(a.externalId);
      if (!ext || ext.address !== a.address)
        add(
          "ip.external",
          ext
            ? `${ctx.external.system} holds ${ext.address} where IPAM assigned ${a.address}`
            : `${ctx.external.system} no longer holds ${a.address} (id ${a.externalId})`,
          { address: a.address, externalId: a.externalId },
          { external: ext ?? null },
        );
    }

  // Sessions: a suspension (reject) ends them; an active one runs on its plan's rate.
  if (sub.status === "SUSPENDED" && ctx.suspension === "reject" && radius.sessions.length)
    add(
      "session.leftover",
      `${radius.sessions.length} session(s) still online for a suspended subscriber`,
      { sessions: 0 },
      { sessions: sessionEvidence(radius.sessions) },
    );
  if (sub.status === "ACTIVE" && plan) {
    const off = radius.sessions
      .map((s) => ({ s, on: parseSessionClass(s.sessionClass) }))
      .filter(({ on }) => on && (on.downloadKbps !== plan.downloadKbps || on.uploadKbps !== plan.uploadKbps));
    if (off.length)
      add(
        "session.rate",
        `The live session runs at ${rateText(off[0]?.on ?? null)}; plan ${plan.name} is ${rateText(plan)}`,
        { planId: plan.id, downloadKbps: plan.downloadKbps, uploadKbps: plan.uploadKbps },
        { sessions: off.map(({ s, on }) => ({ id: s.acctUniqueId, nas: s.nasIp, ...on })) },
      );
  }

  // ONU: known to VOLTHA, enabled while active, with the plan's bandwidth profile.
  if (sub.onuSerial && network.onus) {
    const onu = network.onus.get(sub.onuSerial);
    if (!onu)
      add("onu.missing", `VOLTHA does not know ONU ${sub.onuSerial}`, { onuSerial: sub.onuSerial }, { onu: null });
    else {
      if (sub.status === "ACTIVE" && onu.adminState !== "ENABLED")
        add(
          "onu.state",
          `ONU ${sub.onuSerial} is ${onu.adminState.toLowerCase()} in VOLTHA`,
          { onuAdminState: "ENABLED" },
          { onuAdminState: onu.adminState, onuOperStatus: onu.operStatus },
        );
      if (network.profiles && plan) {
        const profile = network.profiles.get(sub.onuSerial);
        const rates = profile ? profileRates(profile) : null;
        if (!rates || rates.downloadKbps !== plan.downloadKbps || rates.uploadKbps !== plan.uploadKbps)
          add(
            "onu.profile",
            rates
              ? `ONU ${sub.onuSerial} is shaped to ${rateText(rates)}; plan ${plan.name} is ${rateText(plan)}`
              : `ONU ${sub.onuSerial} has no bandwidth profile`,
            { downloadKbps: plan.downloadKbps, uploadKbps: plan.uploadKbps },
            { profile: profile ?? null },
          );
      }
    }
  }

  // CPE: present in the ACS with our WAN credentials and the SSID we set.
  const link = network.cpeLinks.get(sub.id);
  if (link && network.cpes) {
    const cpe = network.cpes.get(link.acsDeviceId);
    if (!cpe)
      add(
        "cpe.missing",
        `The ACS does not know CPE ${link.serialNumber}`,
        { acsDeviceId: link.acsDeviceId },
        { device: null },
      );
    else {
      if (sub.accessType === "PPPOE" && cpe.wanUsername !== sub.username)
        add(
          "cpe.wan",
          `CPE ${link.serialNumber} dials as ${cpe.wanUsername || "(empty)"}, not ${sub.username}`,
          { wanUsername: sub.username },
          { wanUsername: cpe.wanUsername },
        );
      if (link.wifiSsid && cpe.ssid !== link.wifiSsid)
        add(
          "cpe.wifi",
          `CPE ${link.serialNumber} broadcasts ${cpe.ssid ?? "no SSID"}, configured ${link.wifiSsid}`,
          { ssid: link.wifiSsid },
          { ssid: cpe.ssid },
        );
    }
  }

  // Billing: an active subscription on the subscriber's plan.
  if (billing?.status !== "ACTIVE")
    add(
      "billing.missing",
      billing
        ? `The billing subscription is ${billing.status.toLowerCase()}`
        : "The subscriber has no billing subscription",
      { billingStatus: "ACTIVE", planId: sub.planId },
      { billingStatus: billing?.status ?? null },
    );
  else if (billing.planId !== sub.planId)
    add(
      "billing.plan",
      `Billed on plan ${ctx.plans.get(billing.planId)?.name ?? billing.planId}; the service runs ${plan?.name ?? sub.planId}`,
      { planId: sub.planId, plan: plan?.name ?? null },
      { planId: billing.planId, plan: ctx.plans.get(billing.planId)?.name ?? null },
    );
  return found;
}

function rateText(r: { downloadKbps: number; uploadKbps: number } | null) {
  if (!r) return "an unknown rate";
  const m = (kbps: number) => (kbps % 1000 === 0 ? `${kbps / 1000} Mbit/s` : `${kbps} kbit/s`);
  return `${m(r.downloadKbps)} down / ${m(r.uploadKbps)} up`;
}
