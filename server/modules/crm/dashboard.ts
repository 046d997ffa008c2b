// The sales dashboard: the funnel (lead → surveyed → quoted → won), conversion, and days from
// lead to active service (won = installation completed and provisioned), by source and by owner,
// for the leads created in a period.
import type { ServiceContext } from "@/server/service-context";
import { LEAD_SOURCE_LABELS, LEAD_SOURCES } from "./schemas";

type Row = {
  source: (typeof LEAD_SOURCES)[number];
  ownerId: string | null;
  createdAt: Date;
  surveyedAt: Date | null;
  quotedAt: Date | null;
  wonAt: Date | null;
};

const DAY_MS = 86_400_000;

function summarise(rows: Row[]) {
  const won = rows.filter((r) => r.wonAt);
  const days = won.map((r) => (r.wonAt!.getTime() - r.createdAt.getTime()) / DAY_MS).sort((a, b) => a - b);
  const round1 = (n: number) => Math.round(n * 10) / 10;
  return {
    leads: rows.length,
    surveyed: rows.filter((r) => r.surveyedAt).length,
    quoted: rows.filter((r) => r.quotedAt).length,
    won: won.length,
    /** Won ÷ leads, in percent with one decimal. */
    conversionPercent: rows.length ? round1((won.length / rows.length) * 100) : 0,
    medianDaysToActive: days.length ? round1(days[Math.floor((days.length - 1) / 2)]) : null,
  };
}

export async function salesDashboard(svc: ServiceContext, since: Date) {
  const rows: Row[] = await svc.db.lead.findMany({
    where: { createdAt: { gte: since } },
    select: { source: true, ownerId: true, createdAt: true, surveyedAt: true, quotedAt: true, wonAt: true },
  });
  const group = <K extends string>(key: (r: Row) => K) => {
    const by = new Map<K, Row[]>();
    for (const r of rows) by.set(key(r), [...(by.get(key(r)) ?? []), r]);
    return by;
  };
  const bySource = group((r) => r.source);
  const byOwner = group((r) => r.ownerId ?? "none");
  return {
    since,
    total: summarise(rows),
    bySource: LEAD_SOURCES.filter((s) => bySource.has(s)).map((s) => ({
      key: s,
      label: LEAD_SOURCE_LABELS[s],
      ...summarise(bySource.get(s)!),
    })),
    byOwner: [...byOwner.entries()].map(([ownerId, list]) => ({
      ownerId: ownerId === "none" ? null : ownerId,
      ...summarise(list),
    })),
  };
}
