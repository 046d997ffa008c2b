// Driving components/map-view.tsx in a spec: wait until the canvas has drawn, and find where a
// longitude/latitude is on it. MapView fits its features into the canvas less 40 px padding
// (fitBounds in Web Mercator), so a spec that knows the features knows where each one is drawn.
import type { Locator, Page } from "@playwright/test";
import { expect } from "./support";

type LngLat = [number, number];

/** The map named `label` (its canvas's aria-label), once maplibre has loaded it. */
export async function mapCanvas(page: Page, label: string): Promise<Locator> {
  // maplibre gives its canvas role="region" and our label.
  const canvas = page.getByRole("region", { name: label, exact: true });
  await expect(page.locator('[data-map-state="ready"]').filter({ has: canvas })).toHaveCount(1);
  return canvas;
}

const mercator = ([lng, lat]: LngLat): [number, number] => [
  (lng + 180) / 360,
  (180 - (180 / Math.PI) * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))) / 360,
];

/** Where `at` is drawn on a canvas of `size` whose features span `features` (all their corners). */
export function positionOnMap(size: { width: number; height: number }, features: LngLat[], at: LngLat) {
  const points = features.map(mercator);
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const padding = 40;
  const scale = Math.min((size.width - 2 * padding) / (maxX - minX), (size.height - 2 * padding) / (maxY - minY));
  const [x, y] = mercator(at);
  return {
    x: size.width / 2 + (x - (minX + maxX) / 2) * scale,
    y: size.height / 2 + (y - (minY + maxY) / 2) * scale,
  };
}

/** Clicks the map at a longitude/latitude. */
export async function clickMap(canvas: Locator, features: LngLat[], at: LngLat) {
  const box = await canvas.boundingBox();
  if (!box) throw new Error("the map's canvas is not on screen");
  await canvas.click({ position: positionOnMap(box, features, at) });
}
