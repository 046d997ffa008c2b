// An area's outline as typed or pasted instead of clicked on the map (the keyboard way to draw):
// corners one per line as "longitude, latitude", or GeoJSON (a Polygon, a Feature or
// FeatureCollection holding one, or a bare array of [longitude, latitude]).
import type { LngLat } from "./map-view";

export type Outline = { ring: LngLat[] } | { error: string };

const isPair = (p: unknown): p is [number, number] =>
  Array.isArray(p) && p.length >= 2 && typeof p[0] === "number" && typeof p[1] === "number";

function fromJson(value: unknown): unknown[] | string {
  if (Array.isArray(value)) return Array.isArray(value[0]) && Array.isArray(value[0][0]) ? value[0] : value;
  const v = value as { type?: string; coordinates?: unknown[][]; geometry?: unknown; features?: unknown[] };
  if (v?.type === "Polygon" && Array.isArray(v.coordinates?.[0])) return v.coordinates[0];
  if (v?.type === "Feature") return fromJson(v.geometry);
  if (v?.type === "FeatureCollection" && v.features?.length === 1) return fromJson(v.features[0]);
  if (v?.type === "FeatureCollection") return "Paste a collection with exactly one polygon";
  return "The GeoJSON is not a polygon";
}

/** The closed ring the text describes, or what is wrong with it. */
export function parseOutline(text: string): Outline {
  const trimmed = text.trim();
  if (!trimmed) return { error: "Add the area's corners: click the map or type them" };
  let points: unknown[];
  if (/^[[{]/.test(trimmed)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      return { error: "This is not valid JSON" };
    }
    const found = fromJson(parsed);
    if (typeof found === "string") return { error: found };
    points = found;
  } else {
    const lines = trimmed.split(/\r?\n/).filter((l) => l.trim());
    points = [];
    for (const [i, line] of lines.entries()) {
      const numbers = line
        .trim()
        .split(/[\s,;]+/)
        .map(Number);
      if (numbers.length !== 2 || numbers.some((n) => !Number.isFinite(n)))
        return { error: `Line ${i + 1} is not "longitude, latitude": ${line.trim()}` };
      points.push(numbers);
    }
  }
  const ring: LngLat[] = [];
  for (const p of points) {
    if (!isPair(p)) return { error: "Every corner needs a longitude and a latitude" };
    const [lng, lat] = p;
    if (lng < -180 || lng > 180 || lat < -90 || lat > 90)
      return { error: `${lng}, ${lat} is not on Earth: longitude first (−180…180), then latitude (−90…90)` };
    ring.push([lng, lat]);
  }
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (first && (first[0] !== last[0] || first[1] !== last[1])) ring.push([first[0], first[1]]);
  if (new Set(ring.map((p) => p.join())).size < 3) return { error: "An area needs at least three corners" };
  return { ring };
}

/** The corners as the text field shows them (the closing corner left out). */
export function formatOutline(ring: LngLat[]): string {
  const open =
    ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1]
      ? ring.slice(0, -1)
      : ring;
  return open.map(([lng, lat]) => `${lng.toFixed(6)}, ${lat.toFixed(6)}`).join("\n");
}
