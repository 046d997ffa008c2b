// Demo data for the subscriber portal (J9, J20): the demo subscriber account linked to its
// customer (Anna Schmidt unless another seed linked it first), a billing subscription with
// last cycle's invoice paid by bank transfer, this cycle's invoice and an equipment invoice
// open (so there is something to pay by card), and about four months of RADIUS accounting
// for the usage chart. Idempotent: each part is skipped when it exists. It lives here, above
// billing, because it pays an invoice.
import { DEMO_ACCOUNTS } from "@/prisma/demo-accounts";
import type { PrismaClient, Tenant } from "@/server/generated/prisma/client";
import {
  addDays,
  billCycleOf,
  billingToday,
  createDraftInvoice,
  cycleContaining,
  invoiceCount,
  isoDate,
  issueInvoices,
  loadBillingTenant,
  startBillingSubscription,
} from "@/server/modules/billing";
import { linkPortalAccount, portalAccount } from "@/server/modules/identity";
import { type FinishedSession, recordFinishedSessions, sessionCountWithIdPrefix } from "@/server/modules/radius";
import { findSubscriberByUsername, firstLiveSubscriberOf } from "@/server/modules/subscribers";
import { taxRatesOf } from "@/server/modules/tenancy";
import { type ServiceContext, systemContext } from "@/server/service-context";
import { recordManualPayment } from "./service";

const DEMO_SUBSCRIBER_USERNAME = "anna.schmidt";
const USAGE_DAYS = 120;

export async function seedPortalBilling(db: PrismaClient, tenant: Tenant) {
  const svc = systemContext(tenant.id, "seed", db);
  const account = await portalAccount(db, tenant.id, DEMO_ACCOUNTS.subscriber.email);
  if (!account) return;
  let customerId = account.customerId;
  if (!customerId) {
    const own = await findSubscriberByUsername(svc, `${DEMO_SUBSCRIBER_USERNAME}@${tenant.slug}`);
    if (!own) return;
    customerId = own.customerId;
    await linkPortalAccount(db, tenant.id, DEMO_ACCOUNTS.subscriber.email, customerId);
  }
  const subscriber = await firstLiveSubscriberOf(svc, customerId);
  if (!subscriber) return;
  await seedUsage(svc, subscriber.id, subscriber.username);
  if ((await invoiceCount(svc, customerId)) > 0) return;

  const today = await billingToday(svc);
  const billing = await loadBillingTenant(svc);
  const current = cycleContaining(today, billing.billingDay);
  const previous = cycleContaining(addDays(current.start, -1), billing.billingDay);
  const sub = await startBillingSubscription(svc, subscriber, { at: previous.start });

  // Last cycle: billed on its first day, paid by bank transfer five days later.
  const [last] = await billCycleOf(svc, sub.id, previous, previous.start);
  if (last)
    await recordManualPayment(svc, {
      customerId,
      method: "BANK_TRANSFER",
      amountMinor: last.totalMinor,
      reference: `SEPA ${last.number}`,
      receivedAt: addDays(previous.start, 5),
      allocations: [{ invoiceId: last.id }],
      idempotencyKey: `seed:portal:${last.id}`,
    });
  // This cycle: issued today, so it is open and not yet overdue when the demo starts.
  await billCycleOf(svc, sub.id, current, today);
  const defaultRate = (await taxRatesOf(svc.db, tenant.id)).find((r) => r.isDefault);
  const equipment = await createDraftInvoice(svc, {
    customerId,
    subscriberId: subscriber.id,
    notes: "Thank you for ordering a mesh extender.",
    lines: [
      { description: "Mesh Wi-Fi extender", quantity: 1, unitAmountMinor: 7900, taxRateId: defaultRate?.id ?? null },
    ],
  });
  await issueInvoices(svc, [equipment.id], { email: false });
}

/** A daily session per day for the last USAGE_DAYS days: 2–14 GB down, about a tenth up. */
async function seedUsage(svc: ServiceContext, subscriberId: string, username: string) {
  const prefix = `seed-${subscriberId}-`;
  if ((await sessionCountWithIdPrefix(svc, prefix)) > 0) return;
  const today = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
  const sessions: FinishedSession[] = [];
  for (let d = USAGE_DAYS; d >= 1; d--) {
    const day = addDays(today, -d);
    const weekend = day.getUTCDay() === 0 || day.getUTCDay() === 6;
    // Deterministic variety: a slow wave plus a day-of-year wobble, more at weekends.
    const gb = 5 + 3 * Math.sin(d / 9) + 2 * Math.sin(d * 1.7) + (weekend ? 4 : 0);
    const down = BigInt(Math.round(gb * 1e9));
    sessions.push({
      uniqueId: `${prefix}${isoDate(day)}`,
      username,
      start: new Date(day.getTime() + 6 * 3600_000),
      stop: new Date(day.getTime() + 23 * 3600_000),
      uploadBytes: down / 9n,
      downloadBytes: down,
    });
  }
  await recordFinishedSessions(svc, subscriberId, sessions);
}
