// A Nominatim-compatible HTTP server over the simulated homes: `GET /search?street=<nr>
// <street>&postalcode=&city=&countrycodes=&format=jsonv2&addressdetails=1`, answered in
// Nominatim's jsonv2 shape, so the real HTTP client is what talks to it (e2e environment).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { SimulatedGeocoder } from "./addresses";

export type FakeNominatim = { url: string; close(): Promise<void> };

export async function startFakeNominatim(port = 0): Promise<FakeNominatim> {
  const coder = new SimulatedGeocoder();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname !== "/search") {
      res.writeHead(404).end();
      return;
    }
    const q = url.searchParams;
    // Nominatim's structured `street` is "<house number> <street name>".
    const [, streetNr = "", streetName = ""] = /^(\S+)\s+(.*)$/.exec(q.get("street") ?? "") ?? [];
    const hits = await coder.search({
      streetName,
      streetNr,
      postcode: q.get("postalcode") ?? "",
      city: q.get("city") ?? "",
      country: (q.get("countrycodes") ?? "de").toUpperCase(),
    });
    res.setHeader("content-type", "application/json");
    res.end(
      JSON.stringify(
        hits.map((h) => ({
          lat: String(h.latitude),
          lon: String(h.longitude),
          display_name: `${h.streetNr}, ${h.streetName}, ${h.city}, ${h.postcode}, Deutschland`,
          address: {
            house_number: h.streetNr,
            road: h.streetName,
            city: h.city,
            postcode: h.postcode,
            country_code: h.country.toLowerCase(),
          },
        })),
      ),
    );
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
