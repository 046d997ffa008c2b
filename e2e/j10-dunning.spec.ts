// J10 Dunning (and J3 suspension for non-payment): Tomasz Nowak's last invoice is overdue (demo
// seed). The billing clerk checks the policy (the editor refuses a disconnect before the
// suspension), then walks the days on the tenant's billing clock — no sleeping: day 3 reminder
// email, day 7 SMS, day 14 suspension through the suspend saga (subscriber SUSPENDED, RADIUS
// suspended group, the live session disconnected by a Disconnect-Request and the CPE's re-dial
// rejected). A bank transfer recorded by the clerk clears the overdue balance: the sequence
// stops and the restore saga brings the service back (the CPE's next dial is accepted).
import { confirmDialog, DEMO, expect, expectToast, signIn, sql, test } from "./support";

const USERNAME = "tomasz.nowak@acme-fiber";
const EMAIL = "tomasz.nowak@example.com";

const bng = () => {
  const url = process.env.BNG_CONTROL_URL;
  if (!url) throw new Error("BNG_CONTROL_URL is not set: the AAA e2e service (radius/e2e-service.ts) did not start");
  return url;
};
async function sessions(): Promise<number> {
  const all = (await (await fetch(`${bng()}/sessions`)).json()) as Array<{ username: string }>;
  return all.filter((s) => s.username === USERNAME).length;
}
const groups = async () =>
  (await sql<{ groupname: string }>("SELECT groupname FROM radusergroup WHERE username = $1", [USERNAME])).map(
    (g) => g.groupname,
  );
const status = async () =>
  (await sql<{ status: string }>(`SELECT status::text FROM "Subscriber" WHERE username = $1`, [USERNAME]))[0]?.status;

test("an overdue invoice walks the policy to suspension and a payment restores the service", async ({ page }) => {
  test.setTimeout(180_000);
  const [overdue] = await sql<{ number: string; open: number; days: number }>(
    `SELECT i.number, (i."totalMinor" - i."paidMinor" - i."creditedMinor")::int AS open,
            ((now() AT TIME ZONE 'UTC')::date - i."dueDate")::int AS days
       FROM "Invoice" i JOIN "Subscriber" s ON s.id = i."subscriberId"
      WHERE s.username = $1 AND i.status IN ('ISSUED', 'PARTIALLY_PAID') AND i."dueDate" < (now() AT TIME ZONE 'UTC')::date
      ORDER BY i."dueDate" LIMIT 1`,
    [USERNAME],
  );
  expect(overdue, "the demo seed gives Tomasz an overdue invoice").toBeTruthy();
  expect(overdue.days).toBeLessThan(3);
  // His CPE is online (the BNG simulator dials every demo subscriber).
  await expect.poll(sessions, { timeout: 30_000 }).toBe(1);

  await signIn(page, DEMO.billing);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dunning" }).click();
  await expect(page.getByRole("heading", { name: "Dunning", exact: true })).toBeVisible();

  // The policy: day 3 email, day 7 SMS, day 14 suspend, day 30 disconnect. A disconnect
  // before the suspension is refused with a message; the valid policy is saved.
  const policy = page.getByTestId("dunning-policy");
  await expect(policy.getByLabel("Action of step 4")).toHaveValue("DISCONNECT");
  await policy.getByLabel("Day of step 4").fill("10");
  await policy.getByRole("button", { name: "Save policy" }).click();
  await expect(policy.getByText("Disconnect must come after the suspension")).toBeVisible();
  await policy.getByLabel("Day of step 4").fill("30");
  await policy.getByRole("button", { name: "Save policy" }).click();
  await expectToast(page, "Dunning policy saved");

  const row = () =>
    page.getByRole("table", { name: "Dunning queue" }).getByRole("row").filter({ hasText: "Tomasz Nowak" });
  const runDunning = async () => {
    await page.getByRole("button", { name: "Run dunning now" }).click();
    await confirmDialog(page);
    await expectToast(page, /Dunning ran for/);
  };
  // The tenant's billing clock moves forward (billing, payments and dunning read "today" from it).
  const advance = async (days: number) => {
    await sql(
      `INSERT INTO "BillingClock" ("tenantId", "offsetSeconds", "updatedAt")
         SELECT "tenantId", $2::int, now() FROM "Subscriber" WHERE username = $1
       ON CONFLICT ("tenantId") DO UPDATE
         SET "offsetSeconds" = "BillingClock"."offsetSeconds" + EXCLUDED."offsetSeconds", "updatedAt" = now()`,
      [USERNAME, days * 86_400],
    );
  };

  // Today: the case opens; the first step is due on day 3.
  await runDunning();
  await expect(row()).toContainText(`${overdue.days}`);
  await expect(row()).toContainText("None yet");
  await expect(row()).toContainText("Email reminder");

  // Day 3: the reminder email.
  await advance(3 - overdue.days);
  await runDunning();
  await expect(row()).toContainText("Email reminder (day 3)");
  await expect(row()).toContainText("SMS reminder");
  const reminders = await sql<{ subject: string }>(
    `SELECT subject FROM "EmailMessage" WHERE "toAddress" = $1 AND template = 'dunning_reminder'`,
    [EMAIL],
  );
  expect(reminders.map((r) => r.subject)).toEqual([`Reminder: invoice ${overdue.number} is 3 days overdue`]);

  // Day 7: the SMS.
  await advance(4);
  await runDunning();
  await expect(row()).toContainText("SMS reminder (day 7)");
  const sms = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM "NotificationDelivery" d JOIN "Subscriber" s ON s.id = d."subscriberId"
      WHERE s.username = $1 AND d.template = 'dunning_reminder' AND d.channel = 'SMS'`,
    [USERNAME],
  );
  expect(sms[0].n).toBe(1);
  expect(await status()).toBe("ACTIVE");

  // Day 14: suspended (the saga runs in the background).
  await advance(7);
  await runDunning();
  await expect(row()).toContainText("Suspend service (day 14)");
  await expect(row()).toContainText("Disconnect service");
  await expect.poll(status, { timeout: 30_000 }).toBe("SUSPENDED");
  await expect.poll(groups, { timeout: 10_000 }).toEqual(["suspended"]);
  // The live session was disconnected and the CPE's re-dials are rejected.
  await expect.poll(sessions, { timeout: 20_000 }).toBe(0);
  await page.waitForTimeout(2500); // a few re-dial attempts (the BNG re-dials every second)
  expect(await sessions()).toBe(0);
  const rejects = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM radpostauth WHERE username = $1 AND reply = 'Access-Reject'`,
    [USERNAME],
  );
  expect(rejects[0].n).toBeGreaterThan(0);
  await page.reload();
  await expect(row()).toContainText("Suspended");
  await row().getByText("Tomasz Nowak").click();
  const history = page.getByTestId("case-history");
  await expect(history.getByRole("row")).toHaveCount(4);
  await expect(history).toContainText("Suspend service");

  // The clerk records the bank transfer that clears the overdue balance.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Payments" }).click();
  await page.getByLabel("Find customer").fill("Tomasz");
  const customer = page.getByRole("combobox", { name: /^Customer/ });
  await expect(customer.locator("option", { hasText: "Tomasz Nowak" })).toHaveCount(1);
  await customer.selectOption({
    label: (await customer.locator("option", { hasText: "Tomasz Nowak" }).textContent())?.trim(),
  });
  await expect(page.getByText(/The payment goes to the oldest open invoices first/)).toBeVisible();
  await page.getByRole("textbox", { name: "Amount", exact: true }).fill((overdue.open / 100).toFixed(2));
  await page.getByRole("textbox", { name: "Reference", exact: true }).fill("SEPA-TN-1");
  await page.getByRole("button", { name: "Record payment" }).click();
  await expectToast(page, /Payment recorded: 1 invoice\(s\) paid/);

  // The sequence stops and the service comes back.
  await expect.poll(status, { timeout: 30_000 }).toBe("ACTIVE");
  expect(await groups()).not.toContain("suspended");
  await expect.poll(sessions, { timeout: 30_000 }).toBe(1);
  await page.goto("/billing/dunning");
  await expect(page.getByRole("table", { name: "Dunning queue" }).getByText("Tomasz Nowak")).toHaveCount(0);
  await page.getByLabel("Cases").selectOption("RESOLVED");
  await expect(row()).toContainText("Resolved");
  await row().getByText("Tomasz Nowak").click();
  await expect(page.getByTestId("case-history")).toContainText("Restore service");
  await expect(page.getByTestId("case-history")).toContainText("restored");

  // Running the day again changes nothing for him. (The clock is not moved further: the other
  // demo subscribers' invoices from J8 would fall due and other journeys use those services.)
  await runDunning();
  expect(await status()).toBe("ACTIVE");
  const actions = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM "DunningAction" a JOIN "DunningCase" c ON c.id = a."caseId"
       JOIN "Subscriber" s ON s.id = c."subscriberId" WHERE s.username = $1`,
    [USERNAME],
  );
  expect(actions[0].n).toBe(4); // email, SMS, suspend, restore
});
