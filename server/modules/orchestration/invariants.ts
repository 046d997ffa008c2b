// The invariant checker: resources in one system that no live subscriber explains — what a
// half-finished workflow would leave behind. Subscribers with a workflow still in flight are
// left out (their resources are legitimately half-way). Read-only; the modules expose no
// bulk "orphan" query, so this reads their rows through the tenant-scoped client.
import type { ServiceContext } from "@/server/service-context";

export type OrphanKind = "radius" | "ip" | "onu" | "billing";
export type Orphan = {
  kind: OrphanKind;
  resource: string;
  subscriberId: string | null;
  subscriberStatus: string | null;
  detail: string;
};

const LIVE = new Set(["ACTIVE", "SUSPENDED"]);
const IN_FLIGHT = ["PENDING", "RUNNING", "ROLLING_BACK"] as const;

export async function checkInvariants(svc: ServiceContext) {
  const busy = new Set(
    (
      await svc.db.orchestrationJob.findMany({
        where: { status: { in: [...IN_FLIGHT] }, subscriberId: { not: null } },
        select: { subscriberId: true },
      })
    ).map((j) => j.subscriberId as string),
  );
  const statusCache = new Map<string, string | null>();
  const statusOf = async (ids: string[]) => {
    const missing = ids.filter((id) => !statusCache.has(id));
    if (missing.length) {
      const rows = await svc.db.subscriber.findMany({
        where: { id: { in: missing } },
        select: { id: true, status: true },
      });
      for (const id of missing) statusCache.set(id, null);
      for (const r of rows) statusCache.set(r.id, r.status);
    }
  };
  const orphans: Orphan[] = [];
  const judge = (kind: OrphanKind, resource: string, subscriberId: string | null, detail: string, live = LIVE) => {
    if (subscriberId && busy.has(subscriberId)) return;
    const status = subscriberId ? (statusCache.get(subscriberId) ?? null) : null;
    if (status && live.has(status)) return;
    orphans.push({
      kind,
      resource,
      subscriberId,
      subscriberStatus: status,
      detail: subscriberId
        ? `${detail}; subscriber is ${status ? status.toLowerCase() : "missing"}`
        : `${detail}; no subscriber`,
    });
  };

  // RADIUS: credentials/attributes/groups of anyone not active or suspended.
  const [checks, replies, groups] = await Promise.all([
    svc.db.radCheck.findMany({ select: { id: true, username: true, subscriberId: true } }),
    svc.db.radReply.findMany({ select: { id: true, username: true, subscriberId: true } }),
    svc.db.radUserGroup.findMany({ select: { id: true, username: true, subscriberId: true } }),
  ]);
  const radius = new Map<string, { username: string; subscriberId: string | null; rows: number }>();
  for (const r of [...checks, ...replies, ...groups]) {
    const key = r.subscriberId ?? `user:${r.username}`;
    const entry = radius.get(key) ?? { username: r.username, subscriberId: r.subscriberId, rows: 0 };
    entry.rows++;
    radius.set(key, entry);
  }
  // IPs assigned to a subscriber that is not live.
  const ips = await svc.db.ipAddress.findMany({
    where: { status: "ASSIGNED", subscriberId: { not: null } },
    select: { id: true, address: true, subscriberId: true },
  });
  // ONUs active (or enabled) without a live subscriber.
  const onus = await svc.db.onu.findMany({
    where: { OR: [{ state: "ACTIVE" }, { adminState: "ENABLED" }] },
    select: { id: true, serialNumber: true, subscriberId: true, state: true },
  });
  // Billing subscriptions still running for subscribers that are gone.
  const subs = await svc.db.billingSubscription.findMany({
    where: { status: "ACTIVE" },
    select: { id: true, subscriberId: true },
  });

  await statusOf(
    [
      ...[...radius.values()].map((r) => r.subscriberId),
      ...ips.map((i) => i.subscriberId),
      ...onus.map((o) => o.subscriberId),
      ...subs.map((s) => s.subscriberId),
    ].filter((id): id is string => Boolean(id)),
  );
  for (const r of radius.values())
    judge("radius", r.username, r.subscriberId, `${r.rows} RADIUS row(s) for ${r.username}`);
  for (const ip of ips) judge("ip", String(ip.address), ip.subscriberId, `IP ${ip.address} assigned`);
  for (const onu of onus)
    judge("onu", onu.serialNumber, onu.subscriberId, `ONU ${onu.serialNumber} ${onu.state.toLowerCase()}`);
  // Billing: only terminated (or missing / never provisioned) subscribers are wrong here.
  const billable = new Set(["ACTIVE", "SUSPENDED", "PROVISIONING"]);
  for (const s of subs) judge("billing", s.id, s.subscriberId, "Active billing subscription", billable);

  const byKind = { radius: 0, ip: 0, onu: 0, billing: 0 } as Record<OrphanKind, number>;
  for (const o of orphans) byKind[o.kind]++;
  return { checkedAt: new Date(), total: orphans.length, byKind, orphans };
}
