// J9 Portal payment: the subscriber pays an open invoice by card through the payment
// gateway (hosted checkout + signed webhook); the invoice is marked paid exactly once even if
// the webhook is delivered twice; a receipt is emailed.
import {
  completedEvent,
  deliverWebhook,
  demoCustomer,
  money,
  openInvoices,
  payOnHostedCheckout,
} from "./portal-support";
import { DEMO, expect, signIn, sql, test } from "./support";

/** Everything a second delivery must not change. */
async function ledger(customerId: string, invoiceId: string, email: string) {
  const [row] = await sql<{
    status: string;
    paidMinor: number;
    payments: number;
    allocations: number;
    receipts: number;
    events: number;
  }>(
    `SELECT i.status::text AS status, i."paidMinor",
            (SELECT count(*)::int FROM "Payment" p WHERE p."customerId" = $1) AS payments,
            (SELECT count(*)::int FROM "PaymentAllocation" a WHERE a."invoiceId" = $2) AS allocations,
            (SELECT count(*)::int FROM "EmailMessage" m WHERE m."toAddress" = $3 AND m.template = 'payment_received') AS receipts,
            (SELECT count(*)::int FROM "PaymentWebhookEvent" e) AS events
       FROM "Invoice" i WHERE i.id = $2`,
    [customerId, invoiceId, email],
  );
  return row;
}

test("a subscriber pays an open invoice by card; a redelivered webhook changes nothing", async ({ page, baseURL }) => {
  const customer = await demoCustomer();
  const open = await openInvoices(customer.customerId);
  const invoice = open.find((i) => i.kind === "cycle") ?? open[0];
  expect(invoice, "the demo subscriber has an open invoice to pay").toBeTruthy();
  const before = await ledger(customer.customerId, invoice.id, customer.email);

  // --- The subscriber opens the invoice and pays it on the gateway's hosted page -------
  await signIn(page, DEMO.subscriber);
  await expect(page).toHaveURL(/\/portal$/);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Invoices" }).click();
  await expect(page.getByRole("heading", { name: "Invoices", level: 1 })).toBeVisible();
  await page.getByRole("cell", { name: invoice.number, exact: true }).click();
  await expect(page.getByRole("heading", { name: `Invoice ${invoice.number}` })).toBeVisible();
  await expect(page.getByTestId("amount-due")).toHaveText(money(invoice.amountDueMinor));

  // Cancelling on the gateway comes back with nothing charged.
  await page.getByRole("button", { name: `Pay now ${money(invoice.amountDueMinor)}` }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/checkout/"));
  await page.getByRole("link", { name: "Cancel and go back" }).click();
  await expect(page.getByText("Payment cancelled")).toBeVisible();
  expect((await ledger(customer.customerId, invoice.id, customer.email)).paidMinor).toBe(before.paidMinor);

  await page.getByRole("button", { name: `Pay now ${money(invoice.amountDueMinor)}` }).click();
  const sessionId = await payOnHostedCheckout(page, invoice.amountDueMinor);

  // --- Back in the portal: the signed webhook has marked it paid --------------------------
  await expect(page.getByText("Payment received")).toBeVisible();
  await expect(page.getByText(`Invoice ${invoice.number} is paid`)).toBeVisible();
  await page.getByRole("link", { name: `View invoice ${invoice.number}` }).click();
  await expect(page.getByText("Thank you — this invoice is paid in full.")).toBeVisible();
  await expect(page.getByTestId("amount-due")).toHaveText(money(0));
  await expect(page.getByRole("button", { name: /^Pay now/ })).toHaveCount(0);
  await expect(page.getByText("Card", { exact: true })).toBeVisible();

  const after = await ledger(customer.customerId, invoice.id, customer.email);
  expect(after).toMatchObject({
    status: "PAID",
    paidMinor: before.paidMinor + invoice.amountDueMinor,
    payments: before.payments + 1,
    allocations: before.allocations + 1,
    receipts: before.receipts + 1,
  });
  const [card] = await sql<{ method: string; amountMinor: number; gatewayPaymentId: string }>(
    `SELECT p.method::text AS method, p."amountMinor", p."gatewayPaymentId" FROM "Payment" p
       JOIN "CheckoutSession" s ON s."paymentId" = p.id WHERE s."gatewaySessionId" = $1`,
    [sessionId],
  );
  expect(card).toMatchObject({ method: "CARD", amountMinor: invoice.amountDueMinor });

  // --- The receipt is in the outbox, addressed to the customer -----------------------------
  const [receipt] = await sql<{ subject: string; text: string }>(
    `SELECT subject, text FROM "EmailMessage" WHERE "toAddress" = $1 AND template = 'payment_received'
      ORDER BY "createdAt" DESC LIMIT 1`,
    [customer.email],
  );
  expect(receipt.subject).toBe(`Receipt: we received ${money(invoice.amountDueMinor)}`);
  expect(receipt.text).toContain(invoice.number);

  // --- The gateway delivers the same event again (twice): nothing changes ------------------
  const event = await completedEvent(sessionId);
  for (let i = 0; i < 2; i++) {
    const replay = await deliverWebhook(baseURL as string, event);
    expect(replay.status).toBe(200);
    expect(replay.body.outcome).toMatch(/^duplicate/);
  }
  // A forged signature is refused outright.
  const forged = await deliverWebhook(baseURL as string, { ...event, id: `${event.id}_forged` }, { forge: true });
  expect(forged.status).toBe(400);
  expect(forged.body.outcome).toMatch(/signature/);

  expect(await ledger(customer.customerId, invoice.id, customer.email)).toEqual(after);
  await page.reload();
  await expect(page.getByTestId("amount-due")).toHaveText(money(0));
});
