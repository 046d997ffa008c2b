// Tenant settings (issue #18): a brand colour white text cannot be read on is refused on save,
// and a wrong tax rate or RADIUS value is marked on its own input (aria-invalid, described by
// its message), not only in a list-level note. Nothing is saved.
import { DEMO, expect, signIn, sql, test } from "./support";

test("settings errors sit on their fields and a too-light brand colour is refused", async ({ page }) => {
  const [before] = await sql<{ primaryColor: string }>(
    `SELECT "primaryColor" FROM "Tenant" t JOIN "User" u ON u."tenantId" = t.id WHERE u.email = $1`,
    [DEMO.tenantAdmin.email],
  );
  await signIn(page, DEMO.tenantAdmin);
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Tenant settings", level: 1 })).toBeVisible();

  const colour = page.getByLabel("Primary colour");
  await colour.fill("#7fb3ff");
  await page.getByRole("button", { name: "Add tax rate" }).click();
  await page
    .getByRole("textbox", { name: /^Tax rate \d+ name$/ })
    .last()
    .fill("Luxury");
  const percent = page.getByRole("spinbutton", { name: /^Tax rate \d+ percent$/ }).last();
  await percent.fill("120");
  const coaPort = page.getByRole("spinbutton", { name: "CoA/DM port" });
  await coaPort.fill("70000");
  await page.getByRole("button", { name: "Save settings" }).click();

  await expect(colour).toHaveAttribute("aria-invalid", "true");
  await expect(colour).toHaveAccessibleDescription(/too light: .*4\.5:1 is needed/);
  await expect(percent).toHaveAttribute("aria-invalid", "true");
  await expect(percent).toHaveAccessibleDescription("Use at most 100");
  await expect(coaPort).toHaveAttribute("aria-invalid", "true");
  await expect(coaPort).toHaveAccessibleDescription(/.+/);
  const [after] = await sql<{ primaryColor: string }>(
    `SELECT "primaryColor" FROM "Tenant" t JOIN "User" u ON u."tenantId" = t.id WHERE u.email = $1`,
    [DEMO.tenantAdmin.email],
  );
  expect(after).toEqual(before);
});
