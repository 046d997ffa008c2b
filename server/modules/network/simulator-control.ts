// The control panel of a tenant's simulated network: arm and clear the simulator's faults
// (error, timeout, NAK on one operation) the way a test harness would, so an operator can
// watch a workflow retry and roll back; cut and repair the fibre behind a PON port to watch
// the alarms become an incident and clear. Only while the tenant's OLT integration runs on the
// built-in simulator: a real network is never touched from here.
import { z } from "zod";
import { simulatedNetwork as simulatedNetworkOf } from "@/server/adapters/compose";
import type { SimulatedNetwork } from "@/server/adapters/simulated-network";
import { conflict } from "@/server/errors";
import { recordAudit } from "@/server/modules/audit";
import { resolveIntegration } from "@/server/modules/integrations";
import type { ServiceContext } from "@/server/service-context";
import { getOlt, pollOltEvents } from "./service";
import { restoreSimulator } from "./sim-restore";

/** The simulator operations a fault can be armed on, as the steps that use them know them. */
export const SIMULATOR_OPERATIONS = {
  "olt.enableOnu": "OLT: activate an ONU",
  "olt.disableOnu": "OLT: deactivate an ONU",
  "olt.bandwidth": "OLT: set an ONU's bandwidth profile",
  "olt.*": "OLT: every operation",
  "acs.task": "ACS: configure / reset a CPE",
  "acs.*": "ACS: every operation",
  "ipam.allocate": "NetBox IPAM: allocate an address (IPAM in simulator mode)",
  "ipam.release": "NetBox IPAM: release an address (IPAM in simulator mode)",
} as const;
const OPERATIONS = Object.keys(SIMULATOR_OPERATIONS) as [keyof typeof SIMULATOR_OPERATIONS, ...string[]];

export const injectFaultInput = z.object({
  operation: z.enum(OPERATIONS),
  kind: z.enum(["error", "timeout", "nak"]),
  /** How many calls fail; omitted = until cleared. */
  times: z.number().int().min(1).max(1000).optional(),
  message: z.string().trim().max(200).optional(),
});
export type InjectFaultInput = z.infer<typeof injectFaultInput>;

const UNTIL_CLEARED = 1_000_000;

async function simulatedNetwork(svc: ServiceContext) {
  const sim = simulatedNetworkOf(svc.tenantId, await resolveIntegration(svc, "OLT"));
  if (!sim)
    throw conflict(
      "The OLT integration drives a real network; faults can only be injected into the built-in simulator",
    );
  // Rebuild it from the inventory first: the rebuild itself must not trip the faults.
  await restoreSimulator(svc, sim);
  return sim;
}

function armed(sim: SimulatedNetwork) {
  return sim.faults().map((f) => ({
    operation: f.operation,
    label: SIMULATOR_OPERATIONS[f.operation as keyof typeof SIMULATOR_OPERATIONS] ?? f.operation,
    kind: f.kind,
    remaining: f.remaining >= UNTIL_CLEARED / 2 ? null : f.remaining,
    message: f.message,
  }));
}

/** Whether the tenant's network is simulated, and the faults armed on it. */
export async function simulatorStatus(svc: ServiceContext) {
  const sim = simulatedNetworkOf(svc.tenantId, await resolveIntegration(svc, "OLT"));
  if (!sim) return { available: false as const, faults: [], operations: SIMULATOR_OPERATIONS };
  return { available: true as const, faults: armed(sim), operations: SIMULATOR_OPERATIONS };
}

export async function injectSimulatorFault(svc: ServiceContext, input: InjectFaultInput) {
  const sim = await simulatedNetwork(svc);
  sim.injectFault(input.operation, input.kind, input.times ?? UNTIL_CLEARED, input.message || undefined);
  await recordAudit(svc.db, {
    tenantId: svc.tenantId,
    actor: svc.actor,
    action: "integration.simulator.fault",
    targetType: "NetworkSimulator",
    after: { operation: input.operation, kind: input.kind, times: input.times ?? "until cleared" },
  });
  return armed(sim);
}

export async function clearSimulatorFaults(svc: ServiceContext) {
  const sim = await simulatedNetwork(svc);
  const before = armed(sim);
  sim.clearFaults();
  if (before.length)
    await recordAudit(svc.db, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "integration.simulator.clear",
      targetType: "NetworkSimulator",
      before: { faults: before.map((f) => `${f.operation}:${f.kind}`) },
    });
  return armed(sim);
}

export const fibreInput = z.object({ oltId: z.uuid(), portNo: z.number().int(), cut: z.boolean() });

/** Cuts (or repairs) the fibre behind one PON port: LOS (or its clear) on every ONU there. */
export async function setSimulatedFibre(svc: ServiceContext, input: z.infer<typeof fibreInput>) {
  const sim = await simulatedNetwork(svc);
  const olt = await getOlt(svc, input.oltId);
  const port = olt.ports.find((p) => p.portNo === input.portNo);
  if (!olt.externalId || !port) throw conflict("That PON port is not on the simulated network");
  const hit = sim.setFibre(olt.externalId, port.portNo, input.cut);
  await recordAudit(svc.db, {
    tenantId: svc.tenantId,
    actor: svc.actor,
    action: input.cut ? "integration.simulator.cut_fibre" : "integration.simulator.repair_fibre",
    targetType: "PonPort",
    targetId: port.id,
    after: { olt: olt.name, port: port.label, onus: hit },
  });
  // Record the events the simulator raised now (a real VOLTHA would push them).
  await pollOltEvents(svc);
  return { olt: olt.name, port: port.label, onus: hit };
}

export const degradeOnuInput = z.object({
  serialNumber: z.string().trim().min(1, "Give the ONU's serial number").max(64),
  dbm: z.number().min(0.5).max(20),
});

/** Lowers one ONU's light by some dB (a dirty connector, a bent drop), to troubleshoot it. */
export async function degradeSimulatedOnu(svc: ServiceContext, input: z.infer<typeof degradeOnuInput>) {
  const sim = await simulatedNetwork(svc);
  const onu = await svc.db.onu.findFirst({ where: { serialNumber: input.serialNumber }, select: { id: true } });
  if (!onu || !sim.degradeOnu(input.serialNumber, input.dbm))
    throw conflict(`ONU ${input.serialNumber} is not on the simulated network`);
  await recordAudit(svc.db, {
    tenantId: svc.tenantId,
    actor: svc.actor,
    action: "integration.simulator.degrade_onu",
    targetType: "Onu",
    targetId: onu.id,
    after: { serialNumber: input.serialNumber, dbm: input.dbm },
  });
  return { serialNumber: input.serialNumber, dbm: input.dbm };
}
