// Helpers for the subscriber-portal journeys (J9, J20): reading the app's database underneath
// the UI (E2E_DATABASE_URL), paying on the fake gateway's hosted checkout, and the gateway's
// own API (PAYMENTS_BASE_URL, set by simulator/payments/e2e-service.ts).
import type { Page } from "@playwright/test";
import { stripeSignature } from "../simulator/payments/server.ts";
import { DEMO, expect, sql } from "./support";

/** The demo subscriber's customer, its email and its (first) billed service. */
export async function demoCustomer() {
  const [row] = await sql<{
    customerId: string;
    email: string;
    subscriberId: string;
    planName: string;
    currency: string;
  }>(
    `SELECT u."customerId", c.email, s."subscriberId", p.name AS "planName", s.currency
       FROM "User" u JOIN "Customer" c ON c.id = u."customerId"
       JOIN "BillingSubscription" s ON s."customerId" = c.id
       JOIN "Plan" p ON p.id = s."planId"
      WHERE u.email = $1 ORDER BY s."createdAt" LIMIT 1`,
    [DEMO.subscriber.email],
  );
  if (!row) throw new Error("the demo subscriber has no billed service: is the portal billing seed loaded?");
  return row;
}

export type OpenInvoice = { id: string; number: string; kind: string; amountDueMinor: number; totalMinor: number };

export async function openInvoices(customerId: string) {
  return sql<OpenInvoice>(
    `SELECT id, number, kind, "totalMinor" - "paidMinor" - "creditedMinor" AS "amountDueMinor", "totalMinor"
       FROM "Invoice" WHERE "customerId" = $1 AND status IN ('ISSUED', 'PARTIALLY_PAID')
      ORDER BY "dueDate", sequence`,
    [customerId],
  );
}

/** What a person sees for an amount in minor units (the demo tenant: locale en). */
export function money(minor: number, currency = "EUR") {
  return new Intl.NumberFormat("en", { style: "currency", currency }).format(minor / 100);
}

/** The portal's gigabyte formatting (app/portal/portal-ui.tsx). */
export function gb(bytes: number) {
  const v = bytes / 1e9;
  const digits = v >= 100 ? 0 : v >= 10 ? 1 : 2;
  return `${new Intl.NumberFormat("en", { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(v)} GB`;
}

/**
 * On the gateway's hosted checkout page (already open): checks the amount, pays with the test
 * card and waits to be back in the portal. Returns the checkout session id.
 */
export async function payOnHostedCheckout(page: Page, amountMinor: number) {
  const gateway = new URL(process.env.PAYMENTS_BASE_URL ?? "http://unset");
  await page.waitForURL((url) => url.host === gateway.host && url.pathname.startsWith("/checkout/"));
  const sessionId = new URL(page.url()).pathname.split("/").pop() as string;
  await expect(page.getByTestId("checkout-amount")).toHaveText(money(amountMinor));
  await expect(page.getByLabel("Card number")).toHaveValue("4242 4242 4242 4242");
  await page.getByRole("button", { name: `Pay ${money(amountMinor)}` }).click();
  await page.waitForURL(
    (url) => url.pathname === "/portal/pay/return" && url.searchParams.get("session_id") === sessionId,
  );
  return sessionId;
}

/** The gateway's checkout.session.completed event for a session, as its API lists it. */
export async function completedEvent(sessionId: string) {
  const res = await fetch(`${process.env.PAYMENTS_BASE_URL}/v1/events?type=checkout.session.completed&limit=100`, {
    headers: { authorization: `Bearer ${process.env.PAYMENTS_SECRET_KEY}` },
  });
  expect(res.status).toBe(200);
  const list = (await res.json()) as { data: Array<{ id: string; data: { object: { id: string } } }> };
  const event = list.data.find((e) => e.data.object.id === sessionId);
  if (!event) throw new Error(`the gateway has no completed event for ${sessionId}`);
  return event;
}

/** Delivers an event to the app's webhook endpoint as the gateway does (signed), or with a forged signature. */
export async function deliverWebhook(baseURL: string, event: unknown, opts: { forge?: boolean } = {}) {
  const body = JSON.stringify(event);
  const secret = opts.forge ? "whsec_not_the_secret" : (process.env.PAYMENTS_WEBHOOK_SECRET as string);
  const res = await fetch(`${baseURL}/api/webhooks/payments`, {
    method: "POST",
    headers: { "content-type": "application/json", "stripe-signature": stripeSignature(body, secret) },
    body,
  });
  return { status: res.status, body: (await res.json()) as { received: boolean; outcome: string } };
}
