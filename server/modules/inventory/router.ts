// Inventory procedures: models, locations, stock and minimums, and the equipment movements.
// Each validates, declares its permission and calls one use case.
import { z } from "zod";
import { listInput } from "@/server/list";
import { t } from "@/server/trpc/init";
import { tenantProcedure } from "@/server/trpc/procedures";
import { importDeliveryCsv } from "./csv-import";
import {
  assignEquipment,
  equipmentHistory,
  inspectEquipment,
  receiveEquipment,
  returnEquipment,
  transferEquipment,
} from "./equipment";
import { listLocations, standingLocation } from "./locations";
import { createModel, listModels } from "./models";
import {
  listEquipmentReturns,
  portalEquipmentToReturn,
  returnPolicy,
  returnPolicyInput,
  runEquipmentReturns,
  setReturnPolicy,
} from "./returns";
import {
  assignInput,
  inspectInput,
  LOCATION_KINDS,
  modelInput,
  receiveInput,
  returnInput,
  serialSchema,
  transferInput,
} from "./schemas";
import { setMinimum, stockReport, vanStock } from "./stock";

const uuid = z.string().uuid();

export const inventoryRouter = t.router({
  // J4: what disconnected subscribers owe back, the policy, and the daily pass on demand.
  returns: t.router({
    list: tenantProcedure("inventory.read")
      .input(listInput)
      .query(({ ctx, input }) => listEquipmentReturns(ctx.svc, input)),
    policy: tenantProcedure("inventory.read").query(({ ctx }) => returnPolicy(ctx.svc)),
    setPolicy: tenantProcedure("inventory.write")
      .input(returnPolicyInput)
      .mutation(({ ctx, input }) => setReturnPolicy(ctx.svc, input)),
    runNow: tenantProcedure("inventory.write").mutation(({ ctx }) => runEquipmentReturns(ctx.svc)),
    /** The subscriber portal: what their service has fitted, to give back if they cancel. */
    portalToReturn: tenantProcedure("portal.self")
      .input(z.object({ subscriberId: uuid }))
      .query(({ ctx, input }) => portalEquipmentToReturn(ctx.svc, ctx.user.customerId, input.subscriberId)),
  }),
  models: tenantProcedure("inventory.read").query(({ ctx }) => listModels(ctx.svc)),
  createModel: tenantProcedure("inventory.write")
    .input(modelInput)
    .mutation(({ ctx, input }) => createModel(ctx.svc, input)),
  locations: tenantProcedure("inventory.read")
    .input(z.object({ kind: z.enum(LOCATION_KINDS).optional() }))
    .query(({ ctx, input }) => listLocations(ctx.svc, input.kind)),
  createWarehouse: tenantProcedure("inventory.write")
    .input(z.object({ name: z.string().trim().min(2).max(80) }))
    .mutation(({ ctx, input }) => standingLocation(ctx.svc, "WAREHOUSE", input.name)),
  stock: tenantProcedure("inventory.read")
    .input(z.object({ locationId: uuid.optional() }))
    .query(({ ctx, input }) => stockReport(ctx.svc, input.locationId)),
  setMinimum: tenantProcedure("inventory.write")
    .input(z.object({ locationId: uuid, modelId: uuid, quantity: z.number().int().min(0) }))
    .mutation(({ ctx, input }) => setMinimum(ctx.svc, input)),
  myVan: tenantProcedure("inventory.read").query(({ ctx }) => vanStock(ctx.svc, ctx.user.id)),
  receive: tenantProcedure("inventory.write")
    .input(receiveInput)
    .mutation(({ ctx, input }) => receiveEquipment(ctx.svc, input)),
  importCsv: tenantProcedure("inventory.write")
    .input(z.object({ locationId: uuid, csv: z.string().max(2_000_000) }))
    .mutation(({ ctx, input }) => importDeliveryCsv(ctx.svc, input)),
  transfer: tenantProcedure("inventory.write")
    .input(transferInput)
    .mutation(({ ctx, input }) => transferEquipment(ctx.svc, input)),
  assign: tenantProcedure("inventory.write")
    .input(assignInput)
    .mutation(({ ctx, input }) => assignEquipment(ctx.svc, input)),
  return: tenantProcedure("inventory.write")
    .input(returnInput)
    .mutation(({ ctx, input }) => returnEquipment(ctx.svc, input)),
  inspect: tenantProcedure("inventory.write")
    .input(inspectInput)
    .mutation(({ ctx, input }) => inspectEquipment(ctx.svc, input)),
  history: tenantProcedure("inventory.read")
    .input(z.object({ serial: serialSchema }))
    .query(async ({ ctx, input }) => {
      const h = await equipmentHistory(ctx.svc, input.serial);
      return { item: h.item, location: h.location, movements: h.movements, locations: [...h.locations.values()] };
    }),
});
