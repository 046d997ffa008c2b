// Bulk notice (J5's notifications): a NOC engineer schedules a maintenance notice to the active
// subscribers behind the demo OLT; the embedded Inngest executor sends it at the scheduled time,
// within the rate limit. Jonas Weber opted out of maintenance notices (demo seed) and gets
// nothing; the demo subscriber (Anna Schmidt) finds it in the portal inbox, and the email is in
// the tenant's outbox (mailbox page).
import { confirmDialog, DEMO, expect, signIn, signOut, sql, test } from "./support";

// The schedule is typed as local time: make the browser's local time UTC.
test.use({ timezoneId: "UTC" });

const TITLE = `Fiber works in Kreuzberg ${Date.now().toString(36)}`;
const MESSAGE = "Our partner works on the fiber duct on Thursday between 9:00 and 12:00.";

test("an operator schedules a bulk notice; opted-out recipients get nothing, the others see it in the inbox and the outbox", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page, DEMO.noc);
  // The template first: its preview with sample data, in the tenant's branding.
  await page.goto("/noc/notifications?t=service_notice");
  await expect(page.getByTestId("preview-subject")).toHaveText("Street works on River Street");
  await expect(page.frameLocator('iframe[title="Email preview"]').getByText("Acme Fiber").first()).toBeVisible();
  await page.getByRole("tab", { name: "SMS" }).click();
  await expect(page.getByTestId("preview-sms")).toContainText("Acme Fiber: Our partner will work on the fiber duct");
  await page.goto("/noc/notifications/bulk");
  await expect(page.getByRole("heading", { name: "Bulk sends" })).toBeVisible();
  await page.getByRole("link", { name: "New bulk send" }).click();

  // Message: the service notice template, by email and in the portal inbox (its defaults).
  await expect(page.getByRole("heading", { name: "New bulk send" })).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill(TITLE);
  await expect(page.getByLabel("Template")).toHaveValue("service_notice");
  await page.getByLabel("Title").fill(TITLE);
  await page.getByLabel("Message").fill(MESSAGE);
  await expect(page.getByRole("checkbox", { name: "Email" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Inbox" })).toBeChecked();

  // Recipients: active subscribers behind the demo OLT. The count says one is skipped per channel.
  await expect(page.getByRole("checkbox", { name: "Active" })).toBeChecked();
  await page.getByLabel("Behind OLT").selectOption({ label: "Acme-OLT-1" });
  const preview = page.getByTestId("recipient-preview");
  await expect(preview).toContainText(/\d+ matching subscribers/);
  await expect(preview).toContainText("Email:");
  await expect(preview).toContainText("1 skipped (opted out or no address)");
  // The count must reflect the OLT filter (the preview keeps the previous answer while it reloads).
  const [{ n: matching }] = await sql<{ n: number }>(
    `SELECT count(DISTINCT s.id)::int AS n FROM "Subscriber" s JOIN "Onu" o ON o."subscriberId" = s.id
       JOIN "Olt" t ON t.id = o."oltId" WHERE t.name = $1 AND s.status = 'ACTIVE'`,
    ["Acme-OLT-1"],
  );
  expect(matching).toBeGreaterThanOrEqual(3);
  await expect(preview.locator("strong").first()).toHaveText(new RegExp(`^${matching} matching subscriber`));

  // When: in 20 seconds.
  await page.getByLabel("Schedule for later").check();
  const at = new Date(Date.now() + 20_000).toISOString().slice(0, 19);
  await page.getByLabel("Send at").fill(at);
  await page.getByRole("button", { name: "Schedule…" }).click();
  await expect(page.getByRole("dialog")).toContainText(`to ${matching} subscribers by Email, Inbox`);
  await confirmDialog(page);

  // The detail page: scheduled, then sent by the executor, with live progress.
  await page.waitForURL(/\/noc\/notifications\/bulk\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: TITLE })).toBeVisible();
  await expect(page.getByText("Scheduled", { exact: true }).first()).toBeVisible();
  await expect(page.getByText("Completed", { exact: true }).first()).toBeVisible({ timeout: 90_000 });
  await expect(page.getByRole("progressbar", { name: "Progress" })).toHaveAttribute("aria-valuenow", "100");
  const perChannel = page.getByRole("table", { name: "Per channel" });
  for (const channel of ["Email", "Inbox"])
    await expect(perChannel.getByRole("row", { name: new RegExp(`^${channel}`) })).toHaveText(
      new RegExp(`${channel}\\s*0\\s*${matching - 1}\\s*1\\s*0`),
    );

  // The opted-out subscriber got nothing at all; each of the others exactly one of each.
  const counts = await sql<{ username: string; emails: number; inbox: number }>(
    `SELECT s.username,
       (SELECT count(*)::int FROM "EmailMessage" e WHERE e."toAddress" = c.email AND e.subject = $1) AS emails,
       (SELECT count(*)::int FROM "InboxItem" i WHERE i."subscriberId" = s.id AND i.title = $1) AS inbox
     FROM "Subscriber" s JOIN "Customer" c ON c.id = s."customerId"
     WHERE s.username IN ('jonas.weber@acme-fiber', 'anna.schmidt@acme-fiber')`,
    [TITLE],
  );
  expect(counts.find((c) => c.username.startsWith("jonas"))).toMatchObject({ emails: 0, inbox: 0 });
  expect(counts.find((c) => c.username.startsWith("anna"))).toMatchObject({ emails: 1, inbox: 1 });

  // The delivery log shows the sent messages of this send.
  await page.getByRole("link", { name: "Open in delivery log" }).click();
  await expect(page.getByRole("heading", { name: "Delivery log" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "anna.schmidt@example.com" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "jonas.weber" })).toHaveCount(0);
  await signOut(page);

  // The demo subscriber sees it in the portal inbox (the bell counts it) and marks it read.
  await signIn(page, DEMO.subscriber);
  await page.goto("/portal/inbox");
  await expect(page.getByTestId("inbox-bell")).toHaveAccessibleName(/Inbox, \d+ unread/);
  const item = page.getByTestId("inbox-item").filter({ hasText: TITLE });
  await expect(item).toBeVisible();
  await expect(item).toContainText(MESSAGE);
  await expect(item).toContainText("New");
  await page.getByRole("row").filter({ hasText: TITLE }).getByRole("button", { name: "Mark read" }).click();
  await expect(item).not.toContainText("New");
  // Preferences: account messages by email cannot be turned off; maintenance can.
  await page.goto("/portal/preferences");
  await expect(page.getByRole("checkbox", { name: "Account and service (required) by Email" })).toBeDisabled();
  await expect(page.getByRole("checkbox", { name: "Planned maintenance by Email" })).toBeEnabled();
  await signOut(page);

  // The email is in the tenant's outbox, for everyone but the opted-out subscriber.
  await signIn(page, DEMO.tenantAdmin);
  await page.goto(`/settings/mailbox?q=${encodeURIComponent(TITLE)}`);
  await expect(page.getByRole("row").filter({ hasText: "anna.schmidt@example.com" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: TITLE })).toHaveCount(matching - 1);
  await expect(page.getByRole("row").filter({ hasText: "jonas.weber@example.com" })).toHaveCount(0);
});
