// J19 Monitoring: a NOC engineer adds an alert rule on the RADIUS reject ratio and edits its
// threshold (a bad value refused, the change audited); a CPE of the BNG
// simulator starts sending a wrong password (real FreeRADIUS rejects it); sampling the figures
// now (the minute job does the same) fires the alert, which reaches the NOC inbox and the
// dashboard and is acknowledged. The CPE gets its password back and the rule is deleted.
import { confirmDialog, DEMO, expect, signIn, sql, test } from "./support";

const bng = () => {
  const url = process.env.BNG_CONTROL_URL;
  if (!url) throw new Error("BNG_CONTROL_URL is not set: the AAA e2e service (radius/e2e-service.ts) did not start");
  return url;
};
const patchCpe = (username: string, body: object) =>
  fetch(`${bng()}/cpes/${encodeURIComponent(username)}`, {
    method: "PATCH",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
const RULE = `Rejected logins ${Date.now().toString(36)}`;

test("an alert rule on the reject ratio fires on bad passwords, reaches the NOC inbox and is acknowledged", async ({
  page,
}) => {
  // A live demo subscriber other than J12's.
  const [cpe] = await sql<{ username: string; password: string }>(
    `SELECT username, password FROM "Subscriber" WHERE status = 'ACTIVE' AND username <> 'anna.schmidt@acme-fiber'
     ORDER BY username LIMIT 1`,
  );

  await signIn(page, DEMO.noc);
  await page.goto("/noc/alerts");
  await expect(page.getByRole("heading", { name: "Alerts" })).toBeVisible();
  // Bad input: a clear message, nothing created.
  await page.getByRole("button", { name: "Add rule" }).click();
  await expect(
    page.locator(".field-error").filter({ hasText: "Give the rule a name of at least 3 characters" }),
  ).toBeVisible();
  await page.getByLabel(/^Name/).fill(RULE);
  await page.getByLabel(/^Metric/).selectOption("radius_reject_ratio");
  await page.getByLabel(/^Threshold/).fill("0.5");
  await page.getByLabel(/^For \(minutes\)/).fill("0");
  await page.getByRole("button", { name: "Add rule" }).click();
  await expect(page.locator(".toast").filter({ hasText: `Rule "${RULE}" created` })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: RULE })).toBeVisible();

  // The threshold is edited in place: a bad value is refused beside its input, a good one saved.
  await page.getByRole("button", { name: `Edit ${RULE}` }).click();
  await expect(page.getByRole("heading", { name: `Edit rule: ${RULE}` })).toBeVisible();
  await expect(page.getByLabel(/^Name/)).toBeFocused();
  await page.getByLabel(/^Threshold/).fill("lots");
  await page.getByRole("button", { name: "Save rule" }).click();
  await expect(page.locator(".field-error").filter({ hasText: "Enter a number" })).toBeVisible();
  await page.getByLabel(/^Threshold/).fill("0.4");
  await page.getByRole("button", { name: "Save rule" }).click();
  await expect(page.locator(".toast").filter({ hasText: `Rule "${RULE}" saved` })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: RULE })).toContainText("radius_reject_ratio > 0.4");
  expect(
    await sql(`SELECT 1 FROM "AuditLog" WHERE action = 'alert_rule.updated' AND after->>'name' = $1`, [RULE]),
  ).toHaveLength(1);

  // The reject alarm's threshold refuses a share above 1 and keeps the saved one.
  const rejectAlarm = page.getByRole("region", { name: "RADIUS reject alarm" });
  await rejectAlarm.getByLabel(/^Share of answers/).fill("2");
  await rejectAlarm.getByRole("button", { name: "Save threshold" }).click();
  await expect(rejectAlarm.locator(".field-error").filter({ hasText: "At most 1 (100%)" })).toBeVisible();

  // The CPE's password is changed on the CPE: each dial is an Access-Reject from FreeRADIUS.
  try {
    await patchCpe(cpe.username, { password: "not-the-password", autoDial: false });
    for (let i = 0; i < 6; i++) {
      const r = (await (
        await fetch(`${bng()}/cpes/${encodeURIComponent(cpe.username)}/dial`, { method: "POST" })
      ).json()) as { accepted: boolean };
      expect(r.accepted).toBe(false);
    }
  } finally {
    await patchCpe(cpe.username, { password: cpe.password, autoDial: true });
  }

  // Sample now: the dashboard shows the rejects and the firing alert.
  await page.goto("/noc");
  await page.getByRole("button", { name: "Sample now" }).click();
  await expect(page.locator(".toast").filter({ hasText: "Figures sampled" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Alerts firing\s*1/ })).toBeVisible();

  // The NOC inbox has it.
  await page.goto("/noc/inbox");
  await expect(page.getByRole("main").getByText(`Alert: ${RULE}`)).toBeVisible();

  // Acknowledged on the alerts page; then the rule is deleted (confirmed).
  await page.goto("/noc/alerts");
  const alert = page.getByRole("row").filter({ hasText: RULE }).filter({ hasText: "Firing" });
  await alert.getByRole("button", { name: `Acknowledge ${RULE}` }).click();
  await expect(page.locator(".toast").filter({ hasText: "Alert acknowledged" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: RULE }).filter({ hasText: "Acknowledged" })).toBeVisible();
  await page.getByRole("button", { name: `Delete ${RULE}` }).click();
  await confirmDialog(page);
  await expect(page.locator(".toast").filter({ hasText: "Rule deleted" })).toBeVisible();
});
