// J21 Portal support: the subscriber opens a ticket with an attachment; the CSR sees it in
// the queue with its SLA clock and replies; the subscriber is notified (inbox and outbox) and
// answers by email through the inbound webhook; the CSR resolves; the subscriber closes it.
import { sendInboundEmail } from "../simulator/inbound-email/sender.ts";
import { confirmDialog, DEMO, expect, expectToast, signIn, signOut, sql, test } from "./support";

// A 1×1 PNG.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

test("a subscriber's ticket goes from the portal to the desk, by email and back, and is closed", async ({
  page,
  baseURL,
}) => {
  const subject = `Internet drops every evening ${Date.now().toString(36)}`;

  // --- The subscriber opens a request with a photo --------------------------------------
  await signIn(page, DEMO.subscriber);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Support" }).click();
  await expect(page.getByRole("heading", { name: "Support", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "New request" }).first().click();
  await page.getByLabel("Category").selectOption("FAULT");
  await page.getByLabel("Subject").fill(subject);
  await page
    .getByLabel("What happened?")
    .fill("Since Monday the connection drops around 8 pm. Photo of the router attached.");
  await page
    .getByLabel("Attach a photo or file")
    .setInputFiles({ name: "router.png", mimeType: "image/png", buffer: PNG });
  await page.getByRole("button", { name: "Send request" }).click();
  await expectToast(page, /Request T-\d+ sent/);
  await page.waitForURL(/\/portal\/tickets\/[0-9a-f-]{36}$/);
  const ticketId = page.url().split("/").pop() as string;
  await expect(page.getByRole("link", { name: "router.png" })).toBeVisible();
  await signOut(page);

  // --- The CSR lands on the queue, sees it with its SLA clock, and replies ------------------
  await signIn(page, DEMO.csr);
  await expect(page).toHaveURL(/\/support$/);
  const row = page.getByRole("row").filter({ hasText: subject });
  await expect(row).toBeVisible();
  await expect(row.getByText(/^(Reply due in|Reply overdue) /)).toBeVisible();
  await row.getByRole("link").first().click();
  await page.waitForURL(`**/support/tickets/${ticketId}`);
  await expect(page.getByRole("link", { name: "router.png" })).toBeVisible();
  await page
    .getByLabel("Reply to the customer")
    .fill("Sorry about that. Could you restart the router tonight and tell us if it drops again?");
  await page.getByLabel("Then set the status").selectOption("PENDING_CUSTOMER");
  await page.getByRole("button", { name: "Send reply" }).click();
  await expectToast(page, "Reply sent");
  await expect(page.locator(".page-header").getByText("Waiting on customer")).toBeVisible();

  // --- The subscriber is notified: portal inbox and email (with the ticket's reply address)
  const deliveries = await sql<{ channel: string }>(
    `SELECT d.channel FROM "NotificationDelivery" d JOIN "Notification" n ON n.id = d."notificationId"
      WHERE n.template = 'ticket_updated' AND n.data->>'ticketId' = $1 AND d.status IN ('SENT', 'DELIVERED')`,
    [ticketId],
  );
  expect(deliveries.map((d) => d.channel).sort()).toEqual(expect.arrayContaining(["EMAIL", "INBOX"]));
  const [mail] = await sql<{ replyTo: string; subject: string; toAddress: string }>(
    `SELECT "replyTo", subject, "toAddress" FROM "EmailMessage" WHERE template = 'ticket_updated'
      ORDER BY "createdAt" DESC LIMIT 1`,
  );
  expect(mail.replyTo).toMatch(/^support\+[0-9a-f]{32}@in\.acme-fiber\.example$/);

  // --- … and answers by email, through the provider's signed inbound webhook --------------
  const answer = await sendInboundEmail(
    `${baseURL}/api/webhooks/inbound-email`,
    {
      from: `Anna Schmidt <${mail.toAddress}>`,
      to: mail.replyTo,
      subject: `Re: ${mail.subject}`,
      text: "Restarted it at 7 pm, it dropped again at 8:10.\n\nOn Sunday, Support wrote:\n> Could you restart the router",
    },
    process.env.INBOUND_EMAIL_SIGNING_KEY as string,
  );
  expect(answer).toEqual({ status: 200, text: "reply added" });

  // --- The CSR sees the answer, the ticket is open again, and resolves it -----------------
  await page.reload();
  await expect(page.getByText("Restarted it at 7 pm, it dropped again at 8:10.")).toBeVisible();
  await expect(page.locator(".page-header").getByText("Open", { exact: true })).toBeVisible();
  await page.getByLabel("Status", { exact: true }).selectOption("RESOLVED");
  await expectToast(page, "Ticket updated");
  await expect(page.locator(".page-header").getByText("Resolved", { exact: true })).toBeVisible();
  await signOut(page);

  // --- The subscriber sees it resolved and closes it ---------------------------------------
  await signIn(page, DEMO.subscriber);
  await page.goto(`/portal/tickets/${ticketId}`);
  await expect(page.getByText("Restarted it at 7 pm, it dropped again at 8:10.")).toBeVisible();
  await expect(page.locator(".page-header").getByText("Resolved", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Close request" }).click();
  await confirmDialog(page);
  await expectToast(page, "Request closed");
  await expect(page.locator(".page-header").getByText("Closed", { exact: true })).toBeVisible();
  const [closed] = await sql<{ status: string }>(`SELECT status::text FROM "Ticket" WHERE id = $1`, [ticketId]);
  expect(closed.status).toBe("CLOSED");
});
