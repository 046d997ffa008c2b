// The SLA policy page (/support/settings/sla): the tenant admin finds the default policy; an
// unknown time zone is refused with a clear message and nothing is saved; then Saturday
// morning hours, a holiday and a faster urgent first response are saved and kept. The CSR sees
// the policy read-only. axe checks every page the journey visits.
import { DEMO, expect, expectToast, signIn, signOut, sql, test } from "./support";

const policyOfDemoTenant = () =>
  sql<{ timeZone: string; holidays: string[]; targets: Record<string, { firstResponseMin: number }>; hours: unknown }>(
    `SELECT p."timeZone", p.holidays, p.targets, p."businessHours" AS hours FROM "TicketSlaPolicy" p
       JOIN "Tenant" t ON t.id = p."tenantId" WHERE t.slug = 'acme-fiber'`,
  );

test("a tenant admin sets the SLA policy; a bad time zone changes nothing; the CSR reads it", async ({ page }) => {
  await signIn(page, DEMO.tenantAdmin);
  await page.goto("/support/settings/sla");
  await expect(page.getByRole("heading", { name: "SLA policy", level: 1 })).toBeVisible();
  const before = await policyOfDemoTenant();

  await page.getByLabel("Time zone").fill("Mars/Olympus_Mons");
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByText("Unknown time zone")).toBeVisible();
  expect(await policyOfDemoTenant()).toEqual(before);

  await page.getByLabel("Time zone").fill("Europe/Berlin");
  await page.getByLabel("First response (urgent)").fill("20");
  await page.getByRole("checkbox", { name: "Saturday" }).check();
  await page.getByLabel("Saturday from").fill("09:00");
  await page.getByLabel("Saturday until").fill("13:00");
  await page.getByLabel("Holidays").fill("2027-12-24\n2027-12-25");
  await page.getByRole("button", { name: "Save policy" }).click();
  await expectToast(page, "SLA policy saved");

  const [saved] = await policyOfDemoTenant();
  expect(saved?.timeZone).toBe("Europe/Berlin");
  expect(saved?.holidays).toEqual(["2027-12-24", "2027-12-25"]);
  expect(saved?.targets.URGENT?.firstResponseMin).toBe(20);
  expect(saved?.hours).toEqual(expect.arrayContaining([{ day: 6, start: "09:00", end: "13:00" }]));
  await page.reload();
  await expect(page.getByLabel("First response (urgent)")).toHaveValue("20");
  await expect(page.getByText("This is the default policy")).toHaveCount(0);
  await signOut(page);

  await signIn(page, DEMO.csr);
  await page.goto("/support/settings/sla");
  await expect(page.getByText("Only a tenant admin can change the policy.")).toBeVisible();
  await expect(page.getByLabel("First response (urgent)")).toBeDisabled();
  await expect(page.getByRole("button", { name: "Save policy" })).toHaveCount(0);
});
