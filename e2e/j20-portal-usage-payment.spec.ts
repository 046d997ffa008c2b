// J20 Portal usage and payment: the subscriber sees usage by day and by month (from RADIUS
// accounting), the plan, invoices (the PDF is a real PDF) and the balance, and pays — on a
// phone-sized screen.
import { readFile } from "node:fs/promises";
import { demoCustomer, gb, money, openInvoices, payOnHostedCheckout } from "./portal-support";
import { DEMO, expect, signIn, sql, test } from "./support";

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

/** Bytes per UTC day / month as the portal attributes them (the session's last record). */
async function usage(subscriberId: string, unit: "day" | "month", offset: number) {
  const [row] = await sql<{ label: string; bytes: string }>(
    `SELECT to_char(date_trunc($2::text, now() AT TIME ZONE 'UTC') - ($3::text || ' ' || $2::text)::interval, 'YYYY-MM-DD') AS label,
            COALESCE(SUM(COALESCE(acctinputoctets, 0) + COALESCE(acctoutputoctets, 0)), 0)::text AS bytes
       FROM radacct
      WHERE subscriber_id = $1
        AND date_trunc($2::text, COALESCE(acctstoptime, acctupdatetime, acctstarttime) AT TIME ZONE 'UTC')
            = date_trunc($2::text, now() AT TIME ZONE 'UTC') - ($3::text || ' ' || $2::text)::interval`,
    [subscriberId, unit, String(offset)],
  );
  return { label: new Date(`${row.label}T00:00:00Z`), bytes: Number(row.bytes) };
}

test("a subscriber sees plan, balance, usage and invoices on a phone, downloads a PDF and pays", async ({ page }) => {
  const customer = await demoCustomer();
  const open = await openInvoices(customer.customerId);
  expect(open.length, "the demo subscriber has an open invoice").toBeGreaterThan(0);
  const balance = open.reduce((s, i) => s + i.amountDueMinor, 0);

  // --- Overview: plan and balance --------------------------------------------------------
  await signIn(page, DEMO.subscriber);
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByRole("heading", { name: "My account" })).toBeVisible();
  await expect(page.getByRole("heading", { name: customer.planName })).toBeVisible();
  await expect(page.getByTestId("balance-due")).toHaveText(money(balance));
  await expect(page.getByRole("button", { name: `Pay now ${money(open[0].amountDueMinor)}` })).toBeVisible();
  // Nothing is wider than the phone's screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // --- Usage by day and by month, the numbers of the accounting records -------------------
  await page.getByRole("button", { name: "Open menu" }).click();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Usage" }).click();
  await expect(page.getByRole("heading", { name: "Usage", level: 1 })).toBeVisible();
  await expect(page.getByRole("img", { name: /^Usage by day: .* over 30 periods/ })).toBeVisible();
  await expect(page.getByRole("img", { name: /^Usage by month: / })).toBeVisible();

  const yesterday = await usage(customer.subscriberId, "day", 1);
  expect(yesterday.bytes, "the seed has accounting for yesterday").toBeGreaterThan(0);
  const byDay = page.locator("section.card", { has: page.getByRole("heading", { name: "By day" }) });
  await byDay.getByText("Show as a table").click();
  const dayLabel = new Intl.DateTimeFormat("en", { day: "numeric", month: "short", timeZone: "UTC" }).format(
    yesterday.label,
  );
  await expect(
    byDay
      .getByRole("row", { name: new RegExp(`^${dayLabel} `) })
      .getByRole("cell")
      .last(),
  ).toHaveText(gb(yesterday.bytes));

  const lastMonth = await usage(customer.subscriberId, "month", 1);
  expect(lastMonth.bytes, "the seed has accounting for last month").toBeGreaterThan(0);
  const byMonth = page.locator("section.card", { has: page.getByRole("heading", { name: "By month" }) });
  await byMonth.getByText("Show as a table").click();
  const monthLabel = new Intl.DateTimeFormat("en", { month: "short", year: "numeric", timeZone: "UTC" }).format(
    lastMonth.label,
  );
  await expect(
    byMonth
      .getByRole("row", { name: new RegExp(`^${monthLabel} `) })
      .getByRole("cell")
      .last(),
  ).toHaveText(gb(lastMonth.bytes));
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // --- Invoices: the list, and a PDF that is a PDF ---------------------------------------
  await page.goto("/portal/invoices");
  await expect(page.getByRole("heading", { name: "Invoices", level: 1 })).toBeVisible();
  const [paid] = await sql<{ id: string; number: string }>(
    `SELECT id, number FROM "Invoice" WHERE "customerId" = $1 AND status = 'PAID' ORDER BY sequence LIMIT 1`,
    [customer.customerId],
  );
  const paidRow = page.getByRole("row", { name: new RegExp(paid.number) });
  await expect(paidRow.getByText("Paid", { exact: true })).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    paidRow.getByRole("link", { name: `Download invoice ${paid.number} as PDF` }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`${paid.number}.pdf`);
  const pdf = await readFile((await download.path()) as string);
  expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  expect(pdf.length).toBeGreaterThan(1000);
  // Another customer's invoice (or a made-up id) is not there.
  const foreign = await page.request.get("/portal/invoices/00000000-0000-4000-8000-000000000000/pdf");
  expect(foreign.status()).toBe(404);

  // --- Pay the balance's first invoice from the overview ---------------------------------
  await page.goto("/portal");
  await page.getByRole("button", { name: `Pay now ${money(open[0].amountDueMinor)}` }).click();
  await payOnHostedCheckout(page, open[0].amountDueMinor);
  await expect(page.getByText("Payment received")).toBeVisible();
  await page.getByRole("link", { name: "Back to my account" }).click();
  const left = balance - open[0].amountDueMinor;
  if (left > 0) await expect(page.getByTestId("balance-due")).toHaveText(money(left));
  else await expect(page.getByText("You are all paid up")).toBeVisible();
  const [after] = await sql<{ status: string }>(`SELECT status::text AS status FROM "Invoice" WHERE id = $1`, [
    open[0].id,
  ]);
  expect(after.status).toBe("PAID");
});
