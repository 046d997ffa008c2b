// The kinds of drift the detector reports: which system disagrees with the platform's intent,
// and how. Shared by the detector, the repair, the page and the REST API.

export const DRIFT_TYPES = {
  "radius.credentials": { system: "RADIUS", label: "No RADIUS credentials for a live subscriber" },
  "radius.groups": { system: "RADIUS", label: "RADIUS groups do not match status and plan" },
  "radius.leftover": { system: "RADIUS", label: "RADIUS rows left behind" },
  "ip.unassigned": { system: "IPAM", label: "Live subscriber holds no address in IPAM" },
  "ip.reply": { system: "RADIUS", label: "Framed-IP-Address differs from IPAM" },
  "ip.leftover": { system: "IPAM", label: "Address still assigned" },
  "ip.external": { system: "NetBox", label: "NetBox does not hold IPAM's address" },
  "session.ip": { system: "BNG", label: "Live session runs on another address than IPAM's" },
  "session.rate": { system: "BNG", label: "Live session runs on another plan's rate" },
  "session.leftover": { system: "BNG", label: "Session still online" },
  "onu.missing": { system: "VOLTHA", label: "ONU unknown to VOLTHA" },
  "onu.state": { system: "VOLTHA", label: "ONU not enabled for a live subscriber" },
  "onu.profile": { system: "VOLTHA", label: "ONU bandwidth profile differs from the plan" },
  "onu.leftover": { system: "VOLTHA", label: "ONU still enabled" },
  "cpe.missing": { system: "ACS", label: "CPE unknown to the ACS" },
  "cpe.wan": { system: "ACS", label: "CPE PPPoE username differs" },
  "cpe.wifi": { system: "ACS", label: "CPE WiFi SSID differs" },
  "cpe.leftover": { system: "ACS", label: "CPE still configured for the subscriber" },
  "billing.missing": { system: "Billing", label: "Live subscriber is not billed" },
  "billing.plan": { system: "Billing", label: "Billed on another plan" },
  "billing.leftover": { system: "Billing", label: "Billing subscription still active" },
} as const;

export type DriftType = keyof typeof DRIFT_TYPES;
export const DRIFT_TYPE_IDS = Object.keys(DRIFT_TYPES) as DriftType[];
export const DRIFT_SYSTEMS = [...new Set(Object.values(DRIFT_TYPES).map((t) => t.system))];

export type Evidence = Record<string, unknown>;

export type Finding = {
  /** One open finding per key: the type and the subscriber. */
  key: string;
  type: DriftType;
  system: string;
  subscriberId: string;
  username: string;
  summary: string;
  /** What the platform intends (subscriber, plan, IPAM). */
  expected: Evidence;
  /** What the system holds. */
  actual: Evidence;
};
