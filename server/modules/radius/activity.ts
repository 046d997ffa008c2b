// The tenant's RADIUS activity in figures, for monitoring: live sessions and the
// Access-Accept/Reject counts of a recent window.
import type { ServiceContext } from "@/server/service-context";

export async function radiusActivity(svc: ServiceContext, since: Date) {
  const [activeSessions, replies] = await Promise.all([
    svc.db.radAcct.count({ where: { acctstoptime: null } }),
    svc.db.radPostAuth.groupBy({ by: ["reply"], where: { authdate: { gte: since } }, _count: { _all: true } }),
  ]);
  const count = (reply: string) => replies.find((r) => r.reply === reply)?._count._all ?? 0;
  return { activeSessions, accepts: count("Access-Accept"), rejects: count("Access-Reject") };
}
