// A plan's RADIUS reply attributes, rendered per NAS vendor from its rates. The same
// renderer feeds the FreeRADIUS group rows (Access-Accept) and CoA-Requests.

export const NAS_VENDORS = ["mikrotik", "cisco", "juniper", "huawei", "other"] as const;
export type NasVendor = (typeof NAS_VENDORS)[number];

export const NAS_VENDOR_LABELS: Record<NasVendor, string> = {
  mikrotik: "MikroTik",
  cisco: "Cisco (ISG/ASR)",
  juniper: "Juniper (MX/ERX)",
  huawei: "Huawei (ME60/NE40)",
  other: "Other (Filter-Id)",
};

export type RateProfile = {
  code: string;
  downloadKbps: number;
  uploadKbps: number;
  burstDownloadKbps?: number | null;
  burstUploadKbps?: number | null;
};

/** One reply attribute; `op` is the FreeRADIUS operator for the radgroupreply row. */
export type ReplyAttribute = { attribute: string; op: "=" | ":=" | "+="; value: string; tag?: number };

/** "50M", "1500k", "1G": the compact rate notation MikroTik accepts. */
export function compactRate(kbps: number): string {
  if (kbps % 1_000_000 === 0) return `${kbps / 1_000_000}G`;
  if (kbps % 1000 === 0) return `${kbps / 1000}M`;
  return `${kbps}k`;
}

function policyName(plan: RateProfile) {
  return `FIBEROPS-${plan.code.toUpperCase().replace(/[^A-Z0-9]+/g, "-")}`;
}

/** Reply attributes that apply the plan's rates on a NAS of the given vendor. */
export function renderRateAttributes(plan: RateProfile, vendor: NasVendor): ReplyAttribute[] {
  const up = plan.uploadKbps;
  const down = plan.downloadKbps;
  const burstUp = plan.burstUploadKbps ?? null;
  const burstDown = plan.burstDownloadKbps ?? null;
  switch (vendor) {
    case "mikrotik": {
      // rx/tx from the router's side: rx = what the subscriber uploads.
      let value = `${compactRate(up)}/${compactRate(down)}`;
      if (burstUp && burstDown) {
        // burst-rate, burst-threshold (the plan rate), burst-time in seconds.
        value += ` ${compactRate(burstUp)}/${compactRate(burstDown)} ${compactRate(up)}/${compactRate(down)} 8/8`;
      }
      return [{ attribute: "Mikrotik-Rate-Limit", op: ":=", value }];
    }
    case "cisco":
      return [
        { attribute: "Cisco-AVPair", op: "+=", value: `subscriber:sub-qos-policy-in=${policyName(plan)}-IN-${up}K` },
        {
          attribute: "Cisco-AVPair",
          op: "+=",
          value: `subscriber:sub-qos-policy-out=${policyName(plan)}-OUT-${down}K`,
        },
      ];
    case "juniper":
      return [
        { attribute: "ERX-Qos-Profile-Name", op: ":=", value: policyName(plan) },
        // Dynamic service with its parameters in bits per second (down, up).
        { attribute: "ERX-Service-Activate", op: ":=", tag: 1, value: `svc-internet(${down * 1000},${up * 1000})` },
      ];
    case "huawei": {
      const attrs: ReplyAttribute[] = [
        { attribute: "Huawei-Input-Average-Rate", op: ":=", value: String(up * 1000) },
        { attribute: "Huawei-Output-Average-Rate", op: ":=", value: String(down * 1000) },
      ];
      if (burstUp && burstDown) {
        attrs.push(
          { attribute: "Huawei-Input-Peak-Rate", op: ":=", value: String(burstUp * 1000) },
          { attribute: "Huawei-Output-Peak-Rate", op: ":=", value: String(burstDown * 1000) },
        );
      }
      attrs.push({ attribute: "Huawei-Qos-Profile-Name", op: ":=", value: policyName(plan) });
      return attrs;
    }
    case "other":
      return [{ attribute: "Filter-Id", op: ":=", value: `${compactRate(down)}-${compactRate(up)}` }];
  }
}

/** The value FreeRADIUS stores for a tagged attribute ("1:value" is not valid; use the :tag suffix). */
export function radiusAttributeName(attr: ReplyAttribute) {
  return attr.tag ? `${attr.attribute}:${attr.tag}` : attr.attribute;
}

export function isNasVendor(value: string): value is NasVendor {
  return (NAS_VENDORS as readonly string[]).includes(value);
}
