import { z } from "zod";
import { t } from "@/server/trpc/init";
import { tenantProcedure } from "@/server/trpc/procedures";
import { customerServices } from "./events";
import { inviteToPortal } from "./portal-invite";
import { contactInput, customerInput, customerListInput, customerUpdateInput, serviceAddressInput } from "./schemas";
import {
  addContact,
  addServiceAddress,
  createCustomer,
  getCustomer,
  listCustomers,
  removeContact,
  removeServiceAddress,
  updateCustomer,
  updateServiceAddress,
} from "./service";

const id = z.object({ id: z.string().uuid() });

export const customersRouter = t.router({
  list: tenantProcedure("customer.read")
    .input(customerListInput)
    .query(({ ctx, input }) => listCustomers(ctx.svc, input)),
  get: tenantProcedure("customer.read")
    .input(id)
    .query(async ({ ctx, input }) => ({
      ...(await getCustomer(ctx.svc, input.id)),
      subscribers: await customerServices(ctx.svc, input.id),
    })),
  create: tenantProcedure("customer.write")
    .input(customerInput)
    .mutation(({ ctx, input }) => createCustomer(ctx.svc, input)),
  update: tenantProcedure("customer.write")
    .input(customerUpdateInput)
    .mutation(({ ctx, input }) => updateCustomer(ctx.svc, input.id, input.data)),
  addServiceAddress: tenantProcedure("customer.write")
    .input(z.object({ customerId: z.string().uuid(), address: serviceAddressInput }))
    .mutation(({ ctx, input }) => addServiceAddress(ctx.svc, input.customerId, input.address)),
  updateServiceAddress: tenantProcedure("customer.write")
    .input(z.object({ id: z.string().uuid(), address: serviceAddressInput.partial() }))
    .mutation(({ ctx, input }) => updateServiceAddress(ctx.svc, input.id, input.address)),
  removeServiceAddress: tenantProcedure("customer.write")
    .input(id)
    .mutation(({ ctx, input }) => removeServiceAddress(ctx.svc, input.id)),
  addContact: tenantProcedure("customer.write")
    .input(z.object({ customerId: z.string().uuid(), contact: contactInput }))
    .mutation(({ ctx, input }) => addContact(ctx.svc, input.customerId, input.contact)),
  /** Invites the customer to the subscriber portal (its own account). */
  inviteToPortal: tenantProcedure("customer.write")
    .input(z.object({ customerId: z.string().uuid(), email: z.email("Enter a valid email address").nullish() }))
    .mutation(({ ctx, input }) => inviteToPortal(ctx.svc, input)),
  removeContact: tenantProcedure("customer.write")
    .input(id)
    .mutation(({ ctx, input }) => removeContact(ctx.svc, input.id)),
});
