// Demo coverage: Kreuzberg is built (four 1:8 splitters on the demo OLT's ports), Neukölln is
// planned, Spandau is outside. The simulated geocoder's homes fall in each. Idempotent.
import type { PrismaClient, Tenant } from "@/server/generated/prisma/client";
import { createSplitter, DEMO_OLT, oltPonPorts, splitterCapacities } from "@/server/modules/network";
import { systemContext } from "@/server/service-context";
import { saveCoverageArea } from "./coverage-areas";
import type { Ring } from "./geometry";

const box = (west: number, south: number, east: number, north: number): Ring => [
  [west, south],
  [east, south],
  [east, north],
  [west, north],
  [west, south],
];

const SPLITTERS = [
  { name: "SPL-ORANIEN-1", port: 0, latitude: 52.501, longitude: 13.418 },
  { name: "SPL-LINDEN-1", port: 1, latitude: 52.5036, longitude: 13.399 },
  { name: "SPL-WIENER-1", port: 2, latitude: 52.4987, longitude: 13.4305 },
  { name: "SPL-SKALITZER-1", port: 3, latitude: 52.4995, longitude: 13.424 },
];

export async function seedServiceability(db: PrismaClient, tenant: Tenant) {
  const svc = systemContext(tenant.id, "seed", db);
  if (!(await svc.db.coverageArea.findFirst({ where: { name: "Kreuzberg" } })))
    await saveCoverageArea(svc, {
      name: "Kreuzberg",
      polygon: box(13.39, 52.492, 13.44, 52.507),
      homesPassed: 1840,
      maxDropM: 250,
      buildCostMinor: 45_000,
    });
  if (!(await svc.db.coverageArea.findFirst({ where: { name: "Neukölln" } })))
    await saveCoverageArea(svc, {
      name: "Neukölln",
      status: "PLANNED",
      polygon: box(13.43, 52.475, 13.46, 52.49),
      homesPassed: 0,
    });
  const ports = await oltPonPorts(svc, DEMO_OLT.name);
  const placed = new Set((await splitterCapacities(svc)).map((s) => s.name));
  for (const s of SPLITTERS) {
    const port = ports[s.port % Math.max(1, ports.length)];
    if (!port || placed.has(s.name)) continue;
    await createSplitter(svc, {
      name: s.name,
      ponPortId: port.id,
      ratio: 8,
      latitude: s.latitude,
      longitude: s.longitude,
    });
  }
}
