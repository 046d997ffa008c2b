// Work order procedures: dispatchers create, assign and schedule; technicians move their own
// orders along, record what they found and complete. Mutations a phone may replay from its
// offline queue take an idempotency key: the same key and input apply once.
import { z } from "zod";
import { forbidden } from "@/server/errors";
import { withIdempotency } from "@/server/idempotency";
import { listCoverageAreas } from "@/server/modules/serviceability";
import type { ServiceContext } from "@/server/service-context";
import { t } from "@/server/trpc/init";
import { tenantProcedure } from "@/server/trpc/procedures";
import { assignWorkOrder } from "./assign";
import { completeWorkOrder } from "./complete-work-order";
import { createWorkOrder } from "./create-work-order";
import { getWorkOrder, installProvisioning, listWorkOrders, technicianDay } from "./list-work-orders";
import type { Scope } from "./load";
import { moveInput, moveWorkOrder } from "./progress";
import { addWorkOrderPhoto, recordFindings, signWorkOrder } from "./record";
import {
  assignInput,
  createWorkOrderInput,
  listWorkOrdersInput,
  recordInput,
  slotSearchInput,
  technicianProfileInput,
} from "./schemas";
import {
  listTechnicians,
  removeTechnician,
  saveTechnicianProfile,
  searchTimeSlots,
  technicianCandidates,
} from "./technicians";

const id = z.object({ id: z.string().uuid() });
const key = { idempotencyKey: z.string().min(8).max(200).optional() };

type User = { id: string; permissions: Set<string> };
/** Dispatchers act on any order; everyone else on the orders assigned to them. */
const scopeOf = (user: User): Scope => (user.permissions.has("workorder.dispatch") ? {} : { onlyAssignee: user.id });

/** Runs `work` once per idempotency key (the key is not part of the request compared). */
function once<T>(svc: ServiceContext, scope: string, input: { idempotencyKey?: string }, work: () => Promise<T>) {
  const { idempotencyKey, ...request } = input;
  return withIdempotency(svc, `workorder.${scope}`, idempotencyKey, request, work);
}

const base64 = z.string().max(3_000_000, "The image is larger than 2 MB");
const bytesOf = (b64: string) => new Uint8Array(Buffer.from(b64, "base64"));

export const workordersRouter = t.router({
  list: tenantProcedure("workorder.read")
    .input(listWorkOrdersInput)
    .query(({ ctx, input }) => listWorkOrders(ctx.svc, input)),
  get: tenantProcedure("workorder.read")
    .input(id)
    .query(({ ctx, input }) => getWorkOrder(ctx.svc, input.id)),
  myDay: tenantProcedure("workorder.read")
    .input(z.object({ day: z.coerce.date().optional() }))
    .query(({ ctx, input }) => technicianDay(ctx.svc, ctx.user.id, input.day ?? new Date())),
  provisioning: tenantProcedure("workorder.read")
    .input(z.object({ workOrderId: z.string().uuid() }))
    .query(({ ctx, input }) => installProvisioning(ctx.svc, input.workOrderId)),
  technicians: tenantProcedure("workorder.dispatch").query(({ ctx }) => listTechnicians(ctx.svc)),
  /** The zones technicians work in: the coverage areas. */
  zones: tenantProcedure("workorder.dispatch").query(async ({ ctx }) =>
    (await listCoverageAreas(ctx.svc)).map((a) => ({ id: a.id, name: a.name })),
  ),
  /** Staff who may work orders and are not technicians yet. */
  technicianCandidates: tenantProcedure("workorder.dispatch").query(({ ctx }) => technicianCandidates(ctx.svc)),
  saveTechnician: tenantProcedure("workorder.dispatch")
    .input(technicianProfileInput)
    .mutation(({ ctx, input }) => saveTechnicianProfile(ctx.svc, input)),
  removeTechnician: tenantProcedure("workorder.dispatch")
    .input(z.object({ userId: z.string().uuid() }))
    .mutation(({ ctx, input }) => removeTechnician(ctx.svc, input.userId)),
  slots: tenantProcedure("workorder.dispatch")
    .input(slotSearchInput)
    .query(({ ctx, input }) => searchTimeSlots(ctx.svc, input)),
  create: tenantProcedure("workorder.dispatch")
    .input(createWorkOrderInput)
    .mutation(({ ctx, input }) => createWorkOrder(ctx.svc, input)),
  assign: tenantProcedure("workorder.dispatch")
    .input(assignInput)
    .mutation(({ ctx, input }) => assignWorkOrder(ctx.svc, input)),
  move: tenantProcedure("workorder.write")
    .input(moveInput.extend(key))
    .mutation(({ ctx, input }) => {
      if (input.to === "CANCELLED" && !ctx.user.permissions.has("workorder.dispatch"))
        throw forbidden("Only a dispatcher can cancel an order");
      return once(ctx.svc, "move", input, () => moveWorkOrder(ctx.svc, input, scopeOf(ctx.user)));
    }),
  record: tenantProcedure("workorder.write")
    .input(recordInput.extend(key))
    .mutation(({ ctx, input }) =>
      once(ctx.svc, "record", input, () => recordFindings(ctx.svc, input, scopeOf(ctx.user))),
    ),
  addPhoto: tenantProcedure("workorder.write")
    .input(z.object({ workOrderId: z.string().uuid(), base64, caption: z.string().max(200).optional(), ...key }))
    .mutation(({ ctx, input }) =>
      once(ctx.svc, "photo", input, () =>
        addWorkOrderPhoto(
          ctx.svc,
          { workOrderId: input.workOrderId, bytes: bytesOf(input.base64), caption: input.caption },
          scopeOf(ctx.user),
        ),
      ),
    ),
  sign: tenantProcedure("workorder.write")
    .input(z.object({ workOrderId: z.string().uuid(), signedBy: z.string().max(200), base64, ...key }))
    .mutation(({ ctx, input }) =>
      once(ctx.svc, "sign", input, () =>
        signWorkOrder(
          ctx.svc,
          { workOrderId: input.workOrderId, signedBy: input.signedBy, png: bytesOf(input.base64) },
          scopeOf(ctx.user),
        ),
      ),
    ),
  complete: tenantProcedure("workorder.write")
    .input(z.object({ workOrderId: z.string().uuid(), ...key }))
    .mutation(({ ctx, input }) =>
      once(ctx.svc, "complete", input, () => completeWorkOrder(ctx.svc, input.workOrderId, scopeOf(ctx.user))),
    ),
});
