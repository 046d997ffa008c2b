// Portal accounts (issue #15): Jonas Weber, a customer the reseller Northwind Connect brought,
// registers on his provider's own address with his account number and the email on file; the
// emailed link (read from the email provider, as he gets it) lets him choose a password, and
// his portal wears the reseller's name and colour, not the ISP's. Once the tenant admin allows
// sign-in links, he signs in with an emailed link, which works only once.
import { DEMO, deliveredLink, expect, signIn, signOut, sql, test } from "./support";

const JONAS = { email: "jonas.weber@example.com", password: "Northwind-home-26" };
const RESELLER = { name: "Northwind Connect", colour: "#6b21a8" };

test("a reseller's customer registers, sees the reseller's portal and signs in by link", async ({
  page,
  browser,
  baseURL,
}) => {
  test.slow();
  const [customer] = await sql<{ number: string }>(`SELECT number FROM "Customer" WHERE email = $1`, [JONAS.email]);
  // The tenant's own address (<slug>.<the app's host>) says whose portal this is.
  const site = await browser.newContext({ baseURL: baseURL!.replace("//localhost", "//acme-fiber.localhost") });
  const jonas = await site.newPage();
  await jonas.goto("/sign-in");
  await jonas.getByRole("link", { name: "New customer? Create your portal account" }).click();
  await expect(jonas.getByRole("heading", { name: "Create your portal account", level: 1 })).toBeVisible();
  await jonas.getByRole("button", { name: "Email me a link" }).click();
  await expect(jonas.getByText("Enter your account number (it is on your invoices)")).toBeVisible();
  await jonas.getByLabel("Account number").fill(customer!.number);
  await jonas.getByLabel("Email").fill(JONAS.email);
  await jonas.getByRole("button", { name: "Email me a link" }).click();
  await expect(jonas.getByText("Check your email")).toBeVisible();

  const invitation = await deliveredLink(JONAS.email, "invitation");
  await jonas.goto(new URL(invitation).pathname);
  await jonas.getByLabel("Your name").fill("Jonas Weber");
  await jonas.getByLabel(/^Password/).fill(JONAS.password);
  await jonas.getByLabel("Repeat password").fill(JONAS.password);
  await jonas.getByRole("button", { name: "Activate my account" }).click();
  await expect(jonas).toHaveURL(/\/sign-in/);
  await jonas.getByLabel("Email").fill(JONAS.email);
  await jonas.getByLabel("Password").fill(JONAS.password);
  await jonas.getByRole("button", { name: "Sign in" }).click();
  await expect(jonas).toHaveURL(/\/portal$/);
  // The reseller's name and colour, not the ISP's.
  await expect(jonas.locator(".brand-name").first()).toHaveText(RESELLER.name);
  await expect(jonas.locator(".brand-name").filter({ hasText: "Acme Fiber" })).toHaveCount(0);
  const colour = await jonas
    .locator(".shell, .phone-shell")
    .first()
    .evaluate((shell) => getComputedStyle(shell).getPropertyValue("--brand").trim());
  expect(colour).toBe(RESELLER.colour);
  await signOut(jonas);

  // The tenant admin allows sign-in links.
  await signIn(page, DEMO.tenantAdmin);
  await page.goto("/settings");
  await page.getByRole("checkbox", { name: /sign in with a link emailed to them/ }).check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.locator(".toast").filter({ hasText: "Settings saved" })).toBeVisible();

  await jonas.goto("/sign-in");
  await jonas.getByRole("link", { name: "Email me a sign-in link instead" }).click();
  await expect(jonas.getByRole("heading", { name: "Sign in with an email link", level: 1 })).toBeVisible();
  await jonas.getByLabel("Email").fill(JONAS.email);
  await jonas.getByRole("button", { name: "Email me a link" }).click();
  await expect(jonas.getByText("Check your email")).toBeVisible();
  const link = new URL(await deliveredLink(JONAS.email, "sign-in/link")).pathname;
  await jonas.goto(link);
  await expect(jonas.getByText(`Sign in as ${JONAS.email}`)).toBeVisible();
  await jonas.getByRole("button", { name: "Sign in" }).click();
  await expect(jonas).toHaveURL(/\/portal$/);
  await expect(jonas.locator(".brand-name").first()).toHaveText(RESELLER.name);
  // The link works once.
  await signOut(jonas);
  await jonas.goto(link);
  await expect(jonas.getByText(/already used/)).toBeVisible();
  await site.close();
});
