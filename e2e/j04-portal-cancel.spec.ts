// J4 from the subscriber portal: the subscriber asks to end their service on a later day; the
// preview shows the final invoice prorated to that day and the equipment to give back; confirmed,
// it is the same cancellation customer service makes (scheduled, the subscriber told), and
// before its day the subscriber withdraws it (told again); the service carries on.
import { confirmDialog, DEMO, expect, expectToast, signIn, sql, test } from "./support";

test("a subscriber schedules the cancellation of their service from the portal, then withdraws it", async ({
  page,
}) => {
  await signIn(page, DEMO.subscriber);
  await page.goto("/portal/cancel");
  const form = page.getByRole("region", { name: /^Cancel / });
  const day = form.getByLabel(/Last day of service/);

  // No day: a clear message, nothing asked.
  await form.getByRole("button", { name: "Preview" }).click();
  await expect(form.getByText("Choose the day your service ends")).toBeVisible();

  // A week after today on the billing clock (the hint names today).
  const today = /after today \((\d{4}-\d{2}-\d{2})\)/.exec((await form.textContent()) ?? "")?.[1];
  expect(today).toBeTruthy();
  const effectiveOn = new Date(Date.parse(`${today}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
  await day.fill(effectiveOn);
  await form.getByRole("button", { name: "Preview" }).click();
  const preview = form.getByTestId("cancellation-preview");
  await expect(preview).toContainText("Final invoice (before tax), prorated to that day");
  const [sub] = await sql<{ id: string; onuSerial: string | null }>(
    `SELECT s.id, s."onuSerial" FROM "Subscriber" s JOIN "User" u ON u."customerId" = s."customerId"
      WHERE u.email = $1 AND s.status IN ('ACTIVE', 'SUSPENDED') ORDER BY s."createdAt" LIMIT 1`,
    [DEMO.subscriber.email],
  );
  if (sub?.onuSerial) await expect(form.getByTestId("equipment-to-return")).toContainText(sub.onuSerial);
  expect(await sql(`SELECT 1 FROM "SubscriberCancellation" WHERE "subscriberId" = $1`, [sub?.id])).toHaveLength(0);

  await form.getByRole("button", { name: "Confirm cancellation" }).click();
  await expectToast(page, `Your service ends on ${effectiveOn}`);
  await expect(page.getByTestId("cancellation-status")).toContainText(`ends on ${effectiveOn}`);
  // The same cancellation customer service makes: scheduled for that day, nothing torn down yet.
  const [scheduled] = await sql<{ id: string; status: string; effectiveOn: string }>(
    `SELECT id, status, "effectiveOn"::text AS "effectiveOn" FROM "SubscriberCancellation" WHERE "subscriberId" = $1`,
    [sub?.id],
  );
  expect(scheduled).toMatchObject({ status: "SCHEDULED", effectiveOn });

  // Before the day: withdrawn, after a confirmation.
  await page.getByRole("button", { name: "Withdraw cancellation" }).click();
  await confirmDialog(page);
  await expectToast(page, "Cancellation withdrawn");
  await expect(page.getByRole("region", { name: /^Cancel / })).toBeVisible();
  const [after] = await sql<{ status: string }>(`SELECT status FROM "SubscriberCancellation" WHERE id = $1`, [
    scheduled?.id,
  ]);
  expect(after?.status).toBe("WITHDRAWN");
  const notices = await sql<{ data: { status: string } }>(
    `SELECT data FROM "Notification" WHERE "subscriberId" = $1 AND template = 'cancellation' ORDER BY "createdAt"`,
    [sub?.id],
  );
  expect(notices.map((n) => n.data.status)).toEqual(["requested", "withdrawn"]);
  const [status] = await sql<{ status: string }>(`SELECT status FROM "Subscriber" WHERE id = $1`, [sub?.id]);
  expect(status?.status).not.toBe("TERMINATED");
});
