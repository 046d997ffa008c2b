// Geocoding over HTTP against a Nominatim (`/search?format=jsonv2&addressdetails=1`, structured
// query) or a Photon (`/api?q=`, GeoJSON answer) server; the installation's operator configures
// which one (GEOCODER_URL, GEOCODER_KIND). Nominatim's usage policy asks for an identifying
// User-Agent and at most one request a second on the public instance: run your own for volume.
import { unavailable } from "@/server/errors";
import type { GeocodedPlace, GeocodeQuery, Geocoder } from "./port";

export type HttpGeocoderOptions = {
  baseUrl: string;
  kind: "nominatim" | "photon";
  userAgent?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
};

type NominatimHit = {
  lat: string;
  lon: string;
  display_name?: string;
  address?: Record<string, string | undefined>;
};

type PhotonFeature = {
  geometry: { coordinates: [number, number] };
  properties: Record<string, string | undefined>;
};

export class HttpGeocoder implements Geocoder {
  readonly name: string;
  constructor(private readonly options: HttpGeocoderOptions) {
    this.name = options.kind;
  }

  async search(q: GeocodeQuery): Promise<GeocodedPlace[]> {
    const url = new URL(this.options.baseUrl);
    const base = url.pathname.replace(/\/$/, "");
    if (this.options.kind === "nominatim") {
      url.pathname = `${base}/search`;
      url.search = new URLSearchParams({
        street: `${q.streetNr} ${q.streetName}`,
        postalcode: q.postcode,
        city: q.city,
        countrycodes: q.country.toLowerCase(),
        format: "jsonv2",
        addressdetails: "1",
        limit: "5",
      }).toString();
    } else {
      url.pathname = `${base}/api`;
      url.search = new URLSearchParams({
        q: `${q.streetName} ${q.streetNr}, ${q.postcode} ${q.city}`,
        limit: "5",
      }).toString();
    }
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(url, {
        headers: { accept: "application/json", "user-agent": this.options.userAgent ?? "FiberOps geocoder" },
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
      });
    } catch {
      throw unavailable("The address lookup service did not answer; try again in a moment");
    }
    if (!response.ok) throw unavailable(`The address lookup service answered HTTP ${response.status}`);
    const body = (await response.json()) as unknown;
    const places = this.options.kind === "nominatim" ? fromNominatim(body, q) : fromPhoton(body, q);
    // Photon has no country filter: keep only answers in the asked country.
    return places.filter((p) => p.country.toUpperCase() === q.country.toUpperCase());
  }
}

export function fromNominatim(body: unknown, q: GeocodeQuery): GeocodedPlace[] {
  if (!Array.isArray(body)) return [];
  return (body as NominatimHit[]).map((hit) => {
    const a = hit.address ?? {};
    return {
      latitude: Number(hit.lat),
      longitude: Number(hit.lon),
      streetName: a.road ?? a.pedestrian ?? q.streetName,
      streetNr: a.house_number ?? q.streetNr,
      postcode: a.postcode ?? q.postcode,
      city: a.city ?? a.town ?? a.village ?? a.municipality ?? q.city,
      country: (a.country_code ?? q.country).toUpperCase(),
      label: hit.display_name ?? "",
    };
  });
}

export function fromPhoton(body: unknown, q: GeocodeQuery): GeocodedPlace[] {
  const features = (body as { features?: PhotonFeature[] } | null)?.features;
  if (!Array.isArray(features)) return [];
  return features.map((f) => {
    const p = f.properties;
    const place = {
      latitude: f.geometry.coordinates[1],
      longitude: f.geometry.coordinates[0],
      streetName: p.street ?? p.name ?? q.streetName,
      streetNr: p.housenumber ?? q.streetNr,
      postcode: p.postcode ?? q.postcode,
      city: p.city ?? p.town ?? p.village ?? q.city,
      country: (p.countrycode ?? q.country).toUpperCase(),
    };
    return { ...place, label: `${place.streetName} ${place.streetNr}, ${place.postcode} ${place.city}` };
  });
}
