// TMF645 Service Qualification (v4), the check only: POST a checkServiceQualification naming a
// place (a TMF673 GeographicAddress) and get its qualification — "qualified" (serviceable),
// "alternate" (serviceable with a build cost) or "unqualified" with the reason — and the plans
// sold there as alternate service specifications. Answered synchronously (state "done").
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { defineRoute } from "@/server/rest";
import { checkServiceability } from "./check-serviceability";
import type { Serviceability } from "./schemas";

const SQ = "/tmf-api/serviceQualificationManagement/v4";

const geographicAddress = z.object({
  streetName: z.string().min(1),
  streetNr: z.string().min(1),
  streetNrSuffix: z.string().optional().describe("The unit (flat, floor)"),
  postcode: z.string().min(1),
  city: z.string().min(1),
  country: z.string().length(2).describe("ISO 3166-1 alpha-2"),
  "@type": z.literal("GeographicAddress").optional(),
});

const body = z.object({
  description: z.string().optional(),
  serviceQualificationItem: z
    .array(
      z.object({
        id: z.string().default("1"),
        service: z.object({ place: z.array(geographicAddress).length(1) }),
      }),
    )
    .min(1)
    .max(20),
});

const RESULT: Record<Serviceability, "qualified" | "alternate" | "unqualified"> = {
  SERVICEABLE: "qualified",
  SERVICEABLE_WITH_BUILD: "alternate",
  NOT_SERVICEABLE: "unqualified",
};

const item = z.object({
  id: z.string(),
  state: z.literal("done"),
  qualificationItemResult: z.enum(["qualified", "alternate", "unqualified"]),
  eligibilityUnavailabilityReason: z.array(z.object({ code: z.string(), label: z.string() })),
  service: z.object({
    place: z.array(
      geographicAddress.extend({
        id: z.uuid(),
        geographicLocation: z
          .object({ geometryType: z.literal("point"), geometry: z.array(z.object({ x: z.number(), y: z.number() })) })
          .nullable(),
      }),
    ),
    supportingResource: z.array(
      z.object({ id: z.uuid(), name: z.string(), "@referredType": z.literal("Splitter"), distanceM: z.number() }),
    ),
  }),
  alternateServiceProposal: z.array(
    z.object({
      serviceSpecification: z.object({
        id: z.uuid(),
        name: z.string(),
        "@referredType": z.literal("ServiceSpecification"),
      }),
      priceMinor: z.number().int(),
      currency: z.string(),
      buildCostMinor: z.number().int().nullable(),
    }),
  ),
});

export const serviceabilityRoutes = [
  defineRoute({
    method: "POST",
    path: `${SQ}/checkServiceQualification`,
    tag: "TMF645 Service Qualification",
    summary: "Check whether addresses can be connected, and with which plans",
    description:
      "Each item names one address. The answer says qualified (a splitter with a free leg within drop distance), alternate (only with a build, at buildCostMinor) or unqualified (with the reason).",
    permission: "lead.read",
    body,
    status: 201,
    response: z.object({
      id: z.uuid(),
      href: z.string(),
      state: z.literal("done"),
      qualificationResult: z.enum(["qualified", "alternate", "unqualified"]),
      checkServiceQualificationDate: z.iso.datetime({ offset: true }),
      serviceQualificationItem: z.array(item),
    }),
    async handler({ svc, body }) {
      const items = [];
      for (const it of body.serviceQualificationItem) {
        const place = it.service.place[0];
        const r = await checkServiceability(svc, {
          address: { ...place, unit: place.streetNrSuffix ?? "" },
        });
        const a = r.address;
        items.push({
          id: it.id,
          state: "done" as const,
          qualificationItemResult: RESULT[r.status],
          eligibilityUnavailabilityReason: r.status === "SERVICEABLE" ? [] : [{ code: r.status, label: r.reason }],
          service: {
            place: [
              {
                id: a.id,
                streetName: a.streetName,
                streetNr: a.streetNr,
                ...(a.unit ? { streetNrSuffix: a.unit } : {}),
                postcode: a.postcode,
                city: a.city,
                country: a.country,
                "@type": "GeographicAddress" as const,
                geographicLocation:
                  a.latitude != null && a.longitude != null
                    ? { geometryType: "point" as const, geometry: [{ x: a.longitude, y: a.latitude }] }
                    : null,
              },
            ],
            supportingResource: r.splitter
              ? [
                  {
                    id: r.splitter.id,
                    name: r.splitter.name,
                    "@referredType": "Splitter" as const,
                    distanceM: r.splitter.distanceM,
                  },
                ]
              : [],
          },
          alternateServiceProposal: r.plans.map((p) => ({
            serviceSpecification: { id: p.id, name: p.name, "@referredType": "ServiceSpecification" as const },
            priceMinor: p.priceMinor,
            currency: p.currency,
            buildCostMinor: r.buildCostMinor,
          })),
        });
      }
      const results = items.map((i) => i.qualificationItemResult);
      const id = randomUUID();
      return {
        id,
        href: `/api/v1${SQ}/checkServiceQualification/${id}`,
        state: "done" as const,
        qualificationResult: results.includes("qualified")
          ? ("qualified" as const)
          : results.includes("alternate")
            ? ("alternate" as const)
            : ("unqualified" as const),
        checkServiceQualificationDate: new Date(),
        serviceQualificationItem: items,
      };
    },
  }),
];
