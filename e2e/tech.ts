// The field technician's app (/tech), driven as a technician does on the phone: the steps the
// journeys that complete a job in the field share (J1's survey and install, J13's offline day).
import type { Page } from "@playwright/test";
import { expect } from "./support";

/** The technician's phone. */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

// A 1×1 PNG stands in for the camera's photo (the app shrinks whatever it gets to a JPEG).
const PHOTO = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

/** The control API of the BNG simulator (radius/e2e-service.ts), where a CPE dials from. */
export function bng() {
  const url = process.env.BNG_CONTROL_URL;
  if (!url) throw new Error("BNG_CONTROL_URL is not set: the AAA e2e service (radius/e2e-service.ts) did not start");
  return url;
}

/** Opens the job titled `title` from today's list; arrived, then started. */
export async function startJob(page: Page, title: string) {
  const card = page.getByRole("listitem").filter({ hasText: title });
  await card.getByRole("button", { name: /^Open WO-\d+/ }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await page.getByRole("button", { name: "Arrived" }).click();
  await page.getByRole("button", { name: "Start work" }).click();
  await expect(page.getByTestId("job-status")).toHaveText("In progress");
}

export async function tickChecklist(page: Page, items: string[]) {
  for (const item of items) await page.getByLabel(item).check();
}

/** The serial of the first ONU in the technician's van. */
export async function onuFromVan(page: Page) {
  const vanStock = (await page.getByTestId("van-stock").textContent()) ?? "";
  const serial = /In your van: (\S+) \(ONU\)/.exec(vanStock)?.[1];
  expect(serial, vanStock).toBeTruthy();
  return serial as string;
}

export async function saveFindings(page: Page, f: { opticalPowerDbm?: string; onuSerial?: string; notes?: string }) {
  if (f.opticalPowerDbm !== undefined) await page.getByLabel("Optical power at the ONU (dBm)").fill(f.opticalPowerDbm);
  if (f.onuSerial !== undefined) await page.getByLabel("ONU serial").fill(f.onuSerial);
  if (f.notes !== undefined) await page.getByLabel("Notes").fill(f.notes);
  await page.getByRole("button", { name: "Save findings" }).click();
}

export async function addPhoto(page: Page) {
  await page.getByLabel("Add a photo").setInputFiles({ name: "onu.png", mimeType: "image/png", buffer: PHOTO });
  await expect(page.getByTestId("photo-count")).toHaveText("1 photo");
}

/** The customer signs on the pad with a finger (here the mouse) and the technician saves it. */
export async function sign(page: Page, name: string) {
  await page.getByLabel("Name of the person signing").fill(name);
  // The pad is below the fold on a phone: the finger signs where it is on screen.
  await page.getByTestId("signature-pad").scrollIntoViewIfNeeded();
  const pad = await page.getByTestId("signature-pad").boundingBox();
  if (!pad) throw new Error("no signature pad");
  await page.mouse.move(pad.x + 20, pad.y + 100);
  await page.mouse.down();
  for (const [dx, dy] of [
    [60, -40],
    [120, 30],
    [180, -20],
    [240, 40],
  ])
    await page.mouse.move(pad.x + dx, pad.y + 100 + dy);
  await page.mouse.up();
  await page.getByRole("button", { name: "Save signature" }).click();
  await expect(page.getByTestId("signed-by")).toHaveText(`Signed by ${name}`);
}

export async function completeJob(page: Page) {
  await page.getByRole("button", { name: "Complete job" }).click();
  await expect(page.getByTestId("job-status")).toHaveText("Completed");
}
