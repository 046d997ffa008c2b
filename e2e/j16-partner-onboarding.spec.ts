// J16 Partner onboarding: the tenant admin creates a commission plan and a reseller with that
// plan and its brand, adds its custom domain (which serves nothing until its DNS TXT token is
// published: the check says what to publish; once published at the reseller's DNS, the check
// verifies it) and invites the reseller's admin; the invitation is delivered by email with a
// link on the reseller's own host, where the admin accepts it and signs in on a page wearing the
// reseller's brand, and lands on the branded partner portal, which holds only the reseller's
// customers (none yet), not the ISP's. The host resolves to this machine (playwright.config.ts).
import { randomBytes } from "node:crypto";
import { DEMO, deliveredLink, expect, expectToast, signIn, test } from "./support";

const suffix = randomBytes(3).toString("hex");
const PARTNER = `Fibrelink ${suffix}`;
const PLAN = `Resellers 12% ${suffix}`;
const HOST = `portal-${suffix}.fibrelink.example`;
const ADMIN = { email: `rita-${suffix}@fibrelink.example`, password: "Fibrelink-2026!" };

/** Publishes a TXT record at the reseller's DNS provider (the DNS fake the app asks). */
async function publishTxt(name: string, value: string) {
  const res = await fetch(`${process.env.DNS_FAKE_URL}/records`, {
    method: "POST",
    body: JSON.stringify({ type: "TXT", name, value }),
  });
  expect(res.status).toBe(201);
}

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

  // Its domain: not verified until the TXT record is published, then verified by the check.
  const domains = page.getByRole("region", { name: "Domains" });
  await domains.getByLabel("Host name").fill(HOST);
  await domains.getByRole("button", { name: "Add domain" }).click();
  await expect(domains.getByText(`_fiberops.${HOST}`)).toBeVisible();
  await expect(domains.getByText("not verified")).toBeVisible();
  await domains.getByRole("button", { name: `Check DNS for ${HOST}` }).click();
  await expect(page.getByText(/No TXT record "fiberops-verify=/).first()).toBeVisible();
  await publishTxt(`_fiberops.${HOST}`, (await domains.getByText(/^fiberops-verify=/).textContent()) as string);
  await domains.getByRole("button", { name: `Check DNS for ${HOST}` }).click();
  await expectToast(page, `${HOST} is verified`);
  await expect(domains.getByText("verified", { exact: true })).toBeVisible();

  // Its first admin.
  const invite = page.getByRole("form", { name: "Invite a partner user" });
  await invite.getByLabel("Email").fill(ADMIN.email);
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await expectToast(page, `Invitation sent to ${ADMIN.email}`);

  // The invitation, as delivered: its link is on the reseller's host.
  const href = new URL(await deliveredLink(ADMIN.email, "invitation"));
  expect(href.hostname).toBe(HOST);

  // The reseller's admin accepts on that host, signs in there (under the reseller's brand) and
  // sees its own branded portal.
  const context = await browser.newContext({ baseURL: href.origin });
  const partner = await context.newPage();
  await partner.goto(href.pathname);
  await expect(partner.getByTestId("host-brand")).toContainText(PARTNER);
  await partner.getByLabel("Your name").fill("Rita Reseller");
  await partner.getByLabel(/^Password/).fill(ADMIN.password);
  await partner.getByLabel("Repeat password").fill(ADMIN.password);
  await partner.getByRole("button", { name: "Activate my account" }).click();
  await expect(partner).toHaveURL((url) => url.host === href.host && url.pathname === "/sign-in");
  await expect(partner.getByTestId("host-brand")).toContainText(PARTNER);
  await signIn(partner, ADMIN.email, ADMIN.password);
  await expect(partner).toHaveURL((url) => url.host === href.host && url.pathname === "/partner");
  await expect(partner.getByRole("heading", { name: PARTNER, level: 1 })).toBeVisible();
  // The shell wears the reseller's brand, not the ISP's.
  await expect(partner.getByRole("link", { name: new RegExp(PARTNER) }).first()).toBeVisible();
  await expect(partner.getByText("No customers yet")).toBeVisible();
  await context.close();
});
