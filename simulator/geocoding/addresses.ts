// The simulated geocoder: a small fixed set of Berlin-Kreuzberg homes around the demo network
// (and a few outside it), answered the way a Nominatim server would — spelling normalised
// ("Oranienstr." finds "Oranienstraße"), nothing for an unknown address.
import type { GeocodedPlace, GeocodeQuery, Geocoder } from "@/server/adapters/geocoding/port";

type Home = Omit<GeocodedPlace, "label">;

const BERLIN = { city: "Berlin", country: "DE" } as const;

/** The demo's homes: inside the Kreuzberg coverage area, the planned Neukölln area, and Spandau (none). */
export const SIMULATED_HOMES: Home[] = [
  { streetName: "Oranienstraße", streetNr: "45", postcode: "10999", latitude: 52.5011, longitude: 13.4185, ...BERLIN },
  { streetName: "Oranienstraße", streetNr: "47", postcode: "10999", latitude: 52.5012, longitude: 13.419, ...BERLIN },
  { streetName: "Lindenstraße", streetNr: "14", postcode: "10969", latitude: 52.5037, longitude: 13.3985, ...BERLIN },
  { streetName: "Wiener Straße", streetNr: "5", postcode: "10999", latitude: 52.4986, longitude: 13.4312, ...BERLIN },
  {
    streetName: "Skalitzer Straße",
    streetNr: "82",
    postcode: "10997",
    latitude: 52.4997,
    longitude: 13.4236,
    ...BERLIN,
  },
  {
    streetName: "Reichenberger Straße",
    streetNr: "23",
    postcode: "10999",
    latitude: 52.4969,
    longitude: 13.4262,
    ...BERLIN,
  },
  {
    streetName: "Görlitzer Straße",
    streetNr: "70",
    postcode: "10997",
    latitude: 52.4945,
    longitude: 13.4358,
    ...BERLIN,
  },
  { streetName: "Sonnenallee", streetNr: "120", postcode: "12045", latitude: 52.4818, longitude: 13.4473, ...BERLIN },
  {
    streetName: "Carl-Schurz-Straße",
    streetNr: "2",
    postcode: "13597",
    latitude: 52.5362,
    longitude: 13.2042,
    ...BERLIN,
  },
];

export const normaliseStreet = (s: string) =>
  s
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/str\.?$|strasse$/g, "strasse")
    .replace(/[^a-z0-9]/g, "");

export class SimulatedGeocoder implements Geocoder {
  readonly name = "simulated";
  constructor(private readonly homes: Home[] = SIMULATED_HOMES) {}

  async search(q: GeocodeQuery): Promise<GeocodedPlace[]> {
    const street = normaliseStreet(q.streetName);
    const nr = q.streetNr.trim().toLowerCase();
    return this.homes
      .filter(
        (h) =>
          normaliseStreet(h.streetName) === street &&
          h.streetNr.toLowerCase() === nr &&
          h.country === q.country.toUpperCase() &&
          (!q.postcode.trim() || h.postcode === q.postcode.trim()),
      )
      .map((h) => ({ ...h, label: `${h.streetName} ${h.streetNr}, ${h.postcode} ${h.city}` }));
  }
}
