// J8 Invoice generation: the billing clerk starts the billing run from the UI and watches it;
// every active subscription gets one invoice — recurring charge, the prorated first part-cycle,
// the router (one-off), usage over the allowance on the capped plan, tax — numbered in sequence;
// the PDF is a real PDF, the invoice email is in the outbox, and starting the run again
// creates nothing twice. The demo seed (server/modules/billing/seed.ts) gives the subscriptions.
import { DEMO, expect, signIn, sql, test } from "./support";

const TENANT = `(SELECT id FROM "Tenant" WHERE slug = 'acme-fiber')`;

test("the billing run invoices every active subscription once, with a PDF and an email", async ({ page }) => {
  const [{ max: lastNumberBefore }] = await sql<{ max: number | null }>(
    `SELECT max(sequence)::int AS max FROM "Invoice" WHERE "tenantId" = ${TENANT} AND sequence IS NOT NULL`,
  );

  await signIn(page, DEMO.billing);
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Billing runs" }).click();
  await expect(page.getByRole("heading", { name: "Billing runs" })).toBeVisible();
  await page.getByRole("button", { name: "Start billing run" }).click();

  // The run page follows the run to the end.
  await expect(page).toHaveURL(/\/billing\/runs\/[0-9a-f-]{36}$/);
  const runUrl = page.url();
  // Due: every active subscription that started before this cycle (one started in it, e.g. by
  // J1's provisioning, is billed through the cycle's end at its start), less those whose cycle
  // was already invoiced outside any run (the portal demo's subscriber was billed by its seed).
  const [{ n: activeSubscriptions }] = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM "BillingSubscription" b JOIN "BillingRun" r ON r.id = $1::uuid
      WHERE b."tenantId" = ${TENANT} AND b.status = 'ACTIVE' AND b."startedOn" < r."periodStart"
        AND NOT EXISTS (SELECT 1 FROM "Invoice" i
          WHERE i."subscriptionId" = b.id AND i."periodStart" = r."periodStart" AND i."billingRunId" IS NULL)`,
    [runUrl.split("/").pop()],
  );
  // The demo seed's six live services, less Mehmet's when J4's spec has ended it first.
  expect(activeSubscriptions).toBeGreaterThanOrEqual(5);
  await expect(page.getByRole("heading", { name: /^Billing run / })).toBeVisible();
  await expect(page.getByTestId("run-progress")).toContainText(
    `${activeSubscriptions} of ${activeSubscriptions} subscriptions processed (100%), ${activeSubscriptions} invoice(s) emailed`,
    { timeout: 60_000 },
  );
  await expect(page.getByTestId("run-invoices")).toHaveText(String(activeSubscriptions));
  await expect(page.locator(".page-header-actions")).toContainText(/completed/i);

  // One invoice per subscription, numbers in an unbroken sequence after the last one issued.
  const table = page.getByRole("table", { name: "Invoices of this run" });
  await expect(table.getByRole("row")).toHaveCount(activeSubscriptions + 1);
  const numbers = (await table.locator("tbody tr td:first-child").allInnerTexts()).map((s) => s.trim()).sort();
  const first = (lastNumberBefore ?? 0) + 1;
  expect(numbers).toEqual(
    Array.from({ length: activeSubscriptions }, (_, i) => `ACME-${String(first + i).padStart(6, "0")}`),
  );
  const perSubscription = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM "Invoice" WHERE "tenantId" = ${TENANT} AND "billingRunId" IS NOT NULL
      GROUP BY "subscriptionId"`,
  );
  expect(perSubscription).toHaveLength(activeSubscriptions);
  expect(perSubscription.every((r) => r.n === 1)).toBe(true);

  // Sofia is on the capped plan and used more than her allowance last cycle.
  await page.getByPlaceholder("Number or customer…").fill("Sofia Rossi");
  await expect(table.getByRole("row")).toHaveCount(2);
  await table.getByRole("row").nth(1).getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: /^Invoice ACME-\d{6}$/ })).toBeVisible();
  const invoiceNumber = (await page.getByRole("heading", { name: /^Invoice / }).textContent())?.replace("Invoice ", "");
  for (const kind of ["RECURRING", "PRORATION", "ONE_OFF", "USAGE"])
    await expect(page.locator(`tr[data-kind="${kind}"]`)).toHaveCount(1);
  await expect(page.locator('tr[data-kind="USAGE"]')).toContainText("Data over the 100 GB allowance: 60 GB");
  await expect(page.locator('tr[data-kind="ONE_OFF"]')).toContainText("Wi-Fi 6 router");
  await expect(page.locator('tr[data-kind="RECURRING"]')).toContainText("VAT 19%");
  const [inv] = await sql<{ id: string; taxMinor: number; totalMinor: number }>(
    `SELECT id, "taxMinor", "totalMinor" FROM "Invoice" WHERE number = $1`,
    [invoiceNumber],
  );
  expect(inv.taxMinor).toBeGreaterThan(0);

  // The PDF is a real PDF.
  const pdf = await page.request.get(`/billing/invoices/${inv.id}/pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  const bytes = await pdf.body();
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  expect(bytes.subarray(-6).toString()).toContain("%%EOF");
  expect(bytes.length).toBeGreaterThan(1500);

  // The invoice email is in the outbox, once.
  const mails = await sql<{ subject: string }>(
    `SELECT subject FROM "EmailMessage" WHERE "toAddress" = 'sofia.rossi@example.com' AND template = 'invoice_issued'`,
  );
  expect(mails.map((m) => m.subject)).toEqual([`Invoice ${invoiceNumber}`]);

  // Running the cycle again creates nothing: the same run, the same invoices.
  await page.goto("/billing/runs");
  await page.getByRole("button", { name: "Start billing run" }).click();
  await expect(page).toHaveURL(runUrl);
  await expect(page.getByTestId("run-invoices")).toHaveText(String(activeSubscriptions));
  const [{ n: afterRerun }] = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM "Invoice" WHERE "tenantId" = ${TENANT} AND "billingRunId" IS NOT NULL`,
  );
  expect(afterRerun).toBe(activeSubscriptions);
  await page.goto("/billing/runs");
  await expect(page.getByRole("table", { name: "Billing runs" }).getByRole("row")).toHaveCount(2);
});
