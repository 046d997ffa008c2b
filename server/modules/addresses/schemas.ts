import { z } from "zod";

const text = (max: number, what: string) =>
  z
    .string()
    .trim()
    .min(1, { message: `Enter the ${what}` })
    .max(max);

/** A home's address as people type it (TMF673 GeographicAddress fields). */
export const addressInput = z.object({
  streetName: text(200, "street"),
  streetNr: text(20, "house number"),
  unit: z.string().trim().max(40).default(""),
  postcode: text(20, "postcode"),
  city: text(120, "city"),
  country: z
    .string()
    .trim()
    .length(2, { message: "Use the two-letter country code, e.g. DE" })
    .transform((c) => c.toUpperCase())
    .default("DE"),
});
export type AddressInput = z.input<typeof addressInput>;
