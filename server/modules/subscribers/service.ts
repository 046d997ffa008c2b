// Subscribers: one service at one address with its access credentials, plan, lifecycle
// status and equipment identifiers. Every change that FreeRADIUS must see writes the RADIUS
// rows in the same transaction (server/modules/radius/rows.ts).

import { randomBytes } from "node:crypto";
import type { DbTx } from "@/server/db";
import { conflict, invalid, isUniqueViolation, notFound } from "@/server/errors";
import type { Prisma } from "@/server/generated/prisma/client";
import type { SubscriberStatus, SuspendReason } from "@/server/generated/prisma/enums";
import { withIdempotency } from "@/server/idempotency";
import { enqueueJob } from "@/server/jobs";
import { type ListInput, orderBy, pageArgs } from "@/server/list";
import { auditTrail, recordAudit } from "@/server/modules/audit";
import { findPlan } from "@/server/modules/catalog";
import { findCustomer, findServiceAddress } from "@/server/modules/customers";
import {
  deleteSubscriberRadius,
  getNas,
  hasSubscriberRadius,
  provisionRadius,
  suspensionModeOf,
  syncPlanGroups,
  writeSubscriberRadius,
} from "@/server/modules/radius";
import { loadTenant } from "@/server/modules/tenancy";
import { publishWebhookEvent, type WebhookEventType } from "@/server/modules/webhooks";
import type { ServiceContext } from "@/server/service-context";
import { tenantSql } from "@/server/sql";
import { canTransition, transitionError } from "./lifecycle";
import { relatedOf, withDetails } from "./related";
import {
  type CreateSubscriberInput,
  createSubscriberInput,
  passwordSchema,
  type SubscriberFieldsInput,
  subscriberFields,
} from "./schemas";
import { normalizeMac, subscriberSearchText } from "./search";

// biome-ignore lint/suspicious/noExplicitAny: the scoped transaction client
type Tx = any;

const SUSPEND_REASONS: SuspendReason[] = ["NON_PAYMENT", "FRAUD", "REQUESTED", "ADMINISTRATIVE"];

/** Subscriber without its password (for lists, audit rows and API answers). */
export function withoutPassword<T extends { password?: string }>(s: T): Omit<T, "password"> {
  const { password: _password, ...rest } = s;
  return rest;
}

export function generatePassword() {
  // 12 characters from an alphabet without look-alikes.
  const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = randomBytes(12);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}

async function generateUsername(svc: ServiceContext) {
  const tenant = await loadTenant(svc.db, svc.tenantId);
  const prefix = (tenant?.slug ?? "sub")
    .replace(/[^a-z0-9]/gi, "")
    .slice(0, 12)
    .toLowerCase();
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}

/** The subscriber with what its search text is made of (its customer and service address). */
async function loadForSearch(tx: Tx, svc: ServiceContext, id: string) {
  const sub = await tx.subscriber.findFirst({ where: { id } });
  return sub && withDetails(tx, svc.tenantId, sub);
}

/** Rewrites the RADIUS rows after a change, if the subscriber has (or should have) them. */
async function syncRadius(tx: Tx, svc: ServiceContext, subscriberId: string, force = false) {
  const sub = await tx.subscriber.findFirst({ where: { id: subscriberId } });
  if (!sub) return;
  if (sub.status === "TERMINATED") {
    await deleteSubscriberRadius(tx, sub.id);
    return;
  }
  const provisioned = force || (await hasSubscriberRadius(tx, subscriberId));
  if (!provisioned) return;
  await writeSubscriberRadius(tx, sub, await suspensionModeOf(tx, svc.tenantId));
}

export async function listSubscribers(svc: ServiceContext, input: ListInput) {
  const where: Prisma.SubscriberWhereInput = {};
  if (input.search) {
    const term = input.search.toLowerCase();
    const mac = /^([0-9a-f]{2}[:-]?){5}[0-9a-f]{2}$/i.test(term) ? normalizeMac(term) : term;
    where.searchText = { contains: mac };
  }
  const f = input.filters ?? {};
  if (f.status) where.status = f.status as SubscriberStatus;
  if (f.planId) where.planId = f.planId;
  if (f.customerId) where.customerId = f.customerId;
  const [rows, total] = await Promise.all([
    svc.db.subscriber.findMany({
      where,
      orderBy: orderBy(input, ["username", "status", "createdAt", "activatedAt"], { createdAt: "desc" }),
      ...pageArgs(input),
      select: {
        id: true,
        username: true,
        status: true,
        accessType: true,
        onuSerial: true,
        cpeMac: true,
        ipv4Address: true,
        staticIpv4: true,
        createdAt: true,
        activatedAt: true,
        customerId: true,
        planId: true,
        serviceAddressId: true,
      },
    }),
    svc.db.subscriber.count({ where }),
  ]);
  const r = await relatedOf(svc.db, svc.tenantId, rows);
  return {
    rows: rows.map(({ customerId, planId, serviceAddressId, ...row }) => {
      const customer = r.customer(customerId);
      const plan = r.plan(planId);
      const address = r.address(serviceAddressId);
      return {
        ...row,
        customer: { id: customer.id, name: customer.name, phone: customer.phone },
        plan: { id: plan.id, name: plan.name },
        serviceAddress: address && { line1: address.line1, city: address.city, postcode: address.postcode },
      };
    }),
    total,
  };
}

/** The subscriber with customer, address and plan (password included: internal callers need it). */
/** The subscriber with this RADIUS username, or null. */
export async function findSubscriberByUsername(svc: ServiceContext, username: string) {
  return svc.db.subscriber.findFirst({ where: { username } });
}

/** The customer's oldest live (active or suspended) subscriber, or null. */
export async function firstLiveSubscriberOf(svc: ServiceContext, customerId: string) {
  return svc.db.subscriber.findFirst({
    where: { customerId, status: { in: ["ACTIVE", "SUSPENDED"] } },
    orderBy: { createdAt: "asc" },
  });
}

/** The PPPoE credentials and MAC each live subscriber's CPE was configured with (the BNG simulator dials them). */
export async function liveCpeCredentials(svc: ServiceContext) {
  const rows = await svc.db.subscriber.findMany({
    where: { status: { in: ["ACTIVE", "SUSPENDED"] } },
    select: { username: true, password: true, cpeMac: true },
    orderBy: { username: "asc" },
  });
  return rows;
}

export async function getSubscriber(svc: ServiceContext, id: string) {
  const sub = await svc.db.subscriber.findFirst({ where: { id } });
  if (!sub) throw notFound("Subscriber");
  return withDetails(svc.db, svc.tenantId, sub);
}

/** Rewrites the subscriber's RADIUS rows from its current plan and status (the sagas' RADIUS step). */
export async function provisionSubscriberRadius(svc: ServiceContext, id: string) {
  const sub = await getSubscriber(svc, id);
  return provisionRadius(svc, sub, sub.plan);
}

/**
 * The customer, plan, service address and NAS a new subscriber names exist in this tenant (the
 * tenant-scoped `db` finds nothing of another's) — checked before a provisioning job starts, so
 * another tenant's ids never reach the orchestration (issue #11.10).
 */
export async function assertSubscriberRefs(
  svc: ServiceContext,
  input: { customerId: string; planId: string; serviceAddressId?: string | null; nasId?: number | null },
) {
  const customer = await findCustomer(svc, input.customerId);
  if (!customer) throw notFound("Customer");
  const plan = await findPlan(svc, input.planId);
  if (!plan) throw notFound("Plan");
  if (!plan.active) throw invalid(`Plan ${plan.name} is retired; choose an active plan`);
  if (input.serviceAddressId) {
    const address = await findServiceAddress(svc, input.serviceAddressId);
    if (!address || address.customerId !== customer.id)
      throw invalid("The service address must belong to the subscriber's customer");
  }
  if (input.nasId) await getNas(svc, input.nasId);
  return { customer, plan };
}

export async function createSubscriber(svc: ServiceContext, raw: CreateSubscriberInput) {
  const { idempotencyKey, ...input } = createSubscriberInput.parse(raw);
  return withIdempotency(svc, "subscriber.create", idempotencyKey, input, async () => {
    try {
      const { customer } = await assertSubscriberRefs(svc, input);
      const username = input.username ?? (await generateUsername(svc));
      return await svc.db.$transaction(async (tx) => {
        const password = input.password ?? generatePassword();
        const cpeMac = input.cpeMac ? normalizeMac(input.cpeMac) : input.cpeMac;
        const created = await tx.subscriber.create({
          // A partner's customer's service is the partner's too (its scope and commissions).
          data: {
            ...input,
            partnerId: input.partnerId ?? customer.partnerId,
            cpeMac,
            username,
            password,
            tenantId: svc.tenantId,
            status: "PENDING",
          },
        });
        const full = await loadForSearch(tx, svc, created.id);
        const sub = await withDetails(
          tx as unknown as DbTx,
          svc.tenantId,
          await tx.subscriber.update({ where: { id: created.id }, data: { searchText: subscriberSearchText(full) } }),
        );
        await recordAudit(tx, {
          tenantId: svc.tenantId,
          actor: svc.actor,
          action: "subscriber.create",
          targetType: "Subscriber",
          targetId: sub.id,
          after: withoutPassword(created),
        });
        return sub;
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw conflict(
          `The username "${raw.username}" is taken (usernames are unique across all ISPs); choose another`,
        );
      throw error;
    }
  });
}

export async function updateSubscriber(svc: ServiceContext, id: string, raw: SubscriberFieldsInput) {
  const data = subscriberFields.parse(raw);
  if (data.cpeMac) data.cpeMac = normalizeMac(data.cpeMac);
  return svc.db.$transaction(async (tx) => {
    const before = await tx.subscriber.findFirst({ where: { id } });
    if (!before) throw notFound("Subscriber");
    if (before.status === "TERMINATED") throw invalid("This subscriber is terminated; it can no longer be changed");
    if (data.serviceAddressId) {
      const address = await findServiceAddress(svc, data.serviceAddressId);
      if (!address || address.customerId !== before.customerId)
        throw invalid("The service address must belong to the subscriber's customer");
    }
    if (data.nasId) await getNas(svc, data.nasId);
    await tx.subscriber.update({ where: { id }, data });
    const full = await loadForSearch(tx, svc, id);
    const after = await tx.subscriber.update({ where: { id }, data: { searchText: subscriberSearchText(full) } });
    await syncRadius(tx, svc, id);
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "subscriber.update",
      targetType: "Subscriber",
      targetId: id,
      before: withoutPassword(before),
      after: withoutPassword(after),
    });
    return withoutPassword(after);
  });
}

/** Sets a new access password (given, or generated) and updates radcheck in the same transaction. */
export async function setSubscriberPassword(svc: ServiceContext, id: string, password?: string) {
  const value = password === undefined ? generatePassword() : passwordSchema.parse(password);
  return svc.db.$transaction(async (tx) => {
    const before = await tx.subscriber.findFirst({ where: { id } });
    if (!before) throw notFound("Subscriber");
    if (before.status === "TERMINATED") throw invalid("This subscriber is terminated; it can no longer be changed");
    await tx.subscriber.update({ where: { id }, data: { password: value } });
    await syncRadius(tx, svc, id);
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "subscriber.password.set",
      targetType: "Subscriber",
      targetId: id,
      after: { username: before.username, generated: password === undefined },
    });
    return { username: before.username, password: value };
  });
}

/**
 * Records the address IPAM assigned (or the BNG pool that hands it out), or clears it (null),
 * and rewrites the RADIUS rows in the same transaction when the subscriber has them. Only the
 * provisioning and teardown steps call this: every address comes from IPAM.
 */
export async function recordSubscriberAddress(
  svc: ServiceContext,
  id: string,
  address: { ipv4Address: string | null; framedPool: string | null },
) {
  return svc.db.$transaction(async (tx) => {
    const before = await tx.subscriber.findFirst({ where: { id } });
    if (!before) throw notFound("Subscriber");
    const ipv4Address = address.ipv4Address?.replace(/\/32$/, "") ?? null;
    const held = before.ipv4Address?.replace(/\/32$/, "") ?? null;
    if (held === ipv4Address && before.framedPool === address.framedPool) return { changed: false, ...address };
    await tx.subscriber.update({ where: { id }, data: { ipv4Address, framedPool: address.framedPool } });
    const full = await loadForSearch(tx, svc, id);
    await tx.subscriber.update({ where: { id }, data: { searchText: subscriberSearchText(full) } });
    await syncRadius(tx, svc, id);
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "subscriber.address.set",
      targetType: "Subscriber",
      targetId: id,
      before: { ipv4Address: held, framedPool: before.framedPool },
      after: { ipv4Address, framedPool: address.framedPool },
    });
    return { changed: true, ipv4Address, framedPool: address.framedPool };
  });
}

/**
 * Moves the subscriber to another plan: the row and its RADIUS group membership change in one
 * transaction (new sessions get the new rate). Live sessions are re-rated by the caller with
 * `applyPlanToSessions` (server/modules/radius/provisioning.ts) after this commits.
 */
export async function changeSubscriberPlan(svc: ServiceContext, id: string, planId: string) {
  return svc.db.$transaction(async (tx) => {
    const before = await tx.subscriber.findFirst({ where: { id } });
    if (!before) throw notFound("Subscriber");
    if (before.status === "TERMINATED") throw invalid("This subscriber is terminated; it can no longer be changed");
    const plan = await findPlan(svc, planId);
    if (!plan) throw notFound("Plan");
    if (before.planId === planId) return { changed: false, fromPlanId: before.planId, toPlanId: planId };
    if (!plan.active) throw invalid(`Plan ${plan.name} is retired; choose an active plan`);
    await syncPlanGroups(tx, plan);
    await tx.subscriber.update({ where: { id }, data: { planId } });
    await syncRadius(tx, svc, id);
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "subscriber.plan.change",
      targetType: "Subscriber",
      targetId: id,
      before: { planId: before.planId },
      after: { planId },
    });
    return { changed: true, fromPlanId: before.planId, toPlanId: planId };
  });
}

/**
 * The lifecycle state machine. Moving to the status the subscriber already has is a no-op
 * (idempotent); an illegal move is refused with the allowed next statuses. RADIUS follows in
 * the same transaction: ACTIVE writes the credentials and plan groups, SUSPENDED moves the
 * subscriber to the suspension group, TERMINATED removes every RADIUS row. Live sessions are
 * not touched here: call `disconnectSubscriberSessions` after suspending or terminating.
 */
/**
 * Written to the outbox in the termination's transaction: modules above subscribers act on a
 * teardown with a job of their own (work orders: the equipment removal and its returns).
 */
export const SUBSCRIBER_TERMINATED_EVENT = "subscribers/subscriber.terminated";
export type SubscriberTerminated = { tenantId: string; subscriberId: string };

const SUBSCRIBER_EVENTS: Partial<Record<SubscriberStatus, WebhookEventType>> = {
  ACTIVE: "subscriber.activated",
  SUSPENDED: "subscriber.suspended",
  TERMINATED: "subscriber.terminated",
};

export async function transitionSubscriber(
  svc: ServiceContext,
  id: string,
  to: SubscriberStatus,
  opts: { reason?: string; suspendReason?: SuspendReason } = {},
) {
  return svc.db.$transaction(async (tx) => {
    // Lock the row so two transitions cannot interleave.
    const locked = await tenantSql(tx, svc.tenantId).query<
      Array<{ id: string }>
    >`SELECT id FROM "Subscriber" WHERE id = ${id}::uuid AND "tenantId" = ${svc.tenantId}::uuid FOR UPDATE`;
    if (!locked.length) throw notFound("Subscriber");
    const before = await tx.subscriber.findFirst({ where: { id } });
    if (!before) throw notFound("Subscriber");
    if (before.status === to) return withoutPassword(before);
    if (!canTransition(before.status, to))
      throw conflict(transitionError(before.status, to), { from: before.status, to });
    const now = new Date();
    const data: Prisma.SubscriberUpdateInput = { status: to };
    if (to === "ACTIVE") {
      data.activatedAt = before.activatedAt ?? now;
      data.suspendedAt = null;
      data.suspendReason = null;
    }
    if (to === "SUSPENDED") {
      data.suspendedAt = now;
      data.suspendReason =
        opts.suspendReason ??
        (SUSPEND_REASONS.includes(opts.reason as SuspendReason) ? (opts.reason as SuspendReason) : "ADMINISTRATIVE");
    }
    if (to === "TERMINATED") data.terminatedAt = now;
    const after = await tx.subscriber.update({ where: { id }, data });
    if (to === "ACTIVE" || to === "SUSPENDED") {
      const plan = await findPlan(svc, after.planId);
      if (plan) await syncPlanGroups(tx, plan);
      await syncRadius(tx, svc, id, true);
    } else if (to === "TERMINATED") {
      await deleteSubscriberRadius(tx, id);
      await enqueueJob(
        tx,
        SUBSCRIBER_TERMINATED_EVENT,
        { tenantId: svc.tenantId, subscriberId: id } satisfies SubscriberTerminated,
        { id: `subscriber-terminated:${id}` },
      );
    }
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: `subscriber.status.${to.toLowerCase()}`,
      targetType: "Subscriber",
      targetId: id,
      before: { status: before.status },
      after: { status: to, reason: opts.reason ?? null, suspendReason: after.suspendReason },
    });
    const event = SUBSCRIBER_EVENTS[to];
    if (event)
      await publishWebhookEvent(tx, svc.tenantId, event, {
        subscriber_id: id,
        customer_id: after.customerId,
        username: after.username,
        status: to,
        previous_status: before.status,
        reason: opts.reason ?? after.suspendReason ?? null,
      });
    return withoutPassword(after);
  });
}

/** The change history of a subscriber (status moves, plan changes, edits), from the audit log. */
export async function subscriberHistory(svc: ServiceContext, id: string) {
  await getSubscriber(svc, id);
  const rows = await auditTrail(svc.tenantId, "Subscriber", id);
  return rows.map((r) => ({ ...r, id: r.id.toString() }));
}
