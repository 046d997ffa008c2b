// J18 Platform admin onboarding: a platform admin creates a tenant (ISP) with its settings
// and invites its first admin by email; the invitation is delivered (the mailbox keeps it
// without its link); the admin
// accepts it, sets a password, signs in to an empty, isolated tenant and invites a colleague
// with a role. Validation errors are clear: duplicate slug, bad currency, expired invitation.
// Later she forgets her password and sets a new one through the emailed reset link.
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { DEMO_TENANT_SLUG } from "../prisma/demo-accounts.ts";
import { DEMO, deliveredLink, expect, expectToast, signIn, sql, test } from "./support";

const suffix = randomBytes(3).toString("hex");
const TENANT = { slug: `northwind-${suffix}`, name: `Northwind Fiber ${suffix}` };
const ADMIN = {
  email: `nadia-${suffix}@northwind.example`,
  name: "Nadia Admin",
  password: "Northwind-2026!",
  newPassword: "Northwind-2027!",
};
const COLLEAGUE = { email: `sam-${suffix}@northwind.example`, name: "Sam Network" };

/**
 * The invitation as the recipient got it (from the email provider), after checking that the
 * mailbox shows the message without the link.
 */
async function deliveredInvitation(page: Page, mailboxPath: string, recipient: string) {
  await page.goto(`${mailboxPath}?q=${encodeURIComponent(recipient)}`);
  await page.getByRole("cell", { name: recipient }).first().click();
  await expect(page.getByRole("heading", { name: /You are invited to join/ })).toBeVisible();
  await expect(page.locator("dd", { hasText: /^resend \([0-9a-f-]{36}\)$/ })).toBeVisible();
  await expect(page.locator("pre").getByText("link sent; not stored").first()).toBeVisible();
  await expect(page.getByRole("link", { name: /\/invitation\// })).toHaveCount(0);
  const href = await deliveredLink(recipient, "invitation");
  expect(href).toMatch(/\/invitation\/[A-Za-z0-9_-]{20,}$/);
  return href;
}

test("a platform admin onboards a new ISP and its first admin invites a colleague", async ({ page, browser }) => {
  test.slow(); // a long journey across two portals and three browser sessions
  // --- The platform admin creates the tenant -------------------------------------------
  await signIn(page, DEMO.platformAdmin);
  await expect(page).toHaveURL(/\/admin$/);
  await page.getByRole("link", { name: "New tenant" }).first().click();
  await expect(page.getByRole("heading", { name: "New tenant" })).toBeVisible();

  await page.getByLabel("Slug").fill(DEMO_TENANT_SLUG);
  await page.getByLabel("First admin's email").fill(ADMIN.email);
  await page.getByLabel("First admin's name").fill(ADMIN.name);
  await page.getByLabel("Display name").fill(TENANT.name);
  await page.getByLabel("Legal name").fill(`${TENANT.name} Ltd`);
  await page.getByLabel("Currency").fill("EUX");
  await page.getByLabel("Time zone").fill("Africa/Nairobi");
  await page.getByLabel("Billing day").fill("5");
  await page.getByLabel("Invoice number prefix").fill("NW-");
  await page.getByRole("button", { name: "Add tax rate" }).click();
  await page.getByLabel("Tax rate 1 name").fill("VAT");
  await page.getByLabel("Tax rate 1 percent").fill("16");
  await page.getByLabel("Support email").fill("help@northwind.example");
  await page.getByLabel("CoA/DM port").fill("3799");
  await page.getByRole("button", { name: "Create tenant and send invitation" }).click();
  // A bad currency is refused beside its field.
  await expect(page.getByText("Not an ISO 4217 currency code (e.g. EUR, USD, KES)")).toBeVisible();

  await page.getByLabel("Currency").fill("KES");
  await page.getByRole("button", { name: "Create tenant and send invitation" }).click();
  // The demo tenant already uses this slug.
  await expect(page.getByText(`The slug "${DEMO_TENANT_SLUG}" is already taken; choose another`).first()).toBeVisible();

  await page.getByLabel("Slug").fill(TENANT.slug);
  await page.getByRole("button", { name: "Create tenant and send invitation" }).click();
  await expectToast(page, `Invitation sent to ${ADMIN.email}`);
  await expect(page.getByRole("heading", { name: TENANT.name })).toBeVisible();
  await expect(page.getByText("KES", { exact: true })).toBeVisible();
  await expect(page.getByText("VAT 16% (default)")).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(ADMIN.email) })).toContainText("PENDING");

  // --- The invitation is delivered; the mailbox has it without the link -------------------
  const invitationLink = await deliveredInvitation(page, "/admin/mailbox", ADMIN.email);

  // --- The first admin accepts, sets a password and signs in -----------------------------
  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  await adminPage.goto(invitationLink);
  await expect(adminPage.getByRole("heading", { name: `Join ${TENANT.name}` })).toBeVisible();
  await expect(adminPage.getByText("Tenant admin")).toBeVisible();
  await adminPage.getByLabel(/^Password/).fill("short");
  await adminPage.getByLabel("Repeat password").fill("short");
  await adminPage.getByRole("button", { name: "Activate my account" }).click();
  await expect(adminPage.getByText("Use at least 10 characters")).toBeVisible();
  await adminPage.getByLabel(/^Password/).fill(ADMIN.password);
  await adminPage.getByLabel("Repeat password").fill(ADMIN.password);
  await adminPage.getByRole("button", { name: "Activate my account" }).click();
  await expect(adminPage).toHaveURL(/\/sign-in/);
  await expect(adminPage.getByText("Your password is set")).toBeVisible();
  // The link works only once.
  await adminPage.goto(invitationLink);
  await expect(adminPage.getByText(/already used/)).toBeVisible();

  await signIn(adminPage, ADMIN.email, ADMIN.password);
  await expect(adminPage).toHaveURL(/\/noc/);

  // --- An empty, isolated tenant ---------------------------------------------------------
  await adminPage.goto("/settings/users");
  await expect(adminPage.getByRole("heading", { name: "Users & invitations" })).toBeVisible();
  const users = adminPage.getByRole("table", { name: "Users" });
  await expect(users.getByRole("row", { name: new RegExp(ADMIN.email) })).toBeVisible();
  await expect(users.getByRole("row")).toHaveCount(2); // header + Nadia: nobody of the demo tenant
  await expect(adminPage.getByText(DEMO.tenantAdmin.email)).toHaveCount(0);
  await adminPage.goto("/settings");
  await expect(adminPage.getByLabel("Display name")).toHaveValue(TENANT.name);
  await expect(adminPage.getByLabel("Currency")).toHaveValue("KES");
  await expect(adminPage.getByLabel("Billing day")).toHaveValue("5");

  // --- The admin invites a colleague with a role -----------------------------------------
  await adminPage.goto("/settings/users");
  await adminPage.getByLabel(/^Email/).fill(COLLEAGUE.email);
  await adminPage.getByLabel("Name", { exact: true }).fill(COLLEAGUE.name);
  await adminPage.locator('select[name="roleId"]').selectOption({ label: "NOC engineer" });
  await adminPage.getByRole("button", { name: "Send invitation" }).click();
  await expectToast(adminPage, `Invitation sent to ${COLLEAGUE.email}`);
  const invitation = adminPage
    .getByRole("table", { name: "Invitations" })
    .getByRole("row", { name: new RegExp(COLLEAGUE.email) });
  await expect(invitation).toContainText("NOC engineer");
  await expect(invitation).toContainText("PENDING");
  const colleagueLink = await deliveredInvitation(adminPage, "/settings/mailbox", COLLEAGUE.email);

  // --- An expired invitation gives a clear error -----------------------------------------
  await sql(`UPDATE "Invitation" SET "expiresAt" = now() - interval '1 day' WHERE email = $1`, [COLLEAGUE.email]);
  const colleaguePage = await (await browser.newContext()).newPage();
  await colleaguePage.goto(colleagueLink);
  await expect(colleaguePage.getByText("This invitation cannot be used")).toBeVisible();
  await expect(
    colleaguePage.getByText(/This invitation expired on \d{4}-\d{2}-\d{2}\. Ask your administrator/),
  ).toBeVisible();
  await adminContext.close();

  // --- The first admin forgets her password: the reset link arrives by email ------------
  const resetPage = await (await browser.newContext()).newPage();
  await resetPage.goto("/forgot-password");
  await resetPage.getByLabel("Email").fill(ADMIN.email);
  await resetPage.getByRole("button", { name: "Send reset link" }).click();
  await expect(resetPage.getByText("Check your email")).toBeVisible();
  await resetPage.goto(await deliveredLink(ADMIN.email, "reset-password"));
  await resetPage.getByLabel(/^New password/).fill(ADMIN.newPassword);
  await resetPage.getByLabel("Repeat password").fill(ADMIN.newPassword);
  await resetPage.getByRole("button", { name: "Set new password" }).click();
  await expect(resetPage.getByText("Your password was changed")).toBeVisible();
  await signIn(resetPage, ADMIN.email, ADMIN.newPassword);
  await expect(resetPage).toHaveURL(/\/noc/);
});
