// Every audience signs in, lands in its own portal, and is turned away from another one.
import { DEMO, type DemoAccountKey, expect, signIn, test } from "./support";

const OTHER_PORTAL: Record<string, string> = {
  "/admin": "/noc",
  "/noc": "/admin",
  "/support": "/admin",
  "/crm": "/admin",
  "/tech": "/admin",
  "/partner": "/noc",
  "/portal": "/noc",
};

for (const key of Object.keys(DEMO) as DemoAccountKey[]) {
  const account = DEMO[key];
  test(`${account.roleKey} lands on ${account.home} and cannot open ${OTHER_PORTAL[account.home]}`, async ({
    page,
  }) => {
    await signIn(page, account);
    await expect(page).toHaveURL((url) => url.pathname === account.home);
    await page.goto(OTHER_PORTAL[account.home]!);
    await expect(page).toHaveURL(/\/forbidden$/);
    await expect(page.getByRole("heading", { name: "You can’t open this page" })).toBeVisible();
    await page.getByRole("link", { name: "Go to your home page" }).click();
    await expect(page).toHaveURL((url) => url.pathname === account.home);
  });
}

test("a signed-out visitor is sent to sign in and comes back to the page asked for", async ({ page }) => {
  await page.goto("/noc?from=smoke");
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await page.getByLabel("Email").fill(DEMO.tenantAdmin.email);
  await page.getByLabel("Password").fill("not-the-password-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  // (Next.js has its own empty role=alert route announcer: pick ours by its text.)
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password" })).toBeVisible();
  await page.getByLabel("Password").fill(process.env.DEMO_PASSWORD ?? "fiberops-demo-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/noc" && url.search === "?from=smoke");
});

test("the staff shell shows the user and signs out", async ({ page }) => {
  await signIn(page, DEMO.noc);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Audit log" })).toBeVisible();
  // A NOC engineer may not see the tenant's users (user.read): the entry is not offered.
  await expect(nav.getByRole("link", { name: "Users & invitations" })).toHaveCount(0);
  const signedIn = await page.context().cookies();
  await page.getByRole("button", { name: DEMO.noc.name }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/noc");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fnoc/);
  // Security #11.4: the old cookie, replayed, no longer opens anything (the session ended on the server).
  await page.context().addCookies(signedIn);
  await page.goto("/noc/customers");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fnoc%2Fcustomers/);
  const me = await page.request.get("/api/trpc/identity.me");
  expect(me.status()).toBe(401);
});

test("security headers: a fresh CSP nonce per page that the app runs under, no framing, no sniffing", async ({
  page,
}) => {
  const refused: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect)/i.test(message.text()))
      refused.push(message.text());
  });
  const first = await page.goto("/sign-in");
  const headers = first!.headers();
  const csp = headers["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  // Served over http here: no HSTS (it would only be sent behind https).
  expect(headers["strict-transport-security"]).toBeUndefined();
  const nonce = /'nonce-([^']+)'/.exec(csp)![1];
  // Next.js put the nonce on its own scripts.
  expect(await page.locator(`script[nonce]`).count()).toBeGreaterThan(0);
  const again = await page.request.get("/sign-in");
  expect(again.headers()["content-security-policy"]).not.toContain(nonce);
  // Pages without data of their own are rendered per request too, so their scripts carry it.
  await page.goto("/forgot-password");
  expect(await page.locator("script[nonce]").count()).toBeGreaterThan(0);
  // Hydrated: the form submits through the client, not as a plain HTML form.
  await page.getByLabel("Email").fill("nobody@example.com");
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByText("Check your email")).toBeVisible();
  // The app is fully interactive under the policy: sign in, open a list, use the menu.
  await signIn(page, DEMO.noc);
  await page.goto("/noc/customers");
  await expect(page.getByRole("table")).toBeVisible();
  await page.getByRole("button", { name: DEMO.noc.name }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  expect(refused).toEqual([]);
  // The API and Next's files get the headers that need no nonce.
  const api = await page.request.get("/api/v1/openapi.json");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
  expect(api.headers()["x-frame-options"]).toBe("DENY");
});
