// Tenants: created and suspended by platform staff; their settings, branding and tax rates
// edited by the tenant's own admins. Every change is audited.
import { type DbTx, db, type TenantDb } from "@/server/db";
import { conflict, isUniqueViolation, notFound } from "@/server/errors";
import type { Prisma } from "@/server/generated/prisma/client";
import { type ListInput, orderBy, pageArgs } from "@/server/list";
import { recordAudit } from "@/server/modules/audit";
import {
  builtInRole,
  createInvitationRecord,
  recentInvitations,
  sendInvitationEmail,
  tenantAdmins,
  userCountsByTenant,
} from "@/server/modules/identity";
import type { Actor, ServiceContext } from "@/server/service-context";
import type { CreateTenantInput, TenantSettingsInput } from "./schemas";
import { mergeSettings, publicSettings } from "./settings";

type Tenant = Prisma.TenantGetPayload<{ include: { taxRates: true } }>;

/** The tenant as callers see it: settings without secrets, tax rates in percent. */
function present(tenant: Tenant) {
  const { settings, taxRates, ...rest } = tenant;
  return {
    ...rest,
    settings: publicSettings(settings),
    taxRates: taxRates
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((r) => ({
        id: r.id,
        name: r.name,
        percent: r.basisPoints / 100,
        basisPoints: r.basisPoints,
        isDefault: r.isDefault,
      })),
  };
}

/** Audit snapshots: the tenant's columns and public settings (never secrets). */
function auditView(tenant: Tenant) {
  const { createdAt, updatedAt, ...rest } = present(tenant);
  return rest;
}

function tenantColumns(input: TenantSettingsInput) {
  return {
    name: input.name,
    legalName: input.legalName,
    currency: input.currency,
    timezone: input.timezone,
    locale: input.locale,
    billingDay: input.billingDay,
    invoicePrefix: input.invoicePrefix,
    pricesIncludeTax: input.pricesIncludeTax,
    brandName: input.brandName ?? null,
    logoUrl: input.logoUrl ?? null,
    primaryColor: input.primaryColor,
    accentColor: input.accentColor,
    supportEmail: input.supportEmail ?? null,
    supportPhone: input.supportPhone ?? null,
  };
}

/** Replaces the tenant's tax rates with the given list (kept by id or name, others removed). */
async function syncTaxRates(tx: DbTx, tenantId: string, rates: TenantSettingsInput["taxRates"]) {
  const existing = await tx.taxRate.findMany({ where: { tenantId } });
  const keep = new Set<string>();
  for (const rate of rates) {
    const match = existing.find(
      (e) => (rate.id && e.id === rate.id) || e.name.toLowerCase() === rate.name.toLowerCase(),
    );
    const data = { name: rate.name, basisPoints: Math.round(rate.percent * 100), isDefault: rate.isDefault };
    if (match) {
      keep.add(match.id);
      await tx.taxRate.update({ where: { id: match.id }, data });
    } else {
      const created = await tx.taxRate.create({ data: { ...data, tenantId } });
      keep.add(created.id);
    }
  }
  await tx.taxRate.deleteMany({ where: { tenantId, id: { notIn: [...keep] } } });
}

// ---------------------------------------------------------------------------------------
// Platform staff

export async function createTenant(actor: Actor, input: CreateTenantInput) {
  const adminRole = await builtInRole(db(), "tenant_admin");
  try {
    const { tenant, invitation, token } = await db().$transaction(async (tx) => {
      if (await tx.tenant.findUnique({ where: { slug: input.slug }, select: { id: true } }))
        throw conflict(`The slug "${input.slug}" is already taken; choose another`, { field: "slug" });
      const created = await tx.tenant.create({
        data: {
          slug: input.slug,
          ...tenantColumns(input),
          settings: mergeSettings({}, input) as Prisma.InputJsonValue,
        },
      });
      await syncTaxRates(tx, created.id, input.taxRates);
      const full = await tx.tenant.findUniqueOrThrow({ where: { id: created.id }, include: { taxRates: true } });
      await recordAudit(tx, {
        tenantId: created.id,
        actor,
        action: "tenant.create",
        targetType: "Tenant",
        targetId: created.id,
        after: auditView(full),
      });
      const invited = await createInvitationRecord(tx, {
        tenantId: created.id,
        email: input.firstAdmin.email,
        name: input.firstAdmin.name,
        roleId: adminRole.id,
        actor,
      });
      return { tenant: full, ...invited };
    });
    const email = await sendInvitationEmail(invitation.id, token, null);
    return { tenant: present(tenant), invitationId: invitation.id, emailStatus: email.status };
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict(`The slug "${input.slug}" is already taken; choose another`, { field: "slug" });
    throw error;
  }
}

/** The tenants in service, with their billing day (daily jobs run once per tenant). */
export async function activeTenants(): Promise<{ id: string; billingDay: number }[]> {
  return db().tenant.findMany({ where: { status: "ACTIVE" }, select: { id: true, billingDay: true } });
}

/**
 * A tenant's row — profile, billing defaults, settings JSON (modules read their own keys) —
 * with the caller's client, inside its transaction if it has one. Null for no such tenant.
 */
export async function loadTenant(client: DbTx | TenantDb, tenantId: string) {
  return client.tenant.findUnique({ where: { id: tenantId } });
}

/** The tenant's tax rates (id, name, basis points, which one is the default). */
export async function taxRatesOf(client: DbTx | TenantDb, tenantId: string) {
  return client.taxRate.findMany({
    where: { tenantId },
    select: { id: true, name: true, basisPoints: true, isDefault: true },
    orderBy: { basisPoints: "desc" },
  });
}

/** An active tenant by its slug (the first label of a tenant subdomain), or null. */
/** The tenant with that id, or null: the reader tenancy provides to identity (server/tenant-directory.ts). */
export async function readTenant(tenantId: string) {
  return loadTenant(db(), tenantId);
}

export async function tenantBySlug(slug: string) {
  return db().tenant.findFirst({ where: { slug: slug.toLowerCase(), status: "ACTIVE" } });
}

/** A tenant's settings JSON as stored (modules read their own keys from it), or null for no such tenant. */
export async function tenantSettingsOf(tenantId: string): Promise<{ settings: unknown } | null> {
  return db().tenant.findUnique({ where: { id: tenantId }, select: { settings: true } });
}

export async function listTenants(input: ListInput) {
  const status = input.filters?.status;
  const where: Prisma.TenantWhereInput = {
    ...(status === "ACTIVE" || status === "SUSPENDED" ? { status } : {}),
    ...(input.search
      ? {
          OR: [
            { name: { contains: input.search, mode: "insensitive" } },
            { slug: { contains: input.search, mode: "insensitive" } },
            { legalName: { contains: input.search, mode: "insensitive" } },
          ],
        }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db().tenant.findMany({
      where,
      select: {
        id: true,
        slug: true,
        name: true,
        legalName: true,
        status: true,
        currency: true,
        timezone: true,
        createdAt: true,
      },
      orderBy: orderBy(input, ["name", "slug", "createdAt", "status"], { createdAt: "desc" }),
      ...pageArgs(input),
    }),
    db().tenant.count({ where }),
  ]);
  const users = await userCountsByTenant(
    db(),
    rows.map((r) => r.id),
  );
  return { rows: rows.map((r) => ({ ...r, userCount: users.get(r.id) ?? 0 })), total };
}

export async function getTenant(id: string) {
  const tenant = await db().tenant.findUnique({ where: { id }, include: { taxRates: true } });
  if (!tenant) throw notFound("The tenant");
  const [admins, invitations] = await Promise.all([tenantAdmins(id), recentInvitations(id)]);
  return { ...present(tenant), admins, invitations };
}

/** Platform staff invite another admin to a tenant (e.g. when the first one left). */
export async function inviteTenantAdmin(
  actor: Actor,
  input: { tenantId: string; email: string; name?: string | null },
) {
  const tenant = await db().tenant.findUnique({ where: { id: input.tenantId } });
  if (!tenant) throw notFound("The tenant");
  const adminRole = await builtInRole(db(), "tenant_admin");
  const { invitation, token } = await db().$transaction((tx) =>
    createInvitationRecord(tx, {
      tenantId: tenant.id,
      email: input.email,
      name: input.name,
      roleId: adminRole.id,
      actor,
    }),
  );
  const email = await sendInvitationEmail(invitation.id, token, null);
  return { id: invitation.id, email: invitation.email, expiresAt: invitation.expiresAt, emailStatus: email.status };
}

export async function setTenantStatus(
  actor: Actor,
  input: { id: string; status: "ACTIVE" | "SUSPENDED"; reason?: string },
) {
  const tenant = await db().tenant.findUnique({ where: { id: input.id } });
  if (!tenant) throw notFound("The tenant");
  if (tenant.status === input.status) return { id: tenant.id, status: tenant.status };
  await db().$transaction(async (tx) => {
    await tx.tenant.update({ where: { id: tenant.id }, data: { status: input.status } });
    await recordAudit(tx, {
      tenantId: tenant.id,
      actor,
      action: input.status === "SUSPENDED" ? "tenant.suspend" : "tenant.reactivate",
      targetType: "Tenant",
      targetId: tenant.id,
      before: { status: tenant.status },
      after: { status: input.status, reason: input.reason ?? null },
    });
  });
  return { id: tenant.id, status: input.status };
}

// ---------------------------------------------------------------------------------------
// The tenant's own admins

export async function getTenantSettings(svc: ServiceContext) {
  const tenant = await db().tenant.findUnique({ where: { id: svc.tenantId }, include: { taxRates: true } });
  if (!tenant) throw notFound("The tenant");
  return present(tenant);
}

export async function updateTenantSettings(svc: ServiceContext, input: TenantSettingsInput) {
  const before = await db().tenant.findUnique({ where: { id: svc.tenantId }, include: { taxRates: true } });
  if (!before) throw notFound("The tenant");
  const after = await db().$transaction(async (tx) => {
    await tx.tenant.update({
      where: { id: svc.tenantId },
      data: { ...tenantColumns(input), settings: mergeSettings(before.settings, input) as Prisma.InputJsonValue },
    });
    await syncTaxRates(tx, svc.tenantId, input.taxRates);
    const updated = await tx.tenant.findUniqueOrThrow({ where: { id: svc.tenantId }, include: { taxRates: true } });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "tenant.update_settings",
      targetType: "Tenant",
      targetId: svc.tenantId,
      before: auditView(before),
      after: auditView(updated),
    });
    return updated;
  });
  return present(after);
}

const PROFILE = {
  id: true,
  slug: true,
  name: true,
  brandName: true,
  logoUrl: true,
  primaryColor: true,
  accentColor: true,
  currency: true,
  timezone: true,
  locale: true,
  status: true,
} as const;

/** The formatting facts every page needs (currency, timezone, locale, brand). */
export async function getTenantProfile(tenantId: string) {
  const tenant = await db().tenant.findUnique({ where: { id: tenantId }, select: PROFILE });
  if (!tenant) throw notFound("The tenant");
  return tenant;
}
