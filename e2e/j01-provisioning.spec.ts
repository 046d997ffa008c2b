// J1, step 6: orchestrated provisioning. An operator creates and provisions a subscriber and
// watches every step complete; then arms a fault on the simulated OLT's ONU activation (the
// NOC's simulator control), provisions another, watches the ONU step fail after its retries
// and the completed steps roll back (the invariant check finds no orphans), clears the fault,
// retries the job and it completes. The subscriber's CPE then dials the BNG simulator and
// FreeRADIUS answers Access-Accept with the plan's rate and the address IPAM assigned. The app's embedded executor runs the
// workflow; real FreeRADIUS on the e2e database (radius/e2e-service.ts).
import type { Page } from "@playwright/test";
import { DEMO, expect, expectToast, signIn, test } from "./support";

const bng = () => {
  const url = process.env.BNG_CONTROL_URL;
  if (!url) throw new Error("BNG_CONTROL_URL is not set: the AAA e2e service (radius/e2e-service.ts) did not start");
  return url;
};
const PASSWORD = "j01-pppoe-pass";
const tag = Date.now().toString(36).slice(-5);

/** Fills the new-subscriber form with a free ONU and submits "Create and provision"; returns the job URL. */
async function createAndProvision(page: Page, username: string) {
  await page.goto("/noc/subscribers/new");
  await expect(page.getByRole("heading", { name: "New subscriber" })).toBeVisible();
  await page.getByLabel("Find customer").fill("Lukas Becker");
  const customer = page.getByRole("combobox", { name: "Customer", exact: true });
  const option = customer.locator("option", { hasText: "Lukas Becker" });
  await expect(option).toHaveCount(1);
  await customer.selectOption((await option.getAttribute("value")) as string);
  await page.getByRole("combobox", { name: "Plan", exact: true }).selectOption({ label: "Fiber 300" });
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(PASSWORD);
  // The form offers the discovered ONUs that serve no one.
  const freeOnu = page.locator("#free-onus option").first();
  await expect(freeOnu).toBeAttached();
  const serial = (await freeOnu.getAttribute("value")) as string;
  await page.getByLabel("ONU serial").fill(serial);
  await page.getByRole("button", { name: "Create and provision" }).click();
  // The preview: what each system would get, before anything runs.
  const preview = page.getByRole("dialog");
  await expect(preview).toContainText(`Provision ${username}?`);
  await expect(preview.getByTestId("saga-plan")).toContainText("Allocate 100.64.");
  await preview.getByRole("button", { name: "Provision" }).click();
  await page.waitForURL(/\/noc\/jobs\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: "Provision subscriber" })).toBeVisible();
  return { jobUrl: page.url(), serial };
}

const step = (page: Page, name: string) => page.getByTestId(`step-${name}`);

test("an operator provisions subscribers, sees a failed ONU activation roll back, retries it, and the subscriber authenticates", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signIn(page, DEMO.tenantAdmin);

  // 1. Provisioning with every system answering: the steps complete one after another.
  const first = `j01-a-${tag}@acme-fiber`;
  await createAndProvision(page, first);
  await expect(page.getByTestId("job-steps")).toBeVisible();
  await expect(page.getByTestId("job-status")).toHaveText("Completed", { timeout: 90_000 });
  await expect(page.getByText("8 of 8 steps done")).toBeVisible();
  for (const name of ["subscriber", "radius", "ip", "onu", "cpe", "billing", "activate", "welcome"])
    await expect(step(page, name)).toContainText("Completed");

  // 2. Arm a fault on the simulated OLT: every ONU activation fails until cleared.
  await page.goto("/noc/integrations");
  const sim = page.getByRole("region", { name: "Simulated network: fault injection" });
  await expect(sim).toBeVisible();
  await sim.getByLabel("Operation").selectOption("olt.enableOnu");
  await sim.getByLabel("Fault").selectOption("error");
  await sim.getByLabel("How often").selectOption({ label: "Until cleared" });
  await sim.getByLabel("Message").fill("PON port busy");
  await sim.getByRole("button", { name: "Inject fault" }).click();
  await expectToast(page, "Fault armed");
  await expect(sim.getByTestId("simulator-faults")).toContainText("olt.enableOnu");

  // 3. The next provisioning fails at the ONU after its retries and rolls back.
  const second = `j01-b-${tag}@acme-fiber`;
  const { jobUrl } = await createAndProvision(page, second);
  await expect(page.getByTestId("job-status")).toHaveText("Rolled back", { timeout: 90_000 });
  await expect(step(page, "onu")).toContainText("Failed");
  await expect(step(page, "onu")).toContainText("PON port busy");
  await expect(step(page, "onu").locator("td").nth(3)).toHaveText("4"); // 1 attempt + 3 retries
  for (const name of ["subscriber", "radius", "ip"]) await expect(step(page, name)).toContainText("Undone");
  for (const name of ["cpe", "billing", "activate", "welcome"]) await expect(step(page, name)).toContainText("Skipped");
  await expect(page.getByRole("status").filter({ hasText: "Every completed step was undone" })).toBeVisible();

  // Nothing half-provisioned remains: a drift scan finds nothing for the rolled-back subscriber.
  await page.goto(`/noc/drift?q=${encodeURIComponent(second)}&f.status=ALL`);
  await page.getByRole("button", { name: "Scan now" }).click();
  await expectToast(page, "Scan started");
  await expect(page.getByRole("button", { name: "Scan now" })).toBeEnabled({ timeout: 60_000 });
  await expect(page.getByText("Nothing matches")).toBeVisible();

  // 4. Clear the fault, retry the job: it completes.
  await page.goto("/noc/integrations");
  await sim.getByRole("button", { name: "Clear faults" }).click();
  await expectToast(page, "Faults cleared");
  await expect(sim.getByText("No faults armed")).toBeVisible();
  await page.goto(jobUrl);
  await expect(page.getByTestId("job-status")).toHaveText("Rolled back");
  await page.getByRole("button", { name: "Retry" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Retry provision subscriber?");
  await dialog.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByTestId("job-status")).toHaveText("Completed", { timeout: 90_000 });
  await expect(step(page, "onu")).toContainText("Completed");
  await expect(page.getByText("attempt 2")).toBeVisible();

  // 5. The subscriber's page shows its workflow; its CPE dials and FreeRADIUS accepts it.
  await page.getByRole("link", { name: second }).click();
  await expect(page.getByRole("heading", { name: second })).toBeVisible();
  await expect(page.getByTestId("subscriber-workflows")).toContainText("Completed");
  const cpe = await fetch(`${bng()}/cpes`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: second, password: PASSWORD, autoDial: true }),
  });
  expect(cpe.status).toBe(201);
  const authLog = page.getByTestId("auth-log");
  await expect(authLog.getByRole("row").nth(1)).toContainText("Access-Accept", { timeout: 30_000 });
  await expect(page.getByText("No live session")).toBeHidden({ timeout: 20_000 });
  type Session = { username: string; rate?: string; framedIp?: string };
  await expect
    .poll(
      async () => {
        const sessions = (await (await fetch(`${bng()}/sessions`)).json()) as Session[];
        return sessions.find((s) => s.username === second)?.rate ?? null;
      },
      { timeout: 20_000 },
    )
    .toBe("60M/300M"); // Fiber 300: the plan's rate limit in the Access-Accept (MikroTik up/down)
  // The Access-Accept carried the address IPAM assigned to the subscriber (Framed-IP-Address).
  const assigned = (await page.getByTestId("subscriber-ipv4").textContent())?.trim();
  expect(assigned).toMatch(/^100\.64\.\d+\.\d+$/);
  const sessions = (await (await fetch(`${bng()}/sessions`)).json()) as Session[];
  expect(sessions.find((s) => s.username === second)?.framedIp).toBe(assigned);
});
