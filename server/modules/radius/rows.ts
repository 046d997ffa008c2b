// The RADIUS rows of one subscriber and of one plan, written inside the caller's
// transaction (subscriber and plan changes commit together with what FreeRADIUS reads).
//
// Layout FreeRADIUS's stock `sql` module reads:
// - radcheck:  Cleartext-Password := <password>; NAS-IP-Address == <ip> when bound to a NAS.
// - radreply:  Framed-IP-Address (the static or IPAM-assigned address) or Framed-Pool (a pool
//   the BNG hands out itself), Delegated-IPv6-Prefix when the subscriber has one.
// - radusergroup: active → the plan's vendor groups in priority order, then its generic
//   group; suspended → `suspended` (reject) or `walled_garden`.
// - radgroupcheck/radgroupreply per plan: `plan:<id>:<vendor>` only matches when the NAS is of
//   that vendor (FiberOps-NAS-Vendor, set from the client's `nas_type` by our site), so the
//   Access-Accept carries the rate attributes of the NAS that asked.

import { loadTenant } from "@/server/modules/tenancy";
import { type NasVendor, type RateProfile, radiusAttributeName, renderRateAttributes } from "./radius-profile";

/** The transaction client used by services (tenant-scoped or not). */
// biome-ignore lint/suspicious/noExplicitAny: works with both the scoped and the raw client
type Tx = any;

export const SUSPENDED_GROUP = "suspended";
export const WALLED_GARDEN_GROUP = "walled_garden";
export const VENDOR_ATTRIBUTE = "FiberOps-NAS-Vendor";
const VENDOR_GROUPS: NasVendor[] = ["mikrotik", "cisco", "juniper", "huawei"];

export const planGroupName = (planId: string, vendor?: NasVendor) =>
  vendor && vendor !== "other" ? `plan:${planId}:${vendor}` : `plan:${planId}`;

export type SuspensionMode = "reject" | "walled_garden";

/** Rewrites the group rows of a plan (idempotent). */
export async function syncPlanGroups(tx: Tx, plan: RateProfile & { id: string }) {
  const names = [planGroupName(plan.id), ...VENDOR_GROUPS.map((v) => planGroupName(plan.id, v))];
  await tx.radGroupCheck.deleteMany({ where: { groupname: { in: names } } });
  await tx.radGroupReply.deleteMany({ where: { groupname: { in: names } } });
  const checks = VENDOR_GROUPS.map((vendor) => ({
    groupname: planGroupName(plan.id, vendor),
    attribute: VENDOR_ATTRIBUTE,
    op: "==",
    value: vendor,
  }));
  const replies = [...VENDOR_GROUPS, "other" as const].flatMap((vendor) =>
    renderRateAttributes(plan, vendor).map((a) => ({
      groupname: planGroupName(plan.id, vendor),
      attribute: radiusAttributeName(a),
      op: a.op,
      value: a.value,
    })),
  );
  await tx.radGroupCheck.createMany({ data: checks });
  await tx.radGroupReply.createMany({ data: replies });
}

export async function deletePlanGroups(tx: Tx, planId: string) {
  const names = [planGroupName(planId), ...VENDOR_GROUPS.map((v) => planGroupName(planId, v))];
  await tx.radGroupCheck.deleteMany({ where: { groupname: { in: names } } });
  await tx.radGroupReply.deleteMany({ where: { groupname: { in: names } } });
}

export type RadiusSubscriber = {
  id: string;
  tenantId: string;
  username: string;
  password: string;
  status: string;
  planId: string;
  ipv4Address: string | null;
  framedPool?: string | null;
  staticIpv4: string | null;
  ipv6Prefix: string | null;
  nasId: number | null;
};

export function groupsFor(sub: RadiusSubscriber, suspension: SuspensionMode): string[] {
  if (sub.status === "SUSPENDED") return [suspension === "walled_garden" ? WALLED_GARDEN_GROUP : SUSPENDED_GROUP];
  return [...VENDOR_GROUPS.map((v) => planGroupName(sub.planId, v)), planGroupName(sub.planId)];
}

type Row = { tenantId: string; subscriberId: string; username: string; attribute: string; op: string; value: string };

/** The radcheck/radreply/radusergroup rows a subscriber should have (written below, or previewed). */
export async function radiusRowsFor(tx: Tx, sub: RadiusSubscriber, suspension: SuspensionMode) {
  const link = { tenantId: sub.tenantId, subscriberId: sub.id, username: sub.username };
  const checks: Row[] = [{ ...link, attribute: "Cleartext-Password", op: ":=", value: sub.password }];
  if (sub.nasId !== null) {
    const nas = await tx.nas.findFirst({ where: { id: sub.nasId } });
    if (nas) checks.push({ ...link, attribute: "NAS-IP-Address", op: "==", value: nas.nasname });
  }
  const replies: Row[] = [];
  const ip = sub.staticIpv4 ?? sub.ipv4Address;
  if (ip) replies.push({ ...link, attribute: "Framed-IP-Address", op: ":=", value: ip.replace(/\/32$/, "") });
  else if (sub.framedPool) replies.push({ ...link, attribute: "Framed-Pool", op: ":=", value: sub.framedPool });
  if (sub.ipv6Prefix) replies.push({ ...link, attribute: "Delegated-IPv6-Prefix", op: ":=", value: sub.ipv6Prefix });
  const groups = groupsFor(sub, suspension).map((groupname, i) => ({ ...link, groupname, priority: i + 1 }));
  return { checks, replies, groups };
}

/** Replaces every radcheck/radreply/radusergroup row of the subscriber (idempotent). */
export async function writeSubscriberRadius(tx: Tx, sub: RadiusSubscriber, suspension: SuspensionMode) {
  await deleteSubscriberRadius(tx, sub.id);
  const rows = await radiusRowsFor(tx, sub, suspension);
  await tx.radCheck.createMany({ data: rows.checks });
  if (rows.replies.length) await tx.radReply.createMany({ data: rows.replies });
  await tx.radUserGroup.createMany({ data: rows.groups });
}

export async function deleteSubscriberRadius(tx: Tx, subscriberId: string) {
  const where = { subscriberId };
  const [a, b, c] = [
    await tx.radCheck.deleteMany({ where }),
    await tx.radReply.deleteMany({ where }),
    await tx.radUserGroup.deleteMany({ where }),
  ];
  return a.count + b.count + c.count;
}

/** The tenant's choice for suspended subscribers (tenant settings `radius.suspension`). */
export async function suspensionModeOf(tx: Tx, tenantId: string): Promise<SuspensionMode> {
  const tenant = await loadTenant(tx, tenantId);
  const mode = (tenant?.settings as { radius?: { suspension?: string } } | null)?.radius?.suspension;
  return mode === "walled_garden" ? "walled_garden" : "reject";
}

/** Whether the subscriber has RADIUS credentials (it was provisioned and not torn down). */
export async function hasSubscriberRadius(tx: Tx, subscriberId: string): Promise<boolean> {
  return (await tx.radCheck.count({ where: { subscriberId } })) > 0;
}
