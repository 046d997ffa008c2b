// The outage credit policy page (J6's SLA credits): a NOC engineer sees the tenant's policy;
// bad values get a message beside their input and change nothing; a good change is saved,
// shown again after a reload and audited. J6 and J8 count on the demo tenant's policy: it is put
// back as it was afterwards, whatever happens.
import { DEMO, expect, expectToast, signIn, sql, test } from "./support";

type Policy = { enabled: boolean; minOutageMinutes: number; percentOfMonthly: number };
const TENANT = `(SELECT id FROM "Tenant" WHERE slug = 'acme-fiber')`;
const stored = () =>
  sql<Policy>(
    `SELECT enabled, "minOutageMinutes", "percentOfMonthly" FROM "IncidentCreditPolicy" WHERE "tenantId" = ${TENANT}`,
  );

let saved: Policy[] = [];
test.beforeEach(async () => {
  saved = await stored();
});
test.afterEach(async () => {
  if (saved.length === 0) await sql(`DELETE FROM "IncidentCreditPolicy" WHERE "tenantId" = ${TENANT}`);
  else
    await sql(
      `UPDATE "IncidentCreditPolicy" SET enabled = $1, "minOutageMinutes" = $2, "percentOfMonthly" = $3
        WHERE "tenantId" = ${TENANT}`,
      [saved[0].enabled, saved[0].minOutageMinutes, saved[0].percentOfMonthly],
    );
});

test("the outage credit policy: bad values refused beside their inputs, a good change saved and audited", async ({
  page,
}) => {
  await signIn(page, DEMO.noc);
  await page.goto("/noc/incidents/credit-policy");
  await expect(page.getByRole("heading", { name: "Outage credit policy" })).toBeVisible();
  const minutes = page.getByLabel(/^Minimum outage/);
  const percent = page.getByLabel(/^Credit \(%/);
  await expect(minutes).not.toHaveValue("");

  await minutes.fill("");
  await percent.fill("150");
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.locator(".field-error").filter({ hasText: "Enter a whole number" })).toBeVisible();
  await expect(page.locator(".field-error").filter({ hasText: "At most 100 %" })).toBeVisible();
  expect(await stored()).toEqual(saved);

  await minutes.fill("300");
  await expect(page.getByText("Incidents shorter than 5 h earn no credit.")).toBeVisible();
  await percent.fill("15");
  await page.getByRole("button", { name: "Save policy" }).click();
  await expectToast(page, "Outage credit policy saved");
  expect(await stored()).toEqual([{ enabled: saved[0]?.enabled ?? true, minOutageMinutes: 300, percentOfMonthly: 15 }]);
  await page.reload();
  await expect(minutes).toHaveValue("300");
  await expect(percent).toHaveValue("15");
  expect(
    await sql(
      `SELECT 1 FROM "AuditLog" WHERE "tenantId" = ${TENANT} AND action = 'incident.credit_policy.update'
          AND after->>'minOutageMinutes' = '300' AND after->>'percentOfMonthly' = '15'`,
    ),
  ).not.toHaveLength(0);
});
