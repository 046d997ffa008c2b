import { z } from "zod";
import { listInput } from "@/server/list";
import { t } from "@/server/trpc/init";
import { tenantProcedure } from "@/server/trpc/procedures";
import { createPoolInput, createVlanInput, listAddressesInput, reserveInput } from "./schemas";
import {
  allocateAddress,
  createPool,
  createVlan,
  deletePool,
  getPool,
  listAddresses,
  listPools,
  listVlans,
  releaseAddress,
  reserveAddress,
} from "./service";

const id = z.object({ id: z.string().uuid() });

export const ipamRouter = t.router({
  pools: t.router({
    list: tenantProcedure("network.read")
      .input(listInput)
      .query(({ ctx, input }) => listPools(ctx.svc, input)),
    get: tenantProcedure("network.read")
      .input(id)
      .query(({ ctx, input }) => getPool(ctx.svc, input.id)),
    create: tenantProcedure("network.write")
      .input(createPoolInput)
      .mutation(({ ctx, input }) => createPool(ctx.svc, input)),
    delete: tenantProcedure("network.write")
      .input(id)
      .mutation(({ ctx, input }) => deletePool(ctx.svc, input.id)),
  }),
  addresses: t.router({
    list: tenantProcedure("network.read")
      .input(listAddressesInput)
      .query(({ ctx, input }) => listAddresses(ctx.svc, input)),
    allocate: tenantProcedure("network.write")
      .input(z.object({ poolId: z.string().uuid(), description: z.string().max(200).optional() }))
      .mutation(({ ctx, input }) => allocateAddress(ctx.svc, input.poolId, { description: input.description })),
    reserve: tenantProcedure("network.write")
      .input(reserveInput)
      .mutation(({ ctx, input }) => reserveAddress(ctx.svc, input)),
    release: tenantProcedure("network.write")
      .input(id)
      .mutation(({ ctx, input }) => releaseAddress(ctx.svc, input.id)),
  }),
  vlans: t.router({
    list: tenantProcedure("network.read")
      .input(listInput)
      .query(({ ctx, input }) => listVlans(ctx.svc, input)),
    create: tenantProcedure("network.write")
      .input(createVlanInput)
      .mutation(({ ctx, input }) => createVlan(ctx.svc, input)),
  }),
});
