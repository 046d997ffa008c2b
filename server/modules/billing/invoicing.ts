// Writing invoices: set-based inserts of drafts with their lines, and issuing (gap-free
// numbers from a counter row locked by the issuing transaction, due dates, credit balance
// applied). Issued invoices are immutable — enforced here and by the invoice_immutable
// database triggers.

import { type DbTx, Prisma } from "@/server/db";
import { publishWebhookEvents } from "@/server/modules/webhooks";
import { tenantSql } from "@/server/sql";
import type { DraftLine } from "./compose";
import { sumLines } from "./compose";
import type { BillTo } from "./directory";
import { uuid7 } from "./ids";
import { addDays, isoDate } from "./money";

export type DraftInvoice = {
  customerId: string;
  subscriberId: string | null;
  subscriptionId: string | null;
  billingRunId: string | null;
  periodStart: Date | null;
  periodEnd: Date | null;
  kind: "cycle" | "final" | "manual" | "charges";
  currency: string;
  pricesIncludeTax: boolean;
  billTo: BillTo | Record<string, never>;
  notes?: string | null;
  lines: DraftLine[];
};

const dateOrNull = (d: Date | null | undefined) => (d ? isoDate(d) : null);

/** Inserts draft invoices and their lines in a few statements; returns the new ids in order. */
export async function insertDraftInvoices(tx: DbTx, tenantId: string, drafts: DraftInvoice[]): Promise<string[]> {
  if (drafts.length === 0) return [];
  const ids = drafts.map(() => uuid7());
  const totals = drafts.map((d) => sumLines(d.lines));
  await tenantSql(tx, tenantId).execute(Prisma.sql`
    INSERT INTO "Invoice" ("id", "tenantId", "customerId", "subscriberId", "subscriptionId", "billingRunId",
      "periodStart", "periodEnd", "kind", "status", "currency", "pricesIncludeTax",
      "subtotalMinor", "taxMinor", "totalMinor", "billTo", "notes", "updatedAt")
    SELECT u.id, ${tenantId}::uuid, u.customer, u.subscriber, u.subscription, u.run,
      u.ps, u.pe, u.kind, 'DRAFT', u.currency, u.incl, u.sub, u.tax, u.total, u.billto::jsonb, u.notes, now()
    FROM unnest(
      ${ids}::uuid[], ${drafts.map((d) => d.customerId)}::uuid[], ${drafts.map((d) => d.subscriberId)}::uuid[],
      ${drafts.map((d) => d.subscriptionId)}::uuid[], ${drafts.map((d) => d.billingRunId)}::uuid[],
      ${drafts.map((d) => dateOrNull(d.periodStart))}::date[], ${drafts.map((d) => dateOrNull(d.periodEnd))}::date[],
      ${drafts.map((d) => d.kind)}::text[], ${drafts.map((d) => d.currency)}::text[],
      ${drafts.map((d) => d.pricesIncludeTax)}::boolean[],
      ${totals.map((t) => t.subtotalMinor)}::int[], ${totals.map((t) => t.taxMinor)}::int[],
      ${totals.map((t) => t.totalMinor)}::int[], ${drafts.map((d) => JSON.stringify(d.billTo))}::text[],
      ${drafts.map((d) => d.notes ?? null)}::text[]
    ) AS u(id, customer, subscriber, subscription, run, ps, pe, kind, currency, incl, sub, tax, total, billto, notes)`);
  await insertLines(
    tx,
    tenantId,
    drafts.flatMap((d, i) => d.lines.map((l, position) => ({ ...l, invoiceId: ids[i], position }))),
  );
  return ids;
}

export async function insertLines(
  tx: DbTx,
  tenantId: string,
  lines: Array<DraftLine & { invoiceId: string; position: number }>,
) {
  if (lines.length === 0) return;
  await tenantSql(tx, tenantId).execute(Prisma.sql`
    INSERT INTO "InvoiceLine" ("id", "tenantId", "invoiceId", "position", "kind", "description", "quantity",
      "unitAmountMinor", "netMinor", "taxMinor", "grossMinor", "taxRateId", "taxRateName", "taxBasisPoints",
      "periodStart", "periodEnd")
    SELECT u.id, ${tenantId}::uuid, u.inv, u.pos, u.kind::"InvoiceLineKind", u.descr, u.qty, u.unit, u.net, u.tax,
      u.gross, u.rate, u.ratename, u.bp, u.ps, u.pe
    FROM unnest(
      ${lines.map(() => uuid7())}::uuid[], ${lines.map((l) => l.invoiceId)}::uuid[], ${lines.map((l) => l.position)}::int[],
      ${lines.map((l) => l.kind)}::text[], ${lines.map((l) => l.description)}::text[], ${lines.map((l) => l.quantity)}::int[],
      ${lines.map((l) => l.unitAmountMinor)}::int[], ${lines.map((l) => l.netMinor)}::int[], ${lines.map((l) => l.taxMinor)}::int[],
      ${lines.map((l) => l.grossMinor)}::int[], ${lines.map((l) => l.taxRateId)}::uuid[], ${lines.map((l) => l.taxRateName)}::text[],
      ${lines.map((l) => l.taxBasisPoints)}::int[], ${lines.map((l) => dateOrNull(l.periodStart))}::date[],
      ${lines.map((l) => dateOrNull(l.periodEnd))}::date[]
    ) AS u(id, inv, pos, kind, descr, qty, unit, net, tax, gross, rate, ratename, bp, ps, pe)`);
}

/**
 * Takes `count` numbers from the tenant's counter. The counter row stays locked until the
 * calling transaction ends, so concurrent issuers queue and a rollback returns the numbers:
 * no gaps, no duplicates.
 */
export async function takeNumbers(tx: DbTx, tenantId: string, kind: "invoice" | "credit_note", count: number) {
  const [row] = await tenantSql(tx, tenantId).query<Array<{ last: number }>>(Prisma.sql`
    INSERT INTO "DocumentCounter" ("tenantId", "kind", "last") VALUES (${tenantId}::uuid, ${kind}, ${count})
    ON CONFLICT ("tenantId", "kind") DO UPDATE SET "last" = "DocumentCounter"."last" + ${count}
    RETURNING "last"`);
  const first = row.last - count + 1;
  return Array.from({ length: count }, (_, i) => first + i);
}

export function formatNumber(prefix: string, sequence: number) {
  return `${prefix}${String(sequence).padStart(6, "0")}`;
}

export type IssueOptions = { prefix: string; issueDate: Date; paymentTermsDays: number };

/**
 * Issues drafts in the given order: numbers, dates, and the customer's credit balance applied
 * (an invoice whose total is negative adds to the balance instead). Returns the issued rows.
 */
export async function issueDrafts(tx: DbTx, tenantId: string, invoiceIds: string[], opts: IssueOptions) {
  if (invoiceIds.length === 0) return [];
  const drafts = await tenantSql(tx, tenantId).query<
    Array<{ id: string; customerId: string; totalMinor: number; currency: string }>
  >(
    Prisma.sql`SELECT "id", "customerId", "totalMinor", "currency" FROM "Invoice"
      WHERE "tenantId" = ${tenantId}::uuid AND "id" = ANY(${invoiceIds}::uuid[]) AND "status" = 'DRAFT'
      FOR UPDATE`,
  );
  const order = new Map(invoiceIds.map((id, i) => [id, i]));
  drafts.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  if (drafts.length === 0) return [];

  // Credit balances of the customers involved, locked for the update.
  const customerIds = [...new Set(drafts.map((d) => d.customerId))];
  const accounts = await tenantSql(tx, tenantId).query<
    Array<{ customerId: string; creditBalanceMinor: number }>
  >(Prisma.sql`
    SELECT "customerId", "creditBalanceMinor" FROM "BillingAccount"
     WHERE "tenantId" = ${tenantId}::uuid AND "customerId" = ANY(${customerIds}::uuid[]) FOR UPDATE`);
  const balance = new Map(accounts.map((a) => [a.customerId, a.creditBalanceMinor]));
  const touched = new Map<string, number>();

  const numbers = await takeNumbers(tx, tenantId, "invoice", drafts.length);
  const issued = drafts.map((d, i) => {
    let credited = 0;
    const credit = balance.get(d.customerId) ?? 0;
    if (d.totalMinor < 0) {
      balance.set(d.customerId, credit - d.totalMinor);
      touched.set(d.customerId, balance.get(d.customerId) ?? 0);
    } else if (credit > 0 && d.totalMinor > 0) {
      credited = Math.min(credit, d.totalMinor);
      balance.set(d.customerId, credit - credited);
      touched.set(d.customerId, balance.get(d.customerId) ?? 0);
    }
    const open = d.totalMinor - credited;
    const status = open <= 0 ? "PAID" : credited > 0 ? "PARTIALLY_PAID" : "ISSUED";
    return { ...d, sequence: numbers[i], number: formatNumber(opts.prefix, numbers[i]), credited, status };
  });
  const due = isoDate(addDays(opts.issueDate, opts.paymentTermsDays));
  await tenantSql(tx, tenantId).execute(Prisma.sql`
    UPDATE "Invoice" i SET "number" = u.num, "sequence" = u.seq, "status" = u.status::"InvoiceStatus",
      "creditedMinor" = u.credited, "issueDate" = ${isoDate(opts.issueDate)}::date, "dueDate" = ${due}::date,
      "updatedAt" = now()
    FROM unnest(${issued.map((x) => x.id)}::uuid[], ${issued.map((x) => x.number)}::text[],
      ${issued.map((x) => x.sequence)}::int[], ${issued.map((x) => x.status)}::text[], ${issued.map((x) => x.credited)}::int[])
      AS u(id, num, seq, status, credited)
    WHERE i."tenantId" = ${tenantId}::uuid AND i."id" = u.id`);
  if (touched.size > 0) {
    const currency = drafts[0].currency;
    await tenantSql(tx, tenantId).execute(Prisma.sql`
      INSERT INTO "BillingAccount" ("id", "tenantId", "customerId", "currency", "creditBalanceMinor", "updatedAt")
      SELECT u.id, ${tenantId}::uuid, u.customer, ${currency}, u.balance, now()
        FROM unnest(${[...touched.keys()].map(() => uuid7())}::uuid[], ${[...touched.keys()]}::uuid[],
          ${[...touched.values()]}::int[]) AS u(id, customer, balance)
      ON CONFLICT ("tenantId", "customerId") DO UPDATE SET "creditBalanceMinor" = EXCLUDED."creditBalanceMinor",
        "updatedAt" = now()`);
  }
  await publishWebhookEvents(
    tx,
    tenantId,
    "invoice.issued",
    issued.map((x) => ({
      invoice_id: x.id,
      number: x.number,
      customer_id: x.customerId,
      total_minor: x.totalMinor,
      currency: x.currency,
      status: x.status,
      due_date: due,
    })),
  );
  return issued;
}

/** Open amount of an invoice: what is still to be paid. */
export function amountDue(inv: { totalMinor: number; paidMinor: number; creditedMinor: number; status: string }) {
  if (inv.status === "VOID" || inv.status === "DRAFT") return 0;
  return Math.max(0, inv.totalMinor - inv.paidMinor - inv.creditedMinor);
}

/** The settlement status after a payment or credit. */
export function settledStatus(inv: { totalMinor: number; paidMinor: number; creditedMinor: number }) {
  const open = inv.totalMinor - inv.paidMinor - inv.creditedMinor;
  if (open <= 0) return "PAID" as const;
  if (inv.paidMinor + inv.creditedMinor > 0) return "PARTIALLY_PAID" as const;
  return "ISSUED" as const;
}
