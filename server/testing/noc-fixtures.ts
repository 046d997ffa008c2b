// Fixtures for the NOC tests (alarms, incidents, maintenance): a plant of active ONUs serving
// active subscribers, and VOLTHA-shaped loss-of-signal events for it.
import { randomBytes } from "node:crypto";
import type { OltEvent } from "@/server/adapters/olt/port";
import type { PrismaClient } from "@/server/generated/prisma/client";
import type { ServiceContext } from "@/server/service-context";
import { createTestSubscriber } from "./network-fixtures";

export type Plant = { oltId: string; ports: { id: string; serials: string[] }[] };

/** An OLT with ports of n ONUs each, every ONU active and serving an active subscriber. */
export async function plant(
  prisma: PrismaClient,
  svc: ServiceContext,
  perPort: number[],
  business = 0,
): Promise<Plant> {
  const tag = randomBytes(3).toString("hex");
  const olt = await prisma.olt.create({
    data: { tenantId: svc.tenantId, name: `OLT-${tag}`, externalId: `dev-${tag}`, operStatus: "ACTIVE" },
  });
  const ports: Plant["ports"] = [];
  let made = 0;
  for (const [i, n] of perPort.entries()) {
    const port = await prisma.ponPort.create({
      data: { tenantId: svc.tenantId, oltId: olt.id, portNo: i + 1, label: `pon-${i + 1}` },
    });
    const serials: string[] = [];
    for (let k = 0; k < n; k++) {
      const serial = `ALCL${tag}${String(i).padStart(2, "0")}${String(k).padStart(3, "0")}`.toUpperCase();
      const sub = await createTestSubscriber(prisma, svc, { onuSerial: serial });
      await prisma.subscriber.update({ where: { id: sub.id }, data: { status: "ACTIVE" } });
      if (made++ < business)
        await prisma.customer.update({
          where: { id: sub.customerId },
          data: { kind: "BUSINESS", companyName: `Zeta ${k} GmbH` },
        });
      await prisma.onu.create({
        data: {
          tenantId: svc.tenantId,
          oltId: olt.id,
          ponPortId: port.id,
          serialNumber: serial,
          state: "ACTIVE",
          adminState: "ENABLED",
          subscriberId: sub.id,
        },
      });
      serials.push(serial);
    }
    ports.push({ id: port.id, serials });
  }
  return { oltId: olt.id, ports };
}

let seq = 0;
export function los(serials: string[], state: "RAISE" | "CLEAR", kind = "ONU_LOSS_OF_SIGNAL"): OltEvent[] {
  return serials.map((serialNumber) => ({
    id: `ev-${++seq}`,
    kind,
    state,
    serialNumber,
    oltDeviceId: null,
    onuDeviceId: null,
    intfId: null,
    onuId: null,
    raisedAt: new Date(),
    context: { "serial-number": serialNumber },
  }));
}
