// The page CSP lets maps fetch tiles from the configured tile server, and from nowhere else.
import { describe, expect, it } from "vitest";
import { mapTileOrigin } from "@/lib/map-tiles";
import { contentSecurityPolicy } from "./security-headers";

const connectSrc = (csp: string) => csp.split("; ").find((d) => d.startsWith("connect-src"));

describe("map tiles in the Content-Security-Policy", () => {
  it("reads the origin of an XYZ tile template", () => {
    expect(mapTileOrigin("https://tiles.example.net/osm/{z}/{x}/{y}.png")).toBe("https://tiles.example.net");
    expect(mapTileOrigin("http://10.0.0.5:8080/{z}/{x}/{y}.png")).toBe("http://10.0.0.5:8080");
    expect(mapTileOrigin("")).toBeNull();
    expect(mapTileOrigin("not a url/{z}")).toBeNull();
  });

  it("allows only our own origin without tiles, and the tile server's with them", () => {
    const opts = { dev: false, https: true };
    expect(connectSrc(contentSecurityPolicy("n", { ...opts, mapTiles: null }))).toBe("connect-src 'self'");
    expect(connectSrc(contentSecurityPolicy("n", { ...opts, mapTiles: "https://tiles.example.net" }))).toBe(
      "connect-src 'self' https://tiles.example.net",
    );
  });
});
