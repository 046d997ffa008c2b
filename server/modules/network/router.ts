import { z } from "zod";
import { withIdempotency } from "@/server/idempotency";
import { listInput } from "@/server/list";
import { INTEGRATION_SYSTEMS } from "@/server/modules/integrations";
import { t } from "@/server/trpc/init";
import { tenantProcedure } from "@/server/trpc/procedures";
import { testIntegration } from "./adapters";
import {
  cpeAction,
  getCpe,
  listCpes,
  listFirmwareFiles,
  readCpeDiagnostic,
  setCpeWifi,
  startCpeDiagnostic,
  syncCpes,
  upgradeCpeFirmware,
} from "./cpes";
import { activateOnu, disableOnu, getOnu, listOnus, readOnuOptics, rebootOnu, setOnuBandwidth } from "./onus";
import { subscriberNetwork } from "./provisioning";
import {
  activateOnuInput,
  bandwidthInput,
  createSiteInput,
  diagnosticInput,
  firmwareInput,
  listOnusInput,
  registerOltInput,
  updatePonPortInput,
  wifiInput,
} from "./schemas";
import {
  createSite,
  deleteOlt,
  getOlt,
  listNetworkEvents,
  listOlts,
  listSites,
  oltAction,
  pollOltEvents,
  registerOlt,
  syncOlt,
  updatePonPort,
  upgradeFirmware,
} from "./service";
import {
  clearSimulatorFaults,
  degradeOnuInput,
  degradeSimulatedOnu,
  fibreInput,
  injectFaultInput,
  injectSimulatorFault,
  setSimulatedFibre,
  simulatorStatus,
} from "./simulator-control";

const id = z.object({ id: z.string().uuid() });
const ref = z.object({ id: z.string().min(1).max(100) });

export const networkRouter = t.router({
  sites: t.router({
    list: tenantProcedure("network.read").query(({ ctx }) => listSites(ctx.svc)),
    create: tenantProcedure("network.write")
      .input(createSiteInput)
      .mutation(({ ctx, input }) => createSite(ctx.svc, input)),
  }),
  olts: t.router({
    list: tenantProcedure("network.read")
      .input(listInput)
      .query(({ ctx, input }) => listOlts(ctx.svc, input)),
    get: tenantProcedure("network.read")
      .input(id)
      .query(({ ctx, input }) => getOlt(ctx.svc, input.id)),
    register: tenantProcedure("network.write")
      .input(registerOltInput)
      .mutation(({ ctx, input }) => registerOlt(ctx.svc, input)),
    sync: tenantProcedure("network.write")
      .input(id)
      .mutation(({ ctx, input }) => syncOlt(ctx.svc, input.id)),
    action: tenantProcedure("onu.control")
      .input(id.extend({ action: z.enum(["enable", "disable", "reboot"]) }))
      .mutation(({ ctx, input }) => oltAction(ctx.svc, input.id, input.action)),
    delete: tenantProcedure("network.write")
      .input(id)
      .mutation(({ ctx, input }) => deleteOlt(ctx.svc, input.id)),
    firmware: tenantProcedure("onu.control")
      .input(id.merge(firmwareInput))
      .mutation(({ ctx, input: { id: oltId, ...rest } }) => upgradeFirmware(ctx.svc, oltId, rest)),
    updatePort: tenantProcedure("network.write")
      .input(id.merge(updatePonPortInput))
      .mutation(({ ctx, input: { id: portId, ...rest } }) => updatePonPort(ctx.svc, portId, rest)),
  }),
  onus: t.router({
    list: tenantProcedure("network.read")
      .input(listOnusInput)
      .query(({ ctx, input }) => listOnus(ctx.svc, input)),
    get: tenantProcedure("network.read")
      .input(ref)
      .query(({ ctx, input }) => getOnu(ctx.svc, input.id)),
    activate: tenantProcedure("onu.control")
      .input(ref.merge(activateOnuInput))
      .mutation(({ ctx, input: { id: onuId, idempotencyKey, ...rest } }) =>
        withIdempotency(ctx.svc, "onu.activate", idempotencyKey, { onuId, ...rest }, () =>
          activateOnu(ctx.svc, onuId, rest),
        ),
      ),
    disable: tenantProcedure("onu.control")
      .input(ref)
      .mutation(({ ctx, input }) => disableOnu(ctx.svc, input.id)),
    reboot: tenantProcedure("onu.control")
      .input(ref)
      .mutation(({ ctx, input }) => rebootOnu(ctx.svc, input.id)),
    bandwidth: tenantProcedure("onu.control")
      .input(ref.merge(bandwidthInput))
      .mutation(({ ctx, input: { id: onuId, ...rest } }) => setOnuBandwidth(ctx.svc, onuId, rest)),
    optics: tenantProcedure("network.read")
      .input(ref)
      .mutation(({ ctx, input }) => readOnuOptics(ctx.svc, input.id)),
  }),
  cpes: t.router({
    list: tenantProcedure("network.read")
      .input(listInput)
      .query(({ ctx, input }) => listCpes(ctx.svc, input)),
    get: tenantProcedure("network.read")
      .input(ref)
      .query(({ ctx, input }) => getCpe(ctx.svc, input.id)),
    sync: tenantProcedure("network.write").mutation(({ ctx }) => syncCpes(ctx.svc)),
    action: tenantProcedure("cpe.control")
      .input(ref.extend({ action: z.enum(["reboot", "factoryReset", "refresh"]) }))
      .mutation(({ ctx, input }) => cpeAction(ctx.svc, input.id, input.action)),
    wifi: tenantProcedure("cpe.control")
      .input(ref.merge(wifiInput))
      .mutation(({ ctx, input: { id: cpeId, ...rest } }) => setCpeWifi(ctx.svc, cpeId, rest)),
    files: tenantProcedure("network.read").query(({ ctx }) => listFirmwareFiles(ctx.svc)),
    firmware: tenantProcedure("cpe.control")
      .input(ref.extend({ fileName: z.string().min(1).max(200) }))
      .mutation(({ ctx, input }) => upgradeCpeFirmware(ctx.svc, input.id, input.fileName)),
    startDiagnostic: tenantProcedure("cpe.control")
      .input(ref.merge(diagnosticInput))
      .mutation(({ ctx, input: { id: cpeId, ...rest } }) => startCpeDiagnostic(ctx.svc, cpeId, rest)),
    readDiagnostic: tenantProcedure("network.read")
      .input(ref.extend({ kind: z.enum(["ping", "download", "upload", "traceroute"]) }))
      .query(({ ctx, input }) => readCpeDiagnostic(ctx.svc, input.id, input.kind)),
  }),
  events: t.router({
    list: tenantProcedure("network.read")
      .input(listInput)
      .query(({ ctx, input }) => listNetworkEvents(ctx.svc, input)),
    poll: tenantProcedure("network.write").mutation(({ ctx }) => pollOltEvents(ctx.svc)),
  }),
  forSubscriber: tenantProcedure("subscriber.read")
    .input(z.object({ subscriberId: z.string().uuid() }))
    .query(({ ctx, input }) => subscriberNetwork(ctx.svc, input.subscriberId)),
  /** "Test connection" of an integration (NOC → Integrations), with the tenant's adapters. */
  testIntegration: tenantProcedure("integration.manage")
    .input(z.object({ system: z.enum(INTEGRATION_SYSTEMS) }))
    .mutation(({ ctx, input }) => testIntegration(ctx.svc, input.system)),
  // Fault injection into the tenant's simulated network (OLT on the simulator only).
  simulator: t.router({
    status: tenantProcedure("integration.manage").query(({ ctx }) => simulatorStatus(ctx.svc)),
    injectFault: tenantProcedure("integration.manage")
      .input(injectFaultInput)
      .mutation(({ ctx, input }) => injectSimulatorFault(ctx.svc, input)),
    clearFaults: tenantProcedure("integration.manage").mutation(({ ctx }) => clearSimulatorFaults(ctx.svc)),
    fibre: tenantProcedure("integration.manage")
      .input(fibreInput)
      .mutation(({ ctx, input }) => setSimulatedFibre(ctx.svc, input)),
    degradeOnu: tenantProcedure("integration.manage")
      .input(degradeOnuInput)
      .mutation(({ ctx, input }) => degradeSimulatedOnu(ctx.svc, input)),
  }),
});
