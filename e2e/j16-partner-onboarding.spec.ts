// J16 Partner onboarding: the tenant admin creates a commission plan and a reseller with that
// plan and its brand, adds its custom domain (which serves nothing until its DNS TXT token is
// published: the check says what to publish) and invites the reseller's admin; the invitation
// is delivered by email, the admin accepts it, signs in and lands on the branded partner portal,
// which holds only the reseller's customers (none yet), not the ISP's.
import { randomBytes } from "node:crypto";
import { DEMO, deliveredLink, expect, expectToast, signIn, test } from "./support";

const suffix = randomBytes(3).toString("hex");
const PARTNER = `Fibrelink ${suffix}`;
const PLAN = `Resellers 12% ${suffix}`;
const HOST = `fibrelink-${suffix}.localhost`;
const ADMIN = { email: `rita-${suffix}@fibrelink.example`, password: "Fibrelink-2026!" };

test("a tenant admin onboards a reseller whose admin signs in to its branded portal", async ({ page, browser }) => {
  test.slow();
  await signIn(page, DEMO.tenantAdmin);
  await page.goto("/settings/partners");
  await expect(page.getByRole("heading", { name: "Partners", level: 1 })).toBeVisible();

  // A commission plan: a percentage is required.
  const planForm = page.getByRole("form", { name: "New commission plan" });
  await planForm.getByLabel("Plan name").fill(PLAN);
  await planForm.getByRole("button", { name: "Add plan" }).click();
  await expect(planForm.getByText("Enter the percentage")).toBeVisible();
  await planForm.getByLabel("Percentage of recurring revenue").fill("12");
  await planForm.getByRole("button", { name: "Add plan" }).click();
  await expectToast(page, `Plan ${PLAN} was added`);

  // The reseller, on that plan, with its brand.
  const card = page.getByRole("region", { name: "New partner" });
  await card.getByRole("textbox", { name: "Name", exact: true }).fill(PARTNER);
  await card.getByLabel("Commission plan").selectOption({ label: PLAN });
  await card.getByLabel("Brand name").fill(PARTNER);
  await card.getByLabel("Brand colour").fill("#1d4ed8");
  await card.getByRole("button", { name: "Add partner" }).click();
  await expectToast(page, `${PARTNER} was added`);
  await expect(page.getByRole("heading", { name: PARTNER, level: 1 })).toBeVisible();

  // Its domain: not verified until the TXT record is published.
  const domains = page.getByRole("region", { name: "Domains" });
  await domains.getByLabel("Host name").fill(HOST);
  await domains.getByRole("button", { name: "Add domain" }).click();
  await expect(domains.getByText(`_fiberops.${HOST}`)).toBeVisible();
  await expect(domains.getByText("not verified")).toBeVisible();
  await domains.getByRole("button", { name: `Check DNS for ${HOST}` }).click();
  await expect(page.getByText(/No TXT record "fiberops-verify=/).first()).toBeVisible();

  // Its first admin.
  const invite = page.getByRole("form", { name: "Invite a partner user" });
  await invite.getByLabel("Email").fill(ADMIN.email);
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await expectToast(page, `Invitation sent to ${ADMIN.email}`);

  // The invitation, as delivered (the outbox keeps it without its link).
  const href = await deliveredLink(ADMIN.email, "invitation");

  // The reseller's admin accepts, signs in and sees its own branded portal.
  const context = await browser.newContext();
  const partner = await context.newPage();
  await partner.goto(new URL(href).pathname);
  await partner.getByLabel("Your name").fill("Rita Reseller");
  await partner.getByLabel(/^Password/).fill(ADMIN.password);
  await partner.getByLabel("Repeat password").fill(ADMIN.password);
  await partner.getByRole("button", { name: "Activate my account" }).click();
  await expect(partner).toHaveURL(/\/sign-in/);
  await signIn(partner, ADMIN.email, ADMIN.password);
  await expect(partner).toHaveURL(/\/partner$/);
  await expect(partner.getByRole("heading", { name: PARTNER, level: 1 })).toBeVisible();
  // The shell wears the reseller's brand, not the ISP's.
  await expect(partner.getByRole("link", { name: new RegExp(PARTNER) }).first()).toBeVisible();
  await expect(partner.getByText("No customers yet")).toBeVisible();
  await context.close();
});
