// J2 Plan change. Staff: a NOC engineer previews an upgrade for a subscriber whose CPE is online
// (the proration and every step, nothing changed yet), confirms it, and the change-plan workflow
// moves RADIUS, sends a CoA-Request that the BNG acknowledges (the live session takes the new
// rate at once), sets the ONU's bandwidth profile and moves the billing subscription; the BNG
// then refuses a CoA (NAK) for the next change and the workflow falls back to a Disconnect, the
// CPE re-dials and FreeRADIUS gives it the new rate. Portal: the subscriber previews and books a
// plan change from the next billing cycle among the plans its ISP offers for self-service.
// Real FreeRADIUS on the e2e database, the BNG simulator as NAS (radius/e2e-service.ts).
import type { Page } from "@playwright/test";
import { DEMO, expect, expectToast, signIn, sql, test } from "./support";

const bng = () => {
  const url = process.env.BNG_CONTROL_URL;
  if (!url) throw new Error("BNG_CONTROL_URL is not set: the AAA e2e service (radius/e2e-service.ts) did not start");
  return url;
};
const STAFF_SUBSCRIBER = "jonas.weber@acme-fiber"; // Fiber 300, CPE online
type Session = { acctSessionId: string; username: string; rate?: string };
async function sessionOf(username: string) {
  const all = (await (await fetch(`${bng()}/sessions`)).json()) as Session[];
  return all.find((s) => s.username === username) ?? null;
}
async function fault(body: Record<string, unknown>) {
  const res = await fetch(`${bng()}/fault`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.ok).toBe(true);
}

/** The CoA step's answer of the subscriber's latest change-plan job, once it completed. */
async function lastCoa(username: string) {
  const rows = await sql<{ status: string; output: unknown }>(
    `SELECT j.status, s.output FROM "OrchestrationJob" j
       JOIN "OrchestrationJobStep" s ON s."jobId" = j.id AND s.name = 'coa'
       JOIN "Subscriber" u ON u.id = j."subscriberId"
      WHERE j.type = 'change-plan' AND u.username = $1 ORDER BY j."createdAt" DESC LIMIT 1`,
    [username],
  );
  return rows[0] ?? null;
}

async function changePlan(page: Page, plan: string) {
  const card = page.getByRole("region", { name: "Change plan" });
  const select = card.getByRole("combobox", { name: "New plan" });
  const option = select.locator("option", { hasText: `${plan} (` });
  await expect(option).toHaveCount(1);
  await select.selectOption((await option.getAttribute("value")) as string);
  await card.getByRole("combobox", { name: "Effective" }).selectOption("now");
  await card.getByRole("button", { name: "Preview" }).click();
  // The preview: every step's intended change and the proration; nothing has run yet.
  const preview = card.getByTestId("saga-plan");
  // The billing step says what the change costs: prorated lines, or none when the paid period
  // ends today (the demo's clock can sit on a cycle boundary).
  await expect(preview).toContainText(/Proration on the next invoice|No proration/);
  await expect(preview).toContainText("CoA-Request");
  await card.getByRole("button", { name: "Change plan" }).click();
  await expectToast(page, "Plan change started");
}

const pendingPlanOf = async (username: string) =>
  (
    await sql<{ p: string | null }>(
      `SELECT b."pendingPlanId"::text AS p FROM "BillingSubscription" b
         JOIN "Subscriber" s ON s.id = b."subscriberId" WHERE s.username = $1`,
      [username],
    )
  )[0]?.p ?? null;

test("staff change a live subscriber's plan (CoA ACK, then NAK → Disconnect); the subscriber books one in the portal", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await expect.poll(async () => (await sessionOf(STAFF_SUBSCRIBER)) !== null, { timeout: 30_000 }).toBe(true);
  const before = (await sessionOf(STAFF_SUBSCRIBER))?.rate;

  await signIn(page, DEMO.noc);
  await page.goto("/noc/subscribers");
  await page.getByRole("searchbox").fill("jonas.weber");
  // Wait for the filtered table (the header and the one match) so the click is not lost to a re-render.
  await expect(page.getByRole("table").getByRole("row")).toHaveCount(2);
  await page.getByRole("link", { name: STAFF_SUBSCRIBER }).click();
  await expect(page.getByRole("heading", { name: STAFF_SUBSCRIBER })).toBeVisible();

  // 1. Upgrade now: previewed, then the workflow; the BNG acknowledges the CoA.
  await changePlan(page, "Fiber 1000");
  await expect.poll(async () => (await lastCoa(STAFF_SUBSCRIBER))?.status, { timeout: 60_000 }).toBe("COMPLETED");
  expect(JSON.stringify((await lastCoa(STAFF_SUBSCRIBER))?.output)).toContain('"outcome":"ACK"');
  const upgraded = await sessionOf(STAFF_SUBSCRIBER);
  expect(upgraded?.rate).not.toBe(before);
  await expect(page.getByText("Fiber 1000").first()).toBeVisible();
  const [billing] = await sql<{ name: string }>(
    `SELECT p.name FROM "BillingSubscription" b JOIN "Plan" p ON p.id = b."planId"
       JOIN "Subscriber" s ON s.id = b."subscriberId" WHERE s.username = $1`,
    [STAFF_SUBSCRIBER],
  );
  expect(billing?.name).toBe("Fiber 1000");
  const notices = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM "Notification" n JOIN "Subscriber" s ON s.id = n."subscriberId"
      WHERE s.username = $1 AND n.template = 'plan_changed'`,
    [STAFF_SUBSCRIBER],
  );
  expect(notices[0]?.n).toBe(1);

  // 2. The BNG refuses the next CoA (and only the CoA): the workflow disconnects the session
  //    instead, the CPE re-dials and FreeRADIUS answers with the new plan's rate.
  await fault({ mode: "nak", errorCause: 501, only: "CoA" });
  try {
    await page.reload();
    await changePlan(page, "Fiber 300");
    await expect
      .poll(async () => JSON.stringify((await lastCoa(STAFF_SUBSCRIBER))?.output ?? null), { timeout: 60_000 })
      .toContain('"outcome":"NAK"');
    const coa = JSON.stringify((await lastCoa(STAFF_SUBSCRIBER))?.output);
    expect(coa).toContain('"fallback"');
    expect(coa).toContain('"action":"Disconnect"');
  } finally {
    await fault({ mode: null });
  }
  await expect
    .poll(
      async () => {
        const s = await sessionOf(STAFF_SUBSCRIBER);
        return s && s.acctSessionId !== upgraded?.acctSessionId ? s.rate : null;
      },
      { timeout: 60_000 },
    )
    .toBe(before);

  // 3. Portal: the subscriber books a change from the next cycle, after seeing what it costs.
  await page.context().clearCookies();
  await signIn(page, DEMO.subscriber);
  await page.goto("/portal/plan");
  await expect(page.getByRole("heading", { name: "Change plan" })).toBeVisible();
  await page.getByRole("combobox", { name: "New plan" }).selectOption({ index: 1 });
  await page.getByRole("combobox", { name: "When" }).selectOption("next_cycle");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("proration-preview")).toContainText("your next billing cycle");
  await page.getByRole("button", { name: "Confirm plan change" }).click();
  await expectToast(page, "the new plan starts with your next billing cycle");
  await expect.poll(() => pendingPlanOf("anna.schmidt@acme-fiber"), { timeout: 30_000 }).not.toBeNull();
});
