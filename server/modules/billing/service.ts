// Invoices and credit notes for staff and the portal: lists, detail, manual drafts, issuing,
// voiding, credit notes, PDF and email, the customer's account and the AR ageing report.
import { type DbTx, Prisma } from "@/server/db";
import { conflict, invalid, notFound } from "@/server/errors";
import type { InvoiceStatus } from "@/server/generated/prisma/enums";
import { withIdempotency } from "@/server/idempotency";
import { enqueueJob } from "@/server/jobs";
import { containsPattern, type ListInput, type ListResult, orderBy, pageArgs } from "@/server/list";
import { recordAudit } from "@/server/modules/audit";
import { findCustomer } from "@/server/modules/customers";
import type { ServiceContext } from "@/server/service-context";
import { tenantSql } from "@/server/sql";
import { customerBrand } from "@/server/white-label";
import { billingToday } from "./clock";
import { taxedLine } from "./compose";
import { loadBillingTenant, loadBillTo, loadPlans, loadTaxRates } from "./directory";
import { BALANCE_REDUCED_EVENT } from "./events";
import { paymentsOfInvoice } from "./invoice-payments";
import { amountDue, insertDraftInvoices, issueDrafts, settledStatus, takeNumbers } from "./invoicing";
import { formatMoney, isoDate } from "./money";
import { billingNotice } from "./notices";
import { renderInvoicePdf } from "./pdf";

const INVOICE_STATUSES = ["DRAFT", "ISSUED", "PARTIALLY_PAID", "PAID", "VOID"] as const;

function withDue<T extends { totalMinor: number; paidMinor: number; creditedMinor: number; status: string }>(inv: T) {
  return { ...inv, amountDueMinor: amountDue(inv) };
}

export async function listInvoices(
  svc: ServiceContext,
  input: ListInput & { customerId?: string; subscriberId?: string; billingRunId?: string },
): Promise<ListResult<ReturnType<typeof withDue<Prisma.InvoiceGetPayload<object>>> & { customerName: string }>> {
  const f = input.filters ?? {};
  const where: Prisma.InvoiceWhereInput = {};
  const status = f.status;
  if (status === "OPEN") where.status = { in: ["ISSUED", "PARTIALLY_PAID"] };
  else if (status === "OVERDUE") {
    where.status = { in: ["ISSUED", "PARTIALLY_PAID"] };
    where.dueDate = { lt: await billingToday(svc) };
  } else if (status && (INVOICE_STATUSES as readonly string[]).includes(status)) where.status = status as InvoiceStatus;
  if (input.customerId ?? f.customerId) where.customerId = input.customerId ?? f.customerId;
  if (input.subscriberId ?? f.subscriberId) where.subscriberId = input.subscriberId ?? f.subscriberId;
  if (input.billingRunId ?? f.billingRunId) where.billingRunId = input.billingRunId ?? f.billingRunId;
  if (f.kind) where.kind = f.kind;
  if (input.search) {
    const s = input.search;
    where.OR = [
      { number: { contains: s, mode: "insensitive" } },
      { billTo: { path: ["name"], string_contains: s } },
      { billTo: { path: ["email"], string_contains: s } },
      { billTo: { path: ["number"], string_contains: s } },
    ];
  }
  const [rows, total] = await Promise.all([
    svc.db.invoice.findMany({
      where,
      orderBy: [
        orderBy(input, ["number", "issueDate", "dueDate", "totalMinor", "status", "createdAt"], { createdAt: "desc" }),
        { id: "desc" },
      ],
      ...pageArgs(input),
    }),
    svc.db.invoice.count({ where }),
  ]);
  return {
    rows: rows.map((r) => ({ ...withDue(r), customerName: (r.billTo as { name?: string }).name ?? "" })),
    total,
  };
}

export async function getInvoice(svc: ServiceContext, id: string) {
  const inv = await svc.db.invoice.findFirst({
    where: { id },
    include: {
      lines: { orderBy: { position: "asc" } },
      creditNotes: { orderBy: { createdAt: "asc" } },
    },
  });
  if (!inv) throw notFound("Invoice");
  return withDue(inv);
}

/** The invoice with the payments allocated to it (its page). */
export async function getInvoiceWithPayments(svc: ServiceContext, id: string) {
  const inv = await getInvoice(svc, id);
  return { ...inv, allocations: await paymentsOfInvoice(svc, id) };
}

export const manualLineShape = {
  description: "",
  quantity: 1,
  unitAmountMinor: 0,
  taxRateId: null as string | null,
};
export type ManualLine = typeof manualLineShape;

/** A manual draft invoice for a customer (service call, equipment sale …). */
export async function createDraftInvoice(
  svc: ServiceContext,
  input: { customerId: string; subscriberId?: string | null; notes?: string | null; lines: ManualLine[] },
) {
  if (input.lines.length === 0) throw invalid("Add at least one line to the invoice");
  const tenant = await loadBillingTenant(svc);
  const billTo = (await loadBillTo(svc.db as unknown as DbTx, svc.tenantId, [input.customerId])).get(input.customerId);
  if (!billTo) throw notFound("Customer");
  const taxRates = await loadTaxRates(svc.db as unknown as DbTx, svc.tenantId);
  const ctx = {
    currency: tenant.currency,
    locale: tenant.locale,
    pricesIncludeTax: tenant.pricesIncludeTax,
    plans: new Map(),
    taxRates,
  };
  for (const l of input.lines)
    if (l.taxRateId && !taxRates.has(l.taxRateId))
      throw invalid(`Tax rate ${l.taxRateId} does not exist in this tenant`);
  return svc.db.$transaction(async (tx) => {
    const [id] = await insertDraftInvoices(tx as unknown as DbTx, svc.tenantId, [
      {
        customerId: input.customerId,
        subscriberId: input.subscriberId ?? null,
        subscriptionId: null,
        billingRunId: null,
        periodStart: null,
        periodEnd: null,
        kind: "manual",
        currency: tenant.currency,
        pricesIncludeTax: tenant.pricesIncludeTax,
        billTo,
        notes: input.notes ?? null,
        lines: input.lines.map((l) =>
          taxedLine(ctx, {
            kind: l.unitAmountMinor < 0 ? "CREDIT" : "ONE_OFF",
            description: l.description,
            quantity: l.quantity,
            unitAmountMinor: l.unitAmountMinor,
            amountMinor: l.unitAmountMinor * l.quantity,
            taxRateId: l.taxRateId,
            periodStart: null,
            periodEnd: null,
          }),
        ),
      },
    ]);
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "invoice.create_draft",
      targetType: "Invoice",
      targetId: id,
      after: input,
    });
    return { id };
  });
}

/** Deletes a draft (issued invoices are never deleted). */
export async function deleteDraftInvoice(svc: ServiceContext, id: string) {
  const inv = await svc.db.invoice.findFirst({ where: { id } });
  if (!inv) throw notFound("Invoice");
  if (inv.status !== "DRAFT") throw conflict(`Invoice ${inv.number} is issued; void it or issue a credit note instead`);
  await svc.db.$transaction(async (tx) => {
    await tx.invoice.delete({ where: { id } });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "invoice.delete_draft",
      targetType: "Invoice",
      targetId: id,
      before: inv,
    });
  });
  return { id };
}

/** Issues drafts (numbers in the order given) and emails each. Already issued ids are skipped. */
export async function issueInvoices(svc: ServiceContext, ids: string[], opts: { email?: boolean } = {}) {
  const tenant = await loadBillingTenant(svc);
  const issueDate = await billingToday(svc);
  const issued = await svc.db.$transaction(async (tx) => {
    const done = await issueDrafts(tx as unknown as DbTx, svc.tenantId, ids, {
      prefix: tenant.invoicePrefix,
      issueDate,
      paymentTermsDays: tenant.paymentTermsDays,
    });
    for (const inv of done)
      await recordAudit(tx, {
        tenantId: svc.tenantId,
        actor: svc.actor,
        action: "invoice.issue",
        targetType: "Invoice",
        targetId: inv.id,
        after: { number: inv.number, totalMinor: inv.totalMinor, status: inv.status },
      });
    return done;
  });
  if (opts.email !== false) for (const inv of issued) await emailInvoice(svc, inv.id);
  return { issued: issued.map((i) => ({ id: i.id, number: i.number })) };
}

/** Voids an issued invoice nobody paid (a paid one needs a credit note and a refund). */
export async function voidInvoice(svc: ServiceContext, id: string, reason: string) {
  const result = await svc.db.$transaction(async (tx) => {
    const [inv] = await tenantSql(tx, svc.tenantId).query<
      Array<{ status: string; paidMinor: number; number: string | null; customerId: string }>
    >(
      Prisma.sql`SELECT "status"::text AS status, "paidMinor", "number", "customerId" FROM "Invoice" WHERE "id" = ${id}::uuid AND "tenantId" = ${svc.tenantId}::uuid FOR UPDATE`,
    );
    if (!inv) throw notFound("Invoice");
    if (inv.status === "VOID") return { id, status: "VOID", customerId: null };
    if (inv.status === "DRAFT") throw conflict("A draft is not issued yet: delete it instead of voiding it");
    if (inv.paidMinor > 0)
      throw conflict(`Invoice ${inv.number} has payments: issue a credit note (and refund) instead of voiding it`);
    await tx.invoice.update({ where: { id }, data: { status: "VOID", voidedAt: new Date(), voidReason: reason } });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "invoice.void",
      targetType: "Invoice",
      targetId: id,
      before: { status: inv.status },
      after: { status: "VOID", reason },
    });
    // A voided invoice no longer counts as overdue: dunning may stop (and restore the service).
    await enqueueJob(tx, BALANCE_REDUCED_EVENT, { tenantId: svc.tenantId, customerId: inv.customerId });
    return { id, status: "VOID", customerId: inv.customerId };
  });
  return { id: result.id, status: result.status };
}

/**
 * A credit note against an issued invoice: either the whole invoice (`full`) or an amount
 * with a tax rate. It reduces the invoice's open amount; what exceeds it goes to the
 * customer's credit balance.
 */
export async function createCreditNote(
  svc: ServiceContext,
  input: {
    invoiceId: string;
    reason: string;
    full?: boolean;
    amountMinor?: number;
    taxRateId?: string | null;
    description?: string;
    idempotencyKey?: string;
  },
) {
  const note = await withIdempotency(svc, "billing.credit_note", input.idempotencyKey, input, async () => {
    const tenant = await loadBillingTenant(svc);
    return svc.db.$transaction(async (tx) => {
      const [inv] = await tenantSql(tx, svc.tenantId).query<
        Array<{
          id: string;
          number: string;
          status: string;
          customerId: string;
          currency: string;
          totalMinor: number;
          paidMinor: number;
          creditedMinor: number;
          pricesIncludeTax: boolean;
        }>
      >(Prisma.sql`SELECT "id", "number", "status"::text AS status, "customerId", "currency", "totalMinor", "paidMinor",
          "creditedMinor", "pricesIncludeTax" FROM "Invoice" WHERE "id" = ${input.invoiceId}::uuid
          AND "tenantId" = ${svc.tenantId}::uuid FOR UPDATE`);
      if (!inv) throw notFound("Invoice");
      if (inv.status === "DRAFT" || inv.status === "VOID")
        throw conflict("Credit notes are for issued invoices; edit the draft or leave the void invoice as it is");
      const already = await tx.creditNote.aggregate({ where: { invoiceId: inv.id }, _sum: { totalMinor: true } });
      const creditable = inv.totalMinor - (already._sum.totalMinor ?? 0);
      let lines: Array<{
        description: string;
        netMinor: number;
        taxMinor: number;
        grossMinor: number;
        taxRateName: string | null;
      }>;
      if (input.full) {
        const invLines = await tx.invoiceLine.findMany({ where: { invoiceId: inv.id }, orderBy: { position: "asc" } });
        lines = invLines.map((l) => ({
          description: l.description,
          netMinor: l.netMinor,
          taxMinor: l.taxMinor,
          grossMinor: l.grossMinor,
          taxRateName: l.taxRateName,
        }));
        if (already._sum.totalMinor)
          throw conflict("This invoice already has a credit note; credit the rest as an amount");
      } else {
        if (!input.amountMinor || input.amountMinor <= 0) throw invalid("Enter the amount to credit");
        const taxRates = await loadTaxRates(tx as unknown as DbTx, svc.tenantId);
        const line = taxedLine(
          {
            currency: inv.currency,
            locale: tenant.locale,
            pricesIncludeTax: inv.pricesIncludeTax,
            plans: new Map(),
            taxRates,
          },
          {
            kind: "CREDIT",
            description: input.description ?? input.reason,
            quantity: 1,
            unitAmountMinor: input.amountMinor,
            amountMinor: input.amountMinor,
            taxRateId: input.taxRateId ?? null,
            periodStart: null,
            periodEnd: null,
          },
        );
        lines = [line];
      }
      const subtotal = lines.reduce((s, l) => s + l.netMinor, 0);
      const tax = lines.reduce((s, l) => s + l.taxMinor, 0);
      const total = subtotal + tax;
      if (total > creditable)
        throw invalid(
          `At most ${formatMoney(creditable, inv.currency, tenant.locale)} of invoice ${inv.number} can still be credited`,
        );
      const open = Math.max(0, inv.totalMinor - inv.paidMinor - inv.creditedMinor);
      const applied = Math.min(open, total);
      const toBalance = total - applied;
      const [seq] = await takeNumbers(tx as unknown as DbTx, svc.tenantId, "credit_note", 1);
      const note = await tx.creditNote.create({
        data: {
          tenantId: svc.tenantId,
          number: `CN-${String(seq).padStart(6, "0")}`,
          sequence: seq,
          invoiceId: inv.id,
          customerId: inv.customerId,
          currency: inv.currency,
          reason: input.reason,
          subtotalMinor: subtotal,
          taxMinor: tax,
          totalMinor: total,
          appliedMinor: applied,
          lines,
        },
      });
      const credited = inv.creditedMinor + applied;
      await tx.invoice.update({
        where: { id: inv.id },
        data: { creditedMinor: credited, status: settledStatus({ ...inv, creditedMinor: credited }) },
      });
      if (toBalance > 0)
        await adjustCreditBalance(tx as unknown as DbTx, svc.tenantId, inv.customerId, inv.currency, toBalance);
      await recordAudit(tx, {
        tenantId: svc.tenantId,
        actor: svc.actor,
        action: "credit_note.issue",
        targetType: "CreditNote",
        targetId: note.id,
        after: { number: note.number, invoice: inv.number, totalMinor: total, applied, toBalance },
      });
      await enqueueJob(tx, BALANCE_REDUCED_EVENT, { tenantId: svc.tenantId, customerId: inv.customerId });
      return note;
    });
  });
  return note;
}

export async function adjustCreditBalance(
  tx: DbTx,
  tenantId: string,
  customerId: string,
  currency: string,
  delta: number,
) {
  await tenantSql(tx, tenantId).execute(Prisma.sql`
    INSERT INTO "BillingAccount" ("id", "tenantId", "customerId", "currency", "creditBalanceMinor", "updatedAt")
    VALUES (gen_random_uuid(), ${tenantId}::uuid, ${customerId}::uuid, ${currency}, ${delta}, now())
    ON CONFLICT ("tenantId", "customerId") DO UPDATE
      SET "creditBalanceMinor" = "BillingAccount"."creditBalanceMinor" + ${delta}, "updatedAt" = now()`);
}

export async function listCreditNotes(svc: ServiceContext, input: ListInput) {
  const where: Prisma.CreditNoteWhereInput = input.search
    ? {
        OR: [
          { number: { contains: input.search, mode: "insensitive" } },
          { reason: { contains: input.search, mode: "insensitive" } },
          { invoice: { number: { contains: input.search, mode: "insensitive" } } },
        ],
      }
    : {};
  if (input.filters?.customerId) where.customerId = input.filters.customerId;
  const [rows, total] = await Promise.all([
    svc.db.creditNote.findMany({
      where,
      include: { invoice: { select: { number: true, billTo: true } } },
      orderBy: [orderBy(input, ["number", "createdAt", "totalMinor"], { createdAt: "desc" })],
      ...pageArgs(input),
    }),
    svc.db.creditNote.count({ where }),
  ]);
  return { rows, total };
}

/**
 * The invoice PDF bytes and a file name. A reseller's customer's invoice wears the reseller's
 * name, colours, logo and contacts; the legal issuer stays the tenant.
 */
export async function invoicePdf(svc: ServiceContext, id: string) {
  const inv = await getInvoice(svc, id);
  const brand = await customerBrand(await loadBillingTenant(svc), inv.customerId);
  const bytes = await renderInvoicePdf(brand, inv as Parameters<typeof renderInvoicePdf>[1]);
  return { bytes, filename: `${inv.number ?? `draft-${inv.id.slice(0, 8)}`}.pdf` };
}

/** Emails the invoice (the message links to the portal, where the PDF is). */
export async function emailInvoice(svc: ServiceContext, id: string) {
  const inv = await svc.db.invoice.findFirst({ where: { id } });
  if (!inv) throw notFound("Invoice");
  if (inv.status === "DRAFT" || !inv.number) throw conflict("Issue the invoice before emailing it");
  const billTo = inv.billTo as { email?: string; name?: string };
  const period =
    inv.periodStart && inv.periodEnd
      ? `${isoDate(inv.periodStart)} – ${isoDate(new Date(inv.periodEnd.getTime() - 86_400_000))}`
      : undefined;
  const sent = await billingNotice(
    svc,
    {
      subscriberId: inv.subscriberId,
      email: billTo.email ?? null,
      name: billTo.name ?? "",
      customerId: inv.customerId,
    },
    "invoice_issued",
    {
      invoiceId: inv.id,
      invoiceNumber: inv.number,
      totalMinor: inv.totalMinor,
      currency: inv.currency,
      dueDate: (inv.dueDate ?? new Date()).toISOString(),
      periodLabel: period,
    },
    { dedupeKey: `invoice_issued:${inv.id}:${inv.emailedAt ? Date.now() : "first"}`, channels: ["EMAIL", "INBOX"] },
  );
  if (sent.ok) await svc.db.invoice.update({ where: { id }, data: { emailedAt: new Date() } });
  return { id, emailed: sent.ok, error: sent.error ?? null };
}

export async function emailInvoices(svc: ServiceContext, ids: string[]) {
  const results = [];
  for (const id of ids) results.push(await emailInvoice(svc, id));
  return { emailed: results.filter((r) => r.emailed).length, results };
}

/** The customer's account: open invoices, balance due, credit balance. */
export async function customerAccount(svc: ServiceContext, customerId: string) {
  if (!(await findCustomer(svc, customerId))) throw notFound("Customer");
  const [open, account] = await Promise.all([
    svc.db.invoice.findMany({
      where: { customerId, status: { in: ["ISSUED", "PARTIALLY_PAID"] } },
      orderBy: [{ dueDate: "asc" }, { sequence: "asc" }],
    }),
    svc.db.billingAccount.findFirst({ where: { customerId } }),
  ]);
  const today = await billingToday(svc);
  const openInvoices = open.map(withDue);
  return {
    customerId,
    balanceDueMinor: openInvoices.reduce((s, i) => s + i.amountDueMinor, 0),
    overdueMinor: openInvoices.filter((i) => i.dueDate && i.dueDate < today).reduce((s, i) => s + i.amountDueMinor, 0),
    creditBalanceMinor: account?.creditBalanceMinor ?? 0,
    openInvoices,
  };
}

const AGE_BUCKETS = [
  { key: "current", label: "Not yet due" },
  { key: "d1_30", label: "1–30 days" },
  { key: "d31_60", label: "31–60 days" },
  { key: "d61_90", label: "61–90 days" },
  { key: "d90_plus", label: "Over 90 days" },
] as const;
type AgeBucket = (typeof AGE_BUCKETS)[number]["key"];

/**
 * Accounts-receivable ageing: open amounts per customer by days past due (as of today on the
 * billing clock), largest total first, a page at a time; the totals cover every customer that
 * matches the search.
 */
export async function arAgeing(svc: ServiceContext, input: Partial<ListInput> = {}) {
  const today = isoDate(await billingToday(svc));
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? 50;
  const search = input.search?.trim();
  const filter = search
    ? Prisma.sql`AND ("billTo"->>'name' ILIKE ${containsPattern(search)} OR "billTo"->>'number' ILIKE ${containsPattern(search)}
        OR "billTo"->>'email' ILIKE ${containsPattern(search)} OR "number" ILIKE ${containsPattern(search)})`
    : Prisma.empty;
  const sums = Prisma.sql`
    SUM(open) FILTER (WHERE age <= 0)::bigint AS current,
    SUM(open) FILTER (WHERE age BETWEEN 1 AND 30)::bigint AS d1_30,
    SUM(open) FILTER (WHERE age BETWEEN 31 AND 60)::bigint AS d31_60,
    SUM(open) FILTER (WHERE age BETWEEN 61 AND 90)::bigint AS d61_90,
    SUM(open) FILTER (WHERE age > 90)::bigint AS d90_plus,
    SUM(open)::bigint AS total`;
  const open = Prisma.sql`
    SELECT "customerId", "billTo", ("totalMinor" - "paidMinor" - "creditedMinor") AS open,
           (${today}::date - "dueDate") AS age
      FROM "Invoice"
     WHERE "tenantId" = ${svc.tenantId}::uuid AND "status" IN ('ISSUED', 'PARTIALLY_PAID')
       AND ("totalMinor" - "paidMinor" - "creditedMinor") > 0 ${filter}`;
  type Sums = Record<AgeBucket | "total", bigint | null>;
  const [rows, [all]] = await Promise.all([
    tenantSql(svc.db, svc.tenantId).query<
      Array<Sums & { customerId: string; name: string; number: string; invoices: bigint }>
    >(Prisma.sql`
      SELECT "customerId", MAX("billTo"->>'name') AS name, MAX("billTo"->>'number') AS number,
             count(*)::bigint AS invoices, ${sums}
        FROM (${open}) o GROUP BY "customerId"
       ORDER BY total DESC, "customerId" LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`),
    tenantSql(svc.db, svc.tenantId).query<Array<Sums & { customers: bigint }>>(Prisma.sql`
      SELECT count(DISTINCT "customerId")::bigint AS customers, ${sums} FROM (${open}) o`),
  ]);
  const buckets = (r: Sums) =>
    Object.fromEntries(AGE_BUCKETS.map((b) => [b.key, Number(r[b.key] ?? 0)])) as Record<AgeBucket, number>;
  const tenant = await loadBillingTenant(svc);
  return {
    asOf: today,
    currency: tenant.currency,
    buckets: AGE_BUCKETS.map((b) => ({ key: b.key, label: b.label })),
    totals: buckets(all),
    total: Number(all.total ?? 0),
    rows: rows.map((r) => ({
      customerId: r.customerId,
      name: r.name ?? "",
      number: r.number ?? "",
      invoices: Number(r.invoices),
      buckets: buckets(r),
      total: Number(r.total ?? 0),
    })),
    customers: Number(all.customers),
  };
}

/** The billing overview: receivables, overdue, the last runs and the dunning queue. */
export async function billingOverview(svc: ServiceContext) {
  const today = await billingToday(svc);
  const openWhere: Prisma.InvoiceWhereInput = { status: { in: ["ISSUED", "PARTIALLY_PAID"] } };
  const sumOpen = (where: Prisma.InvoiceWhereInput) =>
    svc.db.invoice.aggregate({
      where,
      _count: { _all: true },
      _sum: { totalMinor: true, paidMinor: true, creditedMinor: true },
    });
  const [open, overdue, drafts, runs, tenant] = await Promise.all([
    sumOpen(openWhere),
    sumOpen({ ...openWhere, dueDate: { lt: today } }),
    svc.db.invoice.count({ where: { status: "DRAFT" } }),
    svc.db.billingRun.findMany({ orderBy: { periodStart: "desc" }, take: 3 }),
    loadBillingTenant(svc),
  ]);
  const due = (a: Awaited<ReturnType<typeof sumOpen>>) =>
    (a._sum.totalMinor ?? 0) - (a._sum.paidMinor ?? 0) - (a._sum.creditedMinor ?? 0);
  return {
    today: isoDate(today),
    currency: tenant.currency,
    openMinor: due(open),
    openInvoices: open._count._all,
    overdueMinor: due(overdue),
    overdueInvoices: overdue._count._all,
    drafts,
    runs,
  };
}

export async function listBillingRuns(svc: ServiceContext, input: ListInput) {
  const [rows, total] = await Promise.all([
    svc.db.billingRun.findMany({ orderBy: { periodStart: "desc" }, ...pageArgs(input) }),
    svc.db.billingRun.count(),
  ]);
  return { rows, total };
}

export async function getBillingRun(svc: ServiceContext, id: string) {
  const run = await svc.db.billingRun.findFirst({ where: { id } });
  if (!run) throw notFound("Billing run");
  return run;
}

/** Plans (for forms): id, name, price. */
export async function billingPlans(svc: ServiceContext) {
  const plans = await loadPlans(svc.db as unknown as DbTx, svc.tenantId);
  return [...plans.values()];
}

export async function billingTaxRates(svc: ServiceContext) {
  return [...(await loadTaxRates(svc.db as unknown as DbTx, svc.tenantId)).values()];
}

/**
 * Emails a run's invoices in sequence order, `limit` at a time after `afterSequence`
 * (a cursor, so a message that failed is not retried forever by the run).
 */
export async function emailRunInvoices(svc: ServiceContext, runId: string, limit: number, afterSequence = 0) {
  const batch = await svc.db.invoice.findMany({
    where: { billingRunId: runId, emailedAt: null, sequence: { gt: afterSequence } },
    orderBy: { sequence: "asc" },
    take: limit,
    select: { id: true, sequence: true },
  });
  let sent = 0;
  for (const inv of batch) if ((await emailInvoice(svc, inv.id)).emailed) sent++;
  if (sent) await svc.db.billingRun.update({ where: { id: runId }, data: { emailed: { increment: sent } } });
  const lastSequence = batch.at(-1)?.sequence ?? afterSequence;
  const remaining =
    batch.length < limit
      ? 0
      : await svc.db.invoice.count({
          where: { billingRunId: runId, emailedAt: null, sequence: { gt: lastSequence } },
        });
  return { sent, lastSequence, remaining };
}

/** How many invoices (any status) a customer has. */
export async function invoiceCount(svc: ServiceContext, customerId: string): Promise<number> {
  return svc.db.invoice.count({ where: { customerId } });
}
