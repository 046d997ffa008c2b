// The coverage map: a sales rep sees the tenant's areas drawn (WebGL in headless Chromium) and
// listed, and clicking an area on the canvas opens it; an admin draws an area (clicked and typed
// corners), an address in it becomes serviceable on the public page, and the area is deleted.
import { DEMO_TENANT_SLUG } from "../prisma/demo-accounts.ts";
import { clickMap, mapCanvas } from "./map";
import { confirmDialog, DEMO, expect, expectToast, signIn, test } from "./support";

const tag = Date.now().toString(36).slice(-5);

// The demo areas (server/modules/serviceability/seed.ts): Kreuzberg live, Neukölln planned.
const CORNERS: Array<[number, number]> = [
  [13.39, 52.475],
  [13.46, 52.507],
];

test("the coverage map draws the areas and opens the one clicked", async ({ page }) => {
  await signIn(page, DEMO.sales);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Coverage map" }).click();
  await expect(page.getByRole("heading", { name: "Coverage map" })).toBeVisible();
  const canvas = await mapCanvas(page, "Coverage areas");
  // The text alternative lists the same areas.
  await expect(page.getByRole("button", { name: /^Kreuzberg — 1,840 homes passed/ })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Neukölln/ })).toBeVisible();

  await clickMap(canvas, CORNERS, [13.415, 52.4995]);
  await expect(page.getByRole("heading", { name: "Kreuzberg", level: 2 })).toBeVisible();
  await expect(page.getByText("1,840", { exact: true })).toBeVisible();
});

test("an admin draws a coverage area and an address in it becomes serviceable; deleting it asks first", async ({
  page,
  browser,
}) => {
  const visitor = await browser.newPage();
  const check = async () => {
    await visitor.goto(`/availability/${DEMO_TENANT_SLUG}`);
    await visitor.getByRole("textbox", { name: "Street", exact: true }).fill("Carl-Schurz-Straße");
    await visitor.getByRole("textbox", { name: "Number", exact: true }).fill("2");
    await visitor.getByRole("textbox", { name: "Postcode", exact: true }).fill("13597");
    await visitor.getByRole("textbox", { name: "City", exact: true }).fill("Berlin");
    await visitor.getByRole("button", { name: "Check availability" }).click();
  };
  await check();
  await expect(visitor.getByText("This address is outside our fibre network.")).toBeVisible();

  await signIn(page, DEMO.tenantAdmin);
  await page.goto("/crm/coverage");
  const canvas = await mapCanvas(page, "Coverage areas");
  await page.getByRole("button", { name: "Draw an area" }).click();
  // Corners clicked on the map land in the corners field...
  const corners = page.getByRole("textbox", { name: /^Corners/ });
  for (const at of [
    [13.4, 52.5],
    [13.43, 52.5],
    [13.43, 52.48],
  ] as Array<[number, number]>)
    await clickMap(canvas, CORNERS, at);
  await expect(corners).toHaveValue(/^13\.\d+, 52\.\d+\n13\.\d+, 52\.\d+\n13\.\d+, 52\.\d+$/);
  // ...and typed ones (the keyboard way) replace them: a box around Spandau.
  await page.getByRole("button", { name: "Clear corners" }).click();
  await corners.fill("13.19, 52.53\n13.22, 52.53\n13.22, 52.545\n13.19, 52.545");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(`Spandau ${tag}`);
  await page.getByRole("textbox", { name: "Homes passed" }).fill("120");
  await page.getByRole("textbox", { name: /^Build cost/ }).fill("600");
  await page.getByRole("button", { name: "Save area" }).click();
  await expectToast(page, `Coverage area Spandau ${tag} saved`);
  await expect(page.getByRole("button", { name: `Spandau ${tag} — 120 homes passed` })).toBeVisible();

  await check();
  await expect(
    visitor.getByText("Fibre is nearby: connecting this address needs a short build, priced in your quote."),
  ).toBeVisible();

  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await confirmDialog(page);
  await expectToast(page, "Coverage area deleted");
  await expect(page.getByRole("button", { name: `Spandau ${tag} — 120 homes passed` })).toHaveCount(0);
});
