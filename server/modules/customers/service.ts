// Customers: the paying party (person or business), its contacts, billing address and the
// service addresses where subscribers are installed.
import type { DbTx, TenantDb } from "@/server/db";
import { conflict, isForeignKeyViolation, notFound } from "@/server/errors";
import type { Prisma } from "@/server/generated/prisma/client";
import { type ListInput, orderBy, pageArgs } from "@/server/list";
import { recordAudit } from "@/server/modules/audit";
import type { ServiceContext } from "@/server/service-context";
import { customerChanged, customerServiceCounts } from "./events";
import {
  type ContactInput,
  type CustomerInput,
  contactInput,
  customerInput,
  customerUpdateInput,
  type ServiceAddressInput,
  serviceAddressInput,
} from "./schemas";

type CustomerSearchFields = {
  number: string;
  name: string;
  companyName?: string | null;
  email: string;
  phone?: string | null;
};

export function customerSearchText(c: CustomerSearchFields) {
  const phoneDigits = c.phone?.replace(/\D/g, "");
  return [c.number, c.name, c.companyName, c.email, c.phone, phoneDigits].filter(Boolean).join(" ").toLowerCase();
}

async function nextCustomerNumber(tx: { customer: { count(args: object): Promise<number> } }) {
  const n = (await tx.customer.count({})) + 1;
  return `C${String(n).padStart(6, "0")}`;
}

export async function listCustomers(svc: ServiceContext, input: ListInput) {
  const where: Prisma.CustomerWhereInput = {};
  if (input.search) where.searchText = { contains: input.search.toLowerCase() };
  if (input.filters?.kind === "PERSON" || input.filters?.kind === "BUSINESS") where.kind = input.filters.kind;
  const [rows, total] = await Promise.all([
    svc.db.customer.findMany({
      where,
      orderBy: orderBy(input, ["name", "number", "createdAt", "email"], { createdAt: "desc" }),
      ...pageArgs(input),
      select: {
        id: true,
        number: true,
        kind: true,
        name: true,
        companyName: true,
        email: true,
        phone: true,
        billingCity: true,
        createdAt: true,
      },
    }),
    svc.db.customer.count({ where }),
  ]);
  const counts = await customerServiceCounts(
    svc,
    rows.map((c) => c.id),
  );
  return { rows: rows.map((c) => ({ ...c, subscriberCount: counts.get(c.id) ?? 0 })), total };
}

export async function getCustomer(svc: ServiceContext, id: string) {
  const customer = await svc.db.customer.findFirst({
    where: { id },
    include: {
      contacts: { orderBy: { createdAt: "asc" } },
      serviceAddresses: { orderBy: { createdAt: "asc" } },
    },
  });
  if (!customer) throw notFound("Customer");
  return customer;
}

export async function createCustomer(svc: ServiceContext, raw: CustomerInput) {
  const { contacts, serviceAddresses, ...data } = customerInput.parse(raw);
  return svc.db.$transaction(async (tx) => {
    const number = await nextCustomerNumber(tx);
    let customer: Awaited<ReturnType<typeof tx.customer.create>>;
    try {
      customer = await tx.customer.create({
        data: {
          ...data,
          tenantId: svc.tenantId,
          number,
          searchText: customerSearchText({ ...data, number }),
          contacts: contacts?.length ? { create: contacts.map((c) => ({ ...c, tenantId: svc.tenantId })) } : undefined,
          serviceAddresses: serviceAddresses?.length
            ? { create: serviceAddresses.map((a) => ({ ...a, tenantId: svc.tenantId })) }
            : undefined,
        },
      });
    } catch (error) {
      if ((error as { code?: string }).code === "P2002")
        throw conflict("Two customers were created at once; try again");
      throw error;
    }
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "customer.create",
      targetType: "Customer",
      targetId: customer.id,
      after: { ...customer, contacts, serviceAddresses },
    });
    return customer;
  });
}

export async function updateCustomer(svc: ServiceContext, id: string, raw: unknown) {
  const { data } = customerUpdateInput.parse({ id, data: raw });
  return svc.db.$transaction(async (tx) => {
    const before = await tx.customer.findFirst({ where: { id } });
    if (!before) throw notFound("Customer");
    const merged = { ...before, ...data };
    const customer = await tx.customer.update({
      where: { id },
      data: { ...data, searchText: customerSearchText(merged) },
    });
    // Subscribers follow their customer (search text; partner when it changed).
    await customerChanged(tx, {
      customerId: id,
      ...(data.partnerId !== undefined && data.partnerId !== before.partnerId ? { partnerId: data.partnerId } : {}),
    });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "customer.update",
      targetType: "Customer",
      targetId: id,
      before,
      after: customer,
    });
    return customer;
  });
}

export async function addServiceAddress(svc: ServiceContext, customerId: string, raw: ServiceAddressInput) {
  const data = serviceAddressInput.parse(raw);
  return svc.db.$transaction(async (tx) => {
    const customer = await tx.customer.findFirst({ where: { id: customerId } });
    if (!customer) throw notFound("Customer");
    const address = await tx.serviceAddress.create({ data: { ...data, customerId, tenantId: svc.tenantId } });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "customer.address.add",
      targetType: "ServiceAddress",
      targetId: address.id,
      after: address,
    });
    return address;
  });
}

export async function updateServiceAddress(svc: ServiceContext, id: string, raw: Partial<ServiceAddressInput>) {
  const data = serviceAddressInput.partial().parse(raw);
  return svc.db.$transaction(async (tx) => {
    const before = await tx.serviceAddress.findFirst({ where: { id } });
    if (!before) throw notFound("Service address");
    const address = await tx.serviceAddress.update({ where: { id }, data });
    await customerChanged(tx, { serviceAddressId: id });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "customer.address.update",
      targetType: "ServiceAddress",
      targetId: id,
      before,
      after: address,
    });
    return address;
  });
}

export async function removeServiceAddress(svc: ServiceContext, id: string) {
  try {
    return await svc.db.$transaction(async (tx) => {
      const before = await tx.serviceAddress.findFirst({ where: { id } });
      if (!before) throw notFound("Service address");
      // A subscriber installed here holds the address: its foreign key refuses the delete.
      await tx.serviceAddress.delete({ where: { id } });
      await recordAudit(tx, {
        tenantId: svc.tenantId,
        actor: svc.actor,
        action: "customer.address.remove",
        targetType: "ServiceAddress",
        targetId: id,
        before,
      });
      return { id };
    });
  } catch (error) {
    if (isForeignKeyViolation(error))
      throw conflict("A subscriber is installed at this address; move or terminate it first");
    throw error;
  }
}

export async function addContact(svc: ServiceContext, customerId: string, raw: ContactInput) {
  const data = contactInput.parse(raw);
  return svc.db.$transaction(async (tx) => {
    const customer = await tx.customer.findFirst({ where: { id: customerId } });
    if (!customer) throw notFound("Customer");
    const contact = await tx.customerContact.create({ data: { ...data, customerId, tenantId: svc.tenantId } });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "customer.contact.add",
      targetType: "CustomerContact",
      targetId: contact.id,
      after: contact,
    });
    return contact;
  });
}

export async function removeContact(svc: ServiceContext, id: string) {
  return svc.db.$transaction(async (tx) => {
    const before = await tx.customerContact.findFirst({ where: { id } });
    if (!before) throw notFound("Contact");
    await tx.customerContact.delete({ where: { id } });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "customer.contact.remove",
      targetType: "CustomerContact",
      targetId: id,
      before,
    });
    return { id };
  });
}

/**
 * The customer a sender address belongs to (the customer's own email, then a contact's), for
 * pairing inbound email; null when none or when the address is ambiguous.
 */
export async function findCustomerByEmail(svc: ServiceContext, email: string) {
  const address = email.trim().toLowerCase();
  const own = await svc.db.customer.findMany({
    where: { email: { equals: address, mode: "insensitive" } },
    select: { id: true, name: true, partnerId: true },
    take: 2,
  });
  if (own.length === 1) return own[0] ?? null;
  if (own.length > 1) return null;
  const contacts = await svc.db.customerContact.findMany({
    where: { email: { equals: address, mode: "insensitive" } },
    select: { customer: { select: { id: true, name: true, partnerId: true } } },
    take: 2,
  });
  return contacts.length === 1 ? (contacts[0]?.customer ?? null) : null;
}

/** A customer's own row (no relations), or null: for other modules that bill or notify it. */
export async function findCustomer(svc: ServiceContext, id: string) {
  return svc.db.customer.findFirst({ where: { id } });
}

/** The ids of the customers whose name, number or email contains `text`; at most `take`. */
export async function customerIdsMatching(svc: ServiceContext, text: string, take = 1000): Promise<string[]> {
  const contains = { contains: text, mode: "insensitive" as const };
  const rows = await svc.db.customer.findMany({
    where: { OR: [{ name: contains }, { number: contains }, { email: contains }] },
    select: { id: true },
    take,
  });
  return rows.map((r) => r.id);
}

/** Name, number and partner of these customers, in one query: for other modules' lists. */
export async function customerSummaries(svc: ServiceContext, ids: string[]) {
  if (ids.length === 0) return [];
  return svc.db.customer.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true, number: true, partnerId: true },
  });
}

/** Whole customer rows by id (billing's bill-to), read inside the caller's transaction. */
export async function customersByIds(client: DbTx | TenantDb, tenantId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return client.customer.findMany({ where: { tenantId, id: { in: ids } } });
}

/** Some service addresses of the tenant, e.g. those its subscribers are installed at. */
export async function serviceAddressesByIds(client: DbTx | TenantDb, tenantId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return client.serviceAddress.findMany({ where: { tenantId, id: { in: ids } } });
}

/** The customer's first service address, or null. */
export async function firstServiceAddressOf(svc: ServiceContext, customerId: string) {
  return svc.db.serviceAddress.findFirst({ where: { customerId }, orderBy: { createdAt: "asc" } });
}

/** A service address (no relations), or null: for the subscribers installed there. */
export async function findServiceAddress(svc: ServiceContext, id: string) {
  return svc.db.serviceAddress.findFirst({ where: { id } });
}

/** The customers some partners own (partner dashboards, commissions). */
export async function customersOfPartners(svc: ServiceContext, partnerIds: readonly string[]) {
  if (partnerIds.length === 0) return [];
  return svc.db.customer.findMany({
    where: { partnerId: { in: [...partnerIds] } },
    select: { id: true, number: true, name: true, companyName: true, partnerId: true, createdAt: true },
    orderBy: { createdAt: "asc" },
  });
}
