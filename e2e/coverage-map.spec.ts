// The coverage map: a sales rep sees the tenant's areas drawn (WebGL in headless Chromium) and
// listed, and clicking an area on the canvas opens it.
import { clickMap, mapCanvas } from "./map";
import { DEMO, expect, signIn, test } from "./support";

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
