import { z } from "zod";
import { addressInput } from "@/server/modules/addresses";

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

export const coverageAreaInput = z.object({
  name: z.string().trim().min(1, { message: "Name the area" }).max(120),
  status: z.enum(["LIVE", "PLANNED"]).default("LIVE"),
  /** A closed ring of [longitude, latitude] (as drawn on the map). */
  polygon: z
    .array(position)
    .min(4, { message: "Draw at least three corners" })
    .max(2000)
    .refine((r) => r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1], {
      message: "The area's outline must close on its first point",
    }),
  homesPassed: z.number().int().min(0).default(0),
  maxDropM: z.number().int().min(10).max(5000).default(250),
  buildCostMinor: z.number().int().min(0).nullish(),
  planIds: z.array(z.string().uuid()).max(50).default([]),
});
export type CoverageAreaInput = z.input<typeof coverageAreaInput>;

export const checkInput = z.object({ address: addressInput });
export type CheckInput = z.input<typeof checkInput>;

export const SERVICEABILITY = ["SERVICEABLE", "SERVICEABLE_WITH_BUILD", "NOT_SERVICEABLE"] as const;
export type Serviceability = (typeof SERVICEABILITY)[number];
