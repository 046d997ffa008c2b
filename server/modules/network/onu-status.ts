// ONUs online (ACTIVE) and offline (loss of signal or failed) per OLT, for monitoring.
import type { ServiceContext } from "@/server/service-context";

export async function onuStatusPerOlt(svc: ServiceContext) {
  const [olts, counts] = await Promise.all([
    svc.db.olt.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    svc.db.onu.groupBy({
      by: ["oltId", "state"],
      where: { state: { in: ["ACTIVE", "LOS", "FAILED"] } },
      _count: { _all: true },
    }),
  ]);
  return olts.map((olt) => {
    const mine = counts.filter((c) => c.oltId === olt.id);
    const online = mine.find((c) => c.state === "ACTIVE")?._count._all ?? 0;
    return { oltId: olt.id, oltName: olt.name, online, offline: mine.reduce((n, c) => n + c._count._all, 0) - online };
  });
}
