// The network event log as a feed other modules read in order (alarms turn it into alarms).
import type { OltEvent } from "@/server/adapters/olt/port";
import type { ServiceContext } from "@/server/service-context";

export type FedEvent = OltEvent & { receivedAt: Date };

/** Events received after `after` (oldest first, at most `limit`), as the OLT system sent them. */
export async function networkEventsReceivedAfter(svc: ServiceContext, after: Date, limit: number): Promise<FedEvent[]> {
  const rows = await svc.db.networkEvent.findMany({
    where: { receivedAt: { gt: after } },
    orderBy: [{ receivedAt: "asc" }, { raisedAt: "asc" }],
    take: limit,
  });
  return rows.map((r) => {
    const ctx = (r.payload ?? {}) as Record<string, string>;
    const num = (v: string | undefined) => (v === undefined || v === "" ? null : Number(v));
    return {
      id: r.eventId,
      kind: r.kind,
      state: r.state === "CLEAR" ? "CLEAR" : "RAISE",
      serialNumber: r.serialNumber,
      oltDeviceId: r.oltExternalId,
      onuDeviceId: ctx["onu-device-id"] ?? null,
      intfId: num(ctx["intf-id"]),
      onuId: num(ctx["onu-id"]),
      raisedAt: r.raisedAt,
      context: ctx,
      receivedAt: r.receivedAt,
    };
  });
}
