// Correlation (J6): raised alarms under a common upstream element within a time window become
// one incident whose probable root is the farthest element most of whose in-service ONUs are
// alarmed. Elements are opaque keys from the network module's topology ("olt:…", "pon:…"), so
// a feeder or splitter level in the topology adds roots without a change here.

import {
  attachAlarms,
  type CorrelationAlarm,
  correlatableAlarms,
  incidentAlarmCounts,
  moveIncidentAlarms,
} from "@/server/modules/alarms";
import { onusInServiceUnder } from "@/server/modules/network";
import { publishWebhookEvent } from "@/server/modules/webhooks";
import type { ServiceContext } from "@/server/service-context";
import { refreshImpact } from "./impact";

export const CORRELATION = {
  /** Alarms this close together can share an incident. */
  windowMs: 5 * 60_000,
  /** An element is a root once at least this many alarms sit behind it… */
  minAlarms: 2,
  /** …and at least this share of its in-service ONUs are alarmed. */
  minShare: 0.5,
};

export type CorrelationResult = { opened: string[]; grown: string[]; merged: string[]; resolved: string[] };

const ELEMENT_TYPES: Record<string, string> = { olt: "OLT", pon: "PON_PORT" };
const typeOf = (key: string) => ELEMENT_TYPES[key.split(":")[0]] ?? key.split(":")[0].toUpperCase();

export async function correlate(svc: ServiceContext, now = new Date()): Promise<CorrelationResult> {
  return svc.db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`incidents:${svc.tenantId}`}))`;
      const s: ServiceContext = { ...svc, db: tx as unknown as ServiceContext["db"] };
      const result: CorrelationResult = { opened: [], grown: [], merged: [], resolved: [] };
      const alarms = await correlatableAlarms(s, new Date(now.getTime() - CORRELATION.windowMs));
      const open = await tx.incident.findMany({
        where: { status: { in: ["OPEN", "ACKNOWLEDGED"] } },
        orderBy: { openedAt: "asc" },
      });
      const byRoot = new Map(open.map((i) => [i.rootKey, i]));
      const touched = new Set<string>();
      // Incidents whose root is new (opened or moved up): their impact list is (re)computed. One
      // that only gained alarms keeps its impact: everything behind its root is already in it.
      const rooted = new Set<string>();

      // 1. Alarms behind the root of an open incident join it.
      const loose: CorrelationAlarm[] = [];
      const joins = new Map<string, string[]>();
      for (const a of alarms) {
        if (a.incidentId) continue;
        const root = a.upstream.find((k) => byRoot.has(k));
        if (!root) {
          loose.push(a);
          continue;
        }
        const id = byRoot.get(root)?.id as string;
        joins.set(id, [...(joins.get(id) ?? []), a.id]);
      }
      for (const [id, ids] of joins) {
        await attachAlarms(s, ids, id);
        markGrown(touched, id, result.grown);
      }

      // 2. The rest: find the farthest element that explains enough of them.
      if (loose.length) {
        const alarmed = new Map<string, number>();
        for (const a of alarms) for (const k of a.upstream) alarmed.set(k, (alarmed.get(k) ?? 0) + 1);
        const keys = [...new Set(alarms.flatMap((a) => a.upstream))];
        const served = await onusInServiceUnder(s, keys);
        const qualifies = (k: string) => {
          const n = alarmed.get(k) ?? 0;
          return n >= CORRELATION.minAlarms && n >= CORRELATION.minShare * Math.max(served.get(k) ?? 0, 1);
        };
        // An element with elements below it (an OLT, later a feeder) is the root only when the
        // outage spans them: two or more of its children qualify and they hold enough of its
        // ONUs. Otherwise the root is further down (one dark PON port does not make a dark OLT).
        const children = new Map<string, Set<string>>();
        for (const a of alarms)
          a.upstream.forEach((k, i) => {
            const child = a.upstream[i + 1];
            if (child) children.set(k, (children.get(k) ?? new Set()).add(child));
          });
        const isRoot = (k: string) => {
          if (!qualifies(k)) return false;
          const below = [...(children.get(k) ?? [])];
          if (below.length === 0) return true;
          const dark = below.filter(qualifies);
          const darkOnus = dark.reduce((n, c) => n + (served.get(c) ?? 0), 0);
          return dark.length >= 2 && darkOnus >= CORRELATION.minShare * (served.get(k) ?? 0);
        };
        const groups = new Map<string, CorrelationAlarm[]>();
        for (const a of loose) {
          const root = a.upstream.find(isRoot);
          if (root) groups.set(root, [...(groups.get(root) ?? []), a]);
        }
        for (const [root, members] of groups) {
          // Open incidents under this root (rooted lower down) fold into the oldest of them,
          // which is re-rooted here; otherwise a new incident opens.
          const below = open.filter(
            (i) => i.rootKey !== root && alarms.some((a) => a.incidentId === i.id && a.upstream.includes(root)),
          );
          const name = rootName(members[0], root);
          let incidentId: string;
          if (below.length) {
            const [keep, ...fold] = below;
            incidentId = keep.id;
            await tx.incident.update({
              where: { id: keep.id },
              data: { rootKey: root, rootType: typeOf(root), rootName: name, title: titleFor(typeOf(root), name) },
            });
            await event(s, keep.id, "rerooted", `Probable root moved up to ${name}`);
            for (const f of fold) {
              await moveIncidentAlarms(s, [f.id], keep.id);
              await tx.incident.update({
                where: { id: f.id },
                data: { status: "RESOLVED", resolvedAt: now, mergedIntoId: keep.id },
              });
              await event(s, f.id, "merged", `Merged into the incident on ${name}`);
              result.merged.push(f.id);
            }
            markGrown(touched, keep.id, result.grown);
            rooted.add(keep.id);
          } else {
            const counter = await tx.incidentCounter.upsert({
              where: { tenantId: svc.tenantId },
              create: { tenantId: svc.tenantId, next: 2 },
              update: { next: { increment: 1 } },
            });
            const created = await tx.incident.create({
              data: {
                tenantId: svc.tenantId,
                number: counter.next - 1,
                title: titleFor(typeOf(root), name),
                rootKey: root,
                rootType: typeOf(root),
                rootName: name,
                severity: typeOf(root) === "OLT" ? "CRITICAL" : "MAJOR",
                openedAt: new Date(Math.min(...members.map((a) => a.raisedAt.getTime()))),
              },
            });
            incidentId = created.id;
            await event(s, created.id, "opened", `${members.length} alarms behind ${name}`);
            await publishWebhookEvent(tx, svc.tenantId, "incident.opened", {
              incident_id: created.id,
              number: created.number,
              title: created.title,
              severity: created.severity,
              root_type: created.rootType,
              root_name: created.rootName,
              opened_at: created.openedAt.toISOString(),
              alarms: members.length,
            });
            result.opened.push(created.id);
            touched.add(created.id);
            rooted.add(created.id);
          }
          await attachAlarms(
            s,
            members.map((a) => a.id),
            incidentId,
          );
        }
      }

      // 3. Counts and impact of what changed; resolve incidents whose alarms have all cleared.
      const current = await tx.incident.findMany({
        where: { OR: [{ status: { in: ["OPEN", "ACKNOWLEDGED"] } }, { id: { in: [...touched] } }] },
      });
      const counts = await incidentAlarmCounts(
        s,
        current.map((i) => i.id),
      );
      for (const i of current) {
        const c = counts.get(i.id) ?? { total: 0, raised: 0 };
        if (rooted.has(i.id)) await refreshImpact(s, i.id, i.rootKey, c.total);
        else if (c.total !== i.alarmCount)
          await tx.incident.update({ where: { id: i.id }, data: { alarmCount: c.total } });
        if (c.total > 0 && c.raised === 0 && i.status !== "RESOLVED") {
          await tx.incident.update({ where: { id: i.id }, data: { status: "RESOLVED", resolvedAt: now } });
          await event(s, i.id, "resolved", "Every alarm cleared: service is back");
          result.resolved.push(i.id);
        }
      }
      return result;
    },
    { timeout: 60_000 },
  );
}

function markGrown(touched: Set<string>, id: string, grown: string[]) {
  if (!touched.has(id)) {
    touched.add(id);
    grown.push(id);
  }
}

function rootName(a: CorrelationAlarm, root: string) {
  return a.names[root] ?? root;
}

function titleFor(type: string, name: string) {
  return type === "OLT"
    ? `Outage on OLT ${name}`
    : type === "PON_PORT"
      ? `Outage on PON port ${name}`
      : `Outage behind ${name}`;
}

export async function event(svc: ServiceContext, incidentId: string, kind: string, message: string) {
  await svc.db.incidentEvent.create({
    data: { tenantId: svc.tenantId, incidentId, kind, message, actor: svc.actor.label },
  });
}
