// J5 Planned maintenance through the pages: the NOC schedules a window on the demo subscriber's
// OLT (the preview counts who is behind it first), sees the affected list and the planned
// notices; the tenant's test clock moves to 72 h and then 24 h before the start and each notice
// goes out once; the subscriber sees the banner in the portal; the window starts, a ticket the
// subscriber's call opens is linked to it, a fibre cut inside it raises alarms that open no
// incident; the repair and the completion close it.
import { confirmDialog, DEMO, expect, expectToast, signIn, signOut, sql, test } from "./support";

const local = (d: Date) => {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
};

// The demo tenant's test clock: other journeys (J10) leave it moved on; this one starts it at
// real time and puts it back afterwards.
const clockOf = async () =>
  (
    await sql<{ tenantId: string; offset: number }>(
      `SELECT t.id AS "tenantId", coalesce(c."offsetSeconds", 0) AS offset
         FROM "Tenant" t LEFT JOIN "BillingClock" c ON c."tenantId" = t.id WHERE t.slug = 'acme-fiber'`,
    )
  )[0];
const setClock = async (seconds: number) =>
  sql(
    `INSERT INTO "BillingClock" ("tenantId", "offsetSeconds", "updatedAt") VALUES ($1, $2, now())
     ON CONFLICT ("tenantId") DO UPDATE SET "offsetSeconds" = EXCLUDED."offsetSeconds", "updatedAt" = now()`,
    [(await clockOf()).tenantId, seconds],
  );
let savedOffset = 0;
test.beforeEach(async () => {
  savedOffset = (await clockOf()).offset;
  await setClock(0);
});
test.afterEach(() => setClock(savedOffset));

test("a maintenance window: preview, affected list, notices on the test clock, portal banner, start, no incident inside, completion", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const [me] = await sql<{ oltId: string; olt: string; subscriberId: string }>(
    `SELECT o."oltId", l.name AS olt, s.id AS "subscriberId" FROM "User" u JOIN "Subscriber" s ON s."customerId" = u."customerId"
       JOIN "Onu" o ON o."subscriberId" = s.id JOIN "Olt" l ON l.id = o."oltId"
      WHERE u.email = $1 LIMIT 1`,
    [DEMO.subscriber.email],
  );
  const [{ n: affected }] = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM "Onu" o JOIN "Subscriber" s ON s.id = o."subscriberId"
      WHERE o."oltId" = $1 AND s.status = 'ACTIVE'`,
    [me.oltId],
  );
  expect(affected).toBeGreaterThan(0);
  const title = `Splice work ${Date.now()}`;

  await signIn(page, DEMO.tenantAdmin);
  await page.goto("/noc/maintenance");
  await page.getByRole("link", { name: "Schedule a window" }).click();
  // The preview answers only once the form is hydrated; text typed before that would be reset.
  await expect(async () => {
    await page.getByLabel("OLT").selectOption({ label: me.olt });
    await expect(page.getByTestId("maintenance-preview")).toContainText(`${affected} subscribers affected`, {
      timeout: 3_000,
    });
  }).toPass();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Description").fill("The feeder is re-spliced; service drops for up to an hour.");
  const start = new Date(Date.now() + 4 * 86_400_000);
  start.setMinutes(0, 0, 0);
  await page.getByLabel("Starts").fill(local(start));
  await page.getByLabel("Ends").fill(local(new Date(start.getTime() + 2 * 3_600_000)));
  await page.getByRole("button", { name: "Schedule window" }).click();
  await confirmDialog(page);
  await expectToast(page, `scheduled for ${affected} subscribers`);
  await expect(page.getByTestId("maintenance-status")).toHaveText("Scheduled");
  await expect(page.getByTestId("affected-count")).toHaveText(String(affected));
  await expect(page.getByRole("table", { name: "Affected subscribers" }).getByRole("row")).toHaveCount(
    Math.min(affected, 25) + 1,
  );
  const windowUrl = page.url();
  const windowId = windowUrl.split("/").at(-1) as string;

  // Four days ahead: both notices wait. The tenant's test clock (billing, dunning and these
  // notices read "now" from it) moves to just past 72 h, then 24 h before the start.
  const notices = page.getByRole("list", { name: "Notices" });
  const notice = (label: string) => notices.getByRole("listitem").filter({ hasText: label });
  await expect(notice("72 hours before")).toContainText("due");
  await expect(notice("24 hours before")).toContainText("due");
  const sendDue = async (toast: string | RegExp) => {
    // This click's own answer first: an earlier click's toast may still show the same words, and
    // the next step moves the test clock, which a request still running would read.
    const answered = page.waitForResponse((r) => r.url().includes("/api/trpc/maintenance.sendDueNotices"));
    await page.getByRole("button", { name: "Send due notices now" }).click();
    expect((await answered).ok()).toBe(true);
    await expectToast(page, toast);
  };
  const sentNotices = () =>
    sql<{ kind: string; recipients: number }>(
      `SELECT n.kind, cardinality(j."subscriberIds") AS recipients FROM "MaintenanceNotice" n
         JOIN "BulkNotificationJob" j ON j.id = n."bulkJobId" WHERE n."windowId" = $1 ORDER BY n."sentAt"`,
      [windowId],
    );
  const untilStart = start.getTime() - Date.now();
  // (The minute pass may send it first: either way it goes out once.)
  const dueNow = /1 notice sent|No notice is due yet/;
  await sendDue("No notice is due yet");
  await setClock(Math.round((untilStart - 71 * 3_600_000) / 1000));
  await sendDue(dueNow);
  await expect(notice("72 hours before")).toContainText("sent");
  await expect(notice("24 hours before")).toContainText("due");
  await sendDue("No notice is due yet");
  await setClock(Math.round((untilStart - 23 * 3_600_000) / 1000));
  await sendDue(dueNow);
  await expect(notice("24 hours before")).toContainText("sent");
  expect(await sentNotices()).toEqual([
    { kind: "72h", recipients: affected },
    { kind: "24h", recipients: affected },
  ]);

  // The subscriber sees it coming in the portal.
  await signOut(page);
  await signIn(page, DEMO.subscriber);
  await page.goto("/portal");
  await expect(page.getByTestId("maintenance-banner")).toContainText(title);

  // The crew starts; a fibre cut on that OLT during the work raises alarms but no incident.
  await signOut(page);
  await signIn(page, DEMO.tenantAdmin);
  await page.goto(windowUrl);
  await page.getByRole("button", { name: "Start" }).click();
  await confirmDialog(page);
  await expectToast(page, "Started");
  await expect(page.getByTestId("maintenance-status")).toHaveText("In progress");

  // The subscriber calls in: the ticket is linked to the window, and the window lists it.
  await page.goto(`/support/tickets/new?subscriber=${me.subscriberId}`);
  await page.getByLabel("Subject").fill("No internet since this morning");
  await page.getByLabel("Description").fill("The router shows no fibre light.");
  await page.getByRole("button", { name: "Open ticket" }).click();
  await expectToast(page, /Ticket T-\d+ opened/);
  await page.waitForURL(/\/support\/tickets\/[0-9a-f-]{36}$/);
  await page.getByRole("link", { name: title }).click();
  await page.waitForURL(windowUrl);
  await expect(
    page
      .getByRole("table", { name: "Tickets opened during the window" })
      .getByRole("row")
      .filter({ hasText: "No internet since this morning" }),
  ).toBeVisible();

  const incidentsBefore = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "Incident"`);
  await page.goto("/noc/integrations");
  const card = page.getByRole("region", { name: "Simulated network: fibre cut" });
  await card.getByLabel("OLT").selectOption({ label: me.olt });
  await expect(card.getByLabel("PON port").locator("option")).not.toHaveCount(0);
  await card.getByRole("button", { name: "Cut fibre" }).click();
  await confirmDialog(page);
  await expectToast(page, /cut/);
  await expect
    .poll(
      async () =>
        (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "Alarm" WHERE "maintenanceId" = $1`, [windowId]))[0]
          .n,
      { timeout: 60_000 },
    )
    .toBeGreaterThan(0);
  await page.waitForTimeout(3_000);
  expect(await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "Incident"`)).toEqual(incidentsBefore);
  await card.getByRole("button", { name: "Repair fibre" }).click();
  await expectToast(page, /repaired/);

  // Done: completed, and the banner is gone.
  await page.goto(windowUrl);
  await page.getByRole("button", { name: "Complete" }).click();
  await confirmDialog(page);
  await expectToast(page, "Completed");
  await expect(page.getByTestId("maintenance-status")).toHaveText("Completed");
  await signOut(page);
  await signIn(page, DEMO.subscriber);
  await page.goto("/portal");
  await expect(page.getByRole("heading", { name: "My account" })).toBeVisible();
  await expect(page.getByTestId("maintenance-banner")).toHaveCount(0);
});
