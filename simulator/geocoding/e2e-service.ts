// The geocoder of the e2e environment: the Nominatim-compatible fake on a free port, configured
// the way a real Nominatim server is (GEOCODER_URL), so the app's HTTP client is exercised.
import { startFakeNominatim } from "./server";

export async function startGeocoderForE2e(ctx: { log: (line: string) => void }) {
  const nominatim = await startFakeNominatim();
  ctx.log(`Nominatim fake at ${nominatim.url}`);
  return { env: { GEOCODER_URL: nominatim.url, GEOCODER_KIND: "nominatim" }, stop: nominatim.close };
}
