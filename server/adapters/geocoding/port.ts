// The geocoding port: a typed address in, candidate places out (best first).
export type GeocodeQuery = {
  streetName: string;
  streetNr: string;
  postcode: string;
  city: string;
  country: string;
};

export type GeocodedPlace = {
  latitude: number;
  longitude: number;
  /** As the geocoder spells them (a query "hauptstr" comes back "Hauptstraße"). */
  streetName: string;
  streetNr: string;
  postcode: string;
  city: string;
  country: string;
  label: string;
};

export interface Geocoder {
  /** Stored as Address.geocodedBy. */
  readonly name: string;
  search(query: GeocodeQuery): Promise<GeocodedPlace[]>;
}
