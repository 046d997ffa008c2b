// J4 Voluntary disconnect. A customer service rep cancels Mehmet Yilmaz's service from today:
// the preview lists every teardown step and the final prorated invoice; confirmed, the teardown
// job completes and nothing is left — no RADIUS rows, no IPAM address, no ONU in VOLTHA or CPE in
// the ACS (a drift scan of the live systems finds nothing), the billing subscription ended with
// its final invoice — and his ONU is owed back by a due date, with a removal order. Then the
// tenant's billing clock moves (no sleeping): past the due date he is reminded once; past the
// grace the ONU is charged once, on his next invoice. Mehmet is a demo subscriber no other
// journey uses; the clock is put back at the end.
import { DEMO, expect, expectToast, signIn, sql, test } from "./support";

const USERNAME = "mehmet.yilmaz@acme-fiber";
const ONU = "ACME100004";

const one = async <T extends Record<string, unknown>>(text: string, params: unknown[] = []) =>
  (await sql<T>(text, params))[0];

test("a CSR cancels a service: final invoice, teardown leaves nothing, the unreturned ONU is charged once", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const sub = await one<{ id: string; tenantId: string }>(
    `SELECT id::text, "tenantId"::text FROM "Subscriber" WHERE username = $1`,
    [USERNAME],
  );
  const clockBefore =
    (
      await one<{ s: number }>(`SELECT "offsetSeconds" AS s FROM "BillingClock" WHERE "tenantId" = $1::uuid`, [
        sub.tenantId,
      ])
    )?.s ?? null;
  const advance = (days: number) =>
    sql(
      `INSERT INTO "BillingClock" ("tenantId", "offsetSeconds", "updatedAt") VALUES ($1::uuid, $2::int, now())
       ON CONFLICT ("tenantId") DO UPDATE
         SET "offsetSeconds" = "BillingClock"."offsetSeconds" + EXCLUDED."offsetSeconds", "updatedAt" = now()`,
      [sub.tenantId, days * 86_400],
    );
  try {
    // The CSR previews and confirms the cancellation from today.
    await signIn(page, DEMO.csr);
    await page.goto(`/noc/subscribers/${sub.id}`);
    await expect(page.getByRole("heading", { name: USERNAME, level: 1 })).toBeVisible();
    await page.getByRole("button", { name: "Cancel service" }).click();
    const dialog = page.getByRole("dialog");
    const plan = dialog.getByTestId("saga-plan");
    await expect(plan).toContainText("Remove");
    await expect(plan).toContainText(/End billing on \d{4}-\d{2}-\d{2} and issue the final invoice/);
    await expect(plan).toContainText(`Disable ONU ${ONU}`);
    await dialog.getByRole("textbox").fill(USERNAME);
    await dialog.getByRole("button", { name: "Terminate" }).click();
    await expectToast(page, "Teardown started");

    await expect
      .poll(
        async () =>
          (
            await one<{ status: string }>(
              `SELECT status::text FROM "OrchestrationJob" WHERE "subscriberId" = $1::uuid AND type = 'deprovision-subscriber'`,
              [sub.id],
            )
          )?.status,
        { timeout: 60_000 },
      )
      .toBe("COMPLETED");
    await expect(page.getByText("Cancelled: the service ends on")).toBeVisible();

    // Nothing left behind in RADIUS, IPAM, our copies of VOLTHA and the ACS, billing.
    const left = await one<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM radcheck WHERE username = $1) AS radcheck,
              (SELECT count(*)::int FROM radreply WHERE username = $1) AS radreply,
              (SELECT count(*)::int FROM radusergroup WHERE username = $1) AS radusergroup,
              (SELECT count(*)::int FROM "IpAddress" WHERE "subscriberId" = $2::uuid) AS addresses,
              (SELECT count(*)::int FROM "Onu" WHERE "subscriberId" = $2::uuid) AS onus,
              (SELECT count(*)::int FROM "Cpe" WHERE "subscriberId" = $2::uuid) AS cpes,
              (SELECT count(*)::int FROM "BillingSubscription" WHERE "subscriberId" = $2::uuid AND status <> 'ENDED') AS billing`,
      [USERNAME, sub.id],
    );
    expect(left).toEqual({ radcheck: 0, radreply: 0, radusergroup: 0, addresses: 0, onus: 0, cpes: 0, billing: 0 });

    // The final invoice, prorated to today, with every line.
    const final = await one<{ id: string; number: string }>(
      `SELECT id::text, number FROM "Invoice" WHERE "subscriberId" = $1::uuid AND kind = 'final'`,
      [sub.id],
    );
    const lines = await sql<{ description: string }>(
      `SELECT description FROM "InvoiceLine" WHERE "invoiceId" = $1::uuid ORDER BY position`,
      [final.id],
    );
    expect(lines.length).toBeGreaterThan(0);
    await page.goto(`/billing/invoices/${final.id}`);
    await expect(page.getByRole("heading", { name: final.number, level: 1 })).toBeVisible();
    for (const l of lines) await expect(page.getByText(l.description, { exact: false }).first()).toBeVisible();

    // The ONU is owed back in 14 days, with a removal order.
    // (The termination's own job opens them, just after the teardown.)
    const due = () =>
      one<{ status: string; days: number }>(
        `SELECT r.status::text,
                (r."dueOn" - ((now() AT TIME ZONE 'UTC') + make_interval(secs => coalesce(c."offsetSeconds", 0)))::date)::int AS days
           FROM "EquipmentReturn" r JOIN "InventoryItem" i ON i.id = r."itemId"
           LEFT JOIN "BillingClock" c ON c."tenantId" = r."tenantId"
          WHERE r."subscriberId" = $1::uuid AND i.serial = $2`,
        [sub.id, ONU],
      );
    await expect.poll(due, { timeout: 30_000 }).toEqual({ status: "OPEN", days: 14 });
    expect(
      await one(`SELECT type::text FROM "WorkOrder" WHERE "subscriberId" = $1::uuid AND type = 'REMOVAL'`, [sub.id]),
    ).toEqual({ type: "REMOVAL" });

    // The NOC: the live systems agree nothing is left (a drift scan), then the returns.
    const nocContext = await browser.newContext();
    const noc = await nocContext.newPage();
    await signIn(noc, DEMO.noc);
    await noc.goto(`/noc/drift?q=${encodeURIComponent(USERNAME)}`);
    await noc.getByRole("button", { name: "Scan now" }).click();
    await expectToast(noc, "Scan started");
    await expect(noc.getByRole("button", { name: "Scan now" })).toBeEnabled({ timeout: 60_000 });
    await expect(noc.getByText("Nothing matches")).toBeVisible();

    const returns = noc.getByRole("region", { name: "Equipment returns" });
    const check = async (result: string) => {
      await returns.getByRole("button", { name: "Check returns now" }).click();
      await noc.getByRole("dialog").getByRole("button", { name: "Check returns" }).click();
      await expectToast(noc, `Returns checked: ${result}`);
    };
    await noc.goto("/noc/inventory");
    const row = returns.getByRole("row").filter({ hasText: ONU });
    await expect(row).toContainText("Awaiting return");

    // A day past the due date: one reminder, nothing charged; again, nothing more.
    await advance(15);
    await check("1 reminded, 0 charged");
    await expect(row).toContainText("Overdue");
    await check("0 reminded, 0 charged");
    const notices = await sql(
      `SELECT 1 FROM "Notification" WHERE "subscriberId" = $1::uuid AND template = 'equipment_return_due'`,
      [sub.id],
    );
    expect(notices).toHaveLength(1);

    // Past the 7-day grace: charged once, on the next invoice; checking again charges nothing.
    await advance(7);
    await check("0 reminded, 1 charged");
    await check("0 reminded, 0 charged");
    await expect(row).toContainText("Charged");
    const charged = await sql<{ id: string; number: string }>(
      `SELECT i.id::text, i.number FROM "Invoice" i JOIN "InvoiceLine" l ON l."invoiceId" = i.id
        WHERE i."subscriberId" = $1::uuid AND l.description = $2`,
      [sub.id, `Unreturned GPON ONU (${ONU})`],
    );
    expect(charged).toHaveLength(1);
    await page.goto(`/billing/invoices/${charged[0]?.id}`);
    await expect(page.getByText(`Unreturned GPON ONU (${ONU})`)).toBeVisible();
    await nocContext.close();
  } finally {
    await sql(`UPDATE "BillingClock" SET "offsetSeconds" = $2 WHERE "tenantId" = $1::uuid`, [
      sub.tenantId,
      clockBefore ?? 0,
    ]);
  }
});
