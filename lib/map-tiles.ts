// Background tiles under our maps. By default (and offline) a map draws only its own layers on a
// plain background. Set NEXT_PUBLIC_MAP_TILE_URL to an XYZ raster tile template
// (https://tiles.example.net/{z}/{x}/{y}.png) before `next build` to draw a street map under them;
// the page's Content-Security-Policy then lets the browser fetch from that origin.
export const MAP_TILE_URL = process.env.NEXT_PUBLIC_MAP_TILE_URL ?? "";
/** Credit the tile provider's licence asks for (shown in the map's corner). */
export const MAP_TILE_ATTRIBUTION = process.env.NEXT_PUBLIC_MAP_TILE_ATTRIBUTION ?? "";

/** The origin tiles come from, or null when no (valid) tile URL is configured. */
export function mapTileOrigin(url: string = MAP_TILE_URL): string | null {
  if (!url) return null;
  try {
    return new URL(url.replace(/\{[a-z]+\}/g, "0")).origin;
  } catch {
    return null;
  }
}
