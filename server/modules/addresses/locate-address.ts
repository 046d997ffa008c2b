// Locate an address: the same home typed twice is one row; a new one is placed by the
// installation's geocoder (Nominatim/Photon, or the simulator outside production) and kept
// with its coordinates. An address the geocoder cannot find is kept without them, so the
// lead is not lost and serviceability can say why.
import { geocoder } from "@/server/adapters/compose";
import type { Geocoder } from "@/server/adapters/geocoding/port";
import { isUniqueViolation } from "@/server/errors";
import type { ServiceContext } from "@/server/service-context";
import { type AddressInput, addressInput } from "./schemas";

export type LocatedAddress = Awaited<ReturnType<typeof locateAddress>>;

const key = (a: { streetName: string; streetNr: string; unit: string; postcode: string; country: string }) =>
  [a.streetName, a.streetNr, a.unit, a.postcode, a.country]
    .map((p) =>
      p
        .toLowerCase()
        .replace(/ß/g, "ss")
        .replace(/(str\.?|strasse)(?=$|\s)/g, "strasse")
        .replace(/\s+/g, " ")
        .trim(),
    )
    .join("|");

export function addressLabel(a: {
  streetName: string;
  streetNr: string;
  unit: string;
  postcode: string;
  city: string;
}) {
  return `${a.streetName} ${a.streetNr}${a.unit ? `, ${a.unit}` : ""}, ${a.postcode} ${a.city}`;
}

export async function locateAddress(svc: ServiceContext, raw: AddressInput, coder: Geocoder = geocoder()) {
  const input = addressInput.parse(raw);
  const existing = await svc.db.address.findFirst({ where: { matchKey: key(input) } });
  if (existing?.latitude != null) return { ...existing, label: addressLabel(existing) };
  const [hit] = await coder.search(input);
  // The geocoder's spelling wins, so "Oranienstr." and "Oranienstraße" meet on one row.
  const fields = hit
    ? {
        streetName: hit.streetName,
        streetNr: hit.streetNr,
        unit: input.unit,
        postcode: hit.postcode,
        city: hit.city,
        country: hit.country,
      }
    : input;
  const data = {
    ...fields,
    latitude: hit?.latitude ?? null,
    longitude: hit?.longitude ?? null,
    geocodedBy: hit ? coder.name : null,
    matchKey: key(fields),
  };
  const write = async () => {
    const row = await svc.db.address.findFirst({ where: { matchKey: data.matchKey } });
    if (row) return row.latitude == null && hit ? svc.db.address.update({ where: { id: row.id }, data }) : row;
    return svc.db.address.create({ data: { tenantId: svc.tenantId, ...data } });
  };
  let row: Awaited<ReturnType<typeof write>>;
  try {
    row = await write();
  } catch (error) {
    // Two visitors typed the same new home at once: the other one's row is ours too.
    if (!isUniqueViolation(error)) throw error;
    row = await write();
  }
  return { ...row, label: addressLabel(row) };
}

export async function getAddress(svc: ServiceContext, id: string) {
  const row = await svc.db.address.findFirst({ where: { id } });
  return row ? { ...row, label: addressLabel(row) } : null;
}
