// J14 New PON infrastructure (the OLT part): a NOC engineer registers a new OLT on the
// built-in network simulator, sees its PON ports and the ONUs it discovers, activates one
// with a bandwidth profile and reads its optical levels. The OLT's name and address are its
// own, so the demo network (Acme-OLT-1 at 10.10.0.10) other journeys use is untouched.
import { confirmDialog, DEMO, expect, expectToast, signIn, test } from "./support";

const OLT = { name: "J14-Harbour-OLT", hostAndPort: "10.214.0.10:9191" };

test("a NOC engineer registers an OLT, sees its ports and ONUs, activates one and reads its optics", async ({
  page,
}) => {
  await signIn(page, DEMO.noc);
  await page.goto("/noc/olts");
  await expect(page.getByRole("heading", { name: "OLTs" })).toBeVisible();
  await page.getByRole("button", { name: "Register OLT" }).click();

  // A wrong address is refused with a message at the field.
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(OLT.name);
  await page.getByLabel("Management address").fill("not an address");
  await page.locator("form").getByRole("button", { name: "Register OLT" }).click();
  await expect(page.getByText(/host:port/).first()).toBeVisible();

  await page.getByLabel("Management address").fill(OLT.hostAndPort);
  await page.getByLabel("Split ratio").selectOption("32");
  await page.locator("form").getByRole("button", { name: "Register OLT" }).click();
  await expectToast(page, `OLT ${OLT.name} registered with 4 PON ports`);
  await expect(page).toHaveURL(/\/noc\/olts\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: OLT.name })).toBeVisible();

  // Its PON ports, each with the ONUs the simulator discovered on it.
  for (const label of ["pon-0", "pon-1", "pon-2", "pon-3"]) {
    const port = page.getByTestId(`port-${label}`);
    await expect(port).toBeVisible();
    await expect(port).toContainText("1:32");
    await expect(port.getByRole("cell").nth(3)).toHaveText("4");
  }
  await expect(page.getByText("0 / 16")).toBeVisible();
  await page.getByTestId("port-pon-1").getByRole("button", { name: "Show ONUs" }).click();
  const onus = page.getByRole("table", { name: "ONUs" });
  await expect(page.getByRole("heading", { name: "ONUs on pon-1" })).toBeVisible();
  await expect(onus.getByRole("row").filter({ hasText: "pon-1" })).toHaveCount(4);
  await expect(onus.getByRole("row").filter({ hasText: "pon-0" })).toHaveCount(0);

  // Open the first discovered ONU and activate it with 300/100 Mbit/s.
  const first = onus.getByRole("row").filter({ hasText: "discovered" }).first();
  const serial = (await first.getByRole("cell").first().innerText()).trim();
  expect(serial).toMatch(/^[A-Z]{4}[0-9A-F]{8}$/);
  await first.getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: serial })).toBeVisible();
  await expect(page.getByText("Current profile: none")).toBeVisible();
  await page.getByLabel("Downstream (Mbit/s)").fill("300");
  await page.getByLabel("Upstream (Mbit/s)").fill("100");
  await page.getByRole("button", { name: "Activate ONU" }).click();
  await expect(page.getByRole("dialog")).toContainText("300/100 Mbit/s");
  await confirmDialog(page);
  await expectToast(page, "ONU activated");
  await expect(page.getByText("Current profile: 300 / 100 Mbit/s")).toBeVisible();
  await expect(page.locator(".stat").filter({ hasText: "State" })).toContainText("active");

  // Optical levels, judged against the GPON class B+ window.
  await expect(page.getByTestId("rx-power")).toHaveText("—");
  await page.getByRole("button", { name: "Read optical levels" }).click();
  await expect(page.getByTestId("rx-power")).toHaveText(/^-\d+(\.\d+)? dBm$/);
  await expect(page.getByText(/window -27 … -8 dBm/)).toBeVisible();
  const levels = page.locator(".alert").filter({ hasText: "Optical levels" });
  await expect(levels).toContainText(/Rx -\d+(\.\d+)? dBm · Tx \d+(\.\d+)? dBm/);

  // The OLT now counts one active ONU, and the activation is in the audit log.
  await page.getByRole("link", { name: OLT.name }).first().click();
  await expect(page.getByText("1 / 16")).toBeVisible();
  await page.goto("/settings/audit?f.action=network.onu.activate");
  await expect(page.getByRole("row").filter({ hasText: "network.onu.activate" }).first()).toBeVisible();
});
