// Serviceability on a real PostgreSQL with the simulated geocoder's homes: serviceable next to a
// splitter with a free leg, a build beyond the drop distance, a full splitter, outside and
// planned areas, an unknown address; the last leg taken once under concurrency; the TMF645
// check over /api/v1; the Nominatim and Photon HTTP clients against a local server.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { HttpGeocoder } from "@/server/adapters/geocoding/nominatim";
import { locateAddress } from "@/server/modules/addresses";
import { builtInRole } from "@/server/modules/identity";
import { hashToken } from "@/server/rest";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { callApi } from "@/server/testing/rest";
import {
  LINDEN_14,
  NOWHERE,
  ORANIEN_45,
  ORANIEN_47,
  type SalesWorld,
  SONNENALLEE_120,
  SPANDAU,
  salesWorld,
  WIENER_5,
} from "@/server/testing/sales-fixtures";
import { startFakeNominatim } from "@/simulator/geocoding/server";
import { checkServiceability, reserveDrop } from "./check-serviceability";
import { saveCoverageArea } from "./coverage-areas";

vi.mock("@/server/auth", () => ({ auth: async () => null, sessionUser: async () => null }));

let t: TestDatabase;
let w: SalesWorld;
const TOKEN = "fo_test_sales_sq_token_0123456789";

beforeAll(async () => {
  t = await testDatabase();
  w = await salesWorld(t.prisma);
  const role = await builtInRole(t.prisma, "sales_rep");
  await t.prisma.apiToken.create({
    data: { tenantId: w.tenant.id, name: "website", roleId: role.id, tokenHash: hashToken(TOKEN), prefix: "fo_test" },
  });
});
afterAll(() => t.drop());

describe("checkServiceability", () => {
  it("finds the splitter next door with a free leg, and the plans sold there", async () => {
    const r = await checkServiceability(w.svc, { address: { ...ORANIEN_45, streetName: "Oranienstr." } });
    expect(r.status).toBe("SERVICEABLE");
    expect(r.splitter).toMatchObject({ name: "SPL-ORANIEN", freeLegs: 2 });
    expect(r.splitter!.distanceM).toBeLessThan(50);
    expect(r.area?.name).toBe("Kreuzberg");
    expect(r.plans.map((p) => p.id)).toEqual([w.plan.id]);
    // The geocoder's spelling is kept: the same home typed differently is one address.
    expect(r.address.streetName).toBe("Oranienstraße");
    const again = await locateAddress(w.svc, ORANIEN_45);
    expect(again.id).toBe(r.address.id);
  });

  it("offers a build at the area's cost when the nearest free splitter is beyond the drop distance", async () => {
    const r = await checkServiceability(w.svc, { address: LINDEN_14 });
    expect(r.status).toBe("SERVICEABLE_WITH_BUILD");
    expect(r.reasonCode).toBe("BUILD");
    expect(r.buildCostMinor).toBe(45_000);
    expect(r.splitter!.distanceM).toBeGreaterThan(250);
  });

  it("says why an address cannot be connected", async () => {
    const outside = await checkServiceability(w.svc, { address: SPANDAU });
    expect(outside).toMatchObject({ status: "NOT_SERVICEABLE", reasonCode: "OUTSIDE_COVERAGE", plans: [] });
    const planned = await checkServiceability(w.svc, { address: SONNENALLEE_120 });
    expect(planned).toMatchObject({ status: "NOT_SERVICEABLE", reasonCode: "PLANNED_AREA" });
    expect(planned.reason).toContain("Neukölln");
    const unknown = await checkServiceability(w.svc, { address: NOWHERE });
    expect(unknown).toMatchObject({ status: "NOT_SERVICEABLE", reasonCode: "ADDRESS_NOT_FOUND" });
    expect(unknown.address.latitude).toBeNull();
  });

  it("at a full splitter: a build from the next free one, or not serviceable when the area offers no build", async () => {
    const a45 = await locateAddress(w.svc, ORANIEN_45);
    const a47 = await locateAddress(w.svc, ORANIEN_47);
    const wiener = await locateAddress(w.svc, WIENER_5);
    // Two other homes take the 1:2 splitter's legs.
    for (const [i, a] of [a47, wiener].entries())
      expect(
        await reserveDrop(w.svc, { splitterId: w.splitters.oranien.id, addressId: a.id, reference: `test:${i}` }),
      ).not.toBeNull();
    expect(
      await reserveDrop(w.svc, { splitterId: w.splitters.oranien.id, addressId: a45.id, reference: "test:3" }),
    ).toBeNull();

    const build = await checkServiceability(w.svc, { address: ORANIEN_45 });
    expect(build.status).toBe("SERVICEABLE_WITH_BUILD");
    expect(build.splitter?.name).toBe("SPL-WIENER");
    await saveCoverageArea(w.adminSvc, {
      id: w.kreuzberg.id,
      name: "Kreuzberg",
      polygon: w.kreuzberg.polygon as Array<[number, number]>,
      buildCostMinor: null,
    });
    const none = await checkServiceability(w.svc, { address: ORANIEN_45 });
    expect(none).toMatchObject({ status: "NOT_SERVICEABLE", reasonCode: "SPLITTERS_FULL", plans: [] });
    // A home that holds a leg keeps it: its own leg is not counted against it.
    const holder = await checkServiceability(w.svc, { address: ORANIEN_47 });
    expect(holder).toMatchObject({ status: "SERVICEABLE", splitter: { name: "SPL-ORANIEN", freeLegs: 1 } });
  });

  it("gives a splitter's last leg to one of two homes asking at once", async () => {
    const last = await t.prisma.splitter.create({
      data: {
        tenantId: w.tenant.id,
        ponPortId: w.port.id,
        name: "SPL-LAST",
        ratio: 1,
        latitude: 52.5,
        longitude: 13.41,
      },
    });
    const [a, b] = await Promise.all([locateAddress(w.svc, LINDEN_14), locateAddress(w.svc, SPANDAU)]);
    const race = await Promise.all(
      [a, b].map((x) => reserveDrop(w.svc, { splitterId: last.id, addressId: x.id, reference: `race:${x.id}` })),
    );
    expect(race.filter(Boolean)).toHaveLength(1);
    expect(await t.prisma.serviceDrop.count({ where: { splitterId: last.id } })).toBe(1);
  });

  it("is scoped to the tenant: another tenant has no coverage here", async () => {
    const r = await checkServiceability(w.otherSvc, { address: ORANIEN_45 });
    expect(r).toMatchObject({ status: "NOT_SERVICEABLE", reasonCode: "OUTSIDE_COVERAGE" });
  });
});

describe("TMF645 checkServiceQualification", () => {
  it("qualifies each address with the TM Forum result and the plans as proposals", async () => {
    const res = await callApi("POST", "/tmf-api/serviceQualificationManagement/v4/checkServiceQualification", {
      token: TOKEN,
      body: {
        serviceQualificationItem: [
          { id: "1", service: { place: [{ ...WIENER_5, "@type": "GeographicAddress" }] } },
          { id: "2", service: { place: [SPANDAU] } },
        ],
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.state).toBe("done");
    const [wiener, spandau] = res.body.serviceQualificationItem;
    expect(["qualified", "alternate"]).toContain(wiener.qualificationItemResult);
    expect(wiener.alternateServiceProposal[0].serviceSpecification.id).toBe(w.plan.id);
    expect(spandau.qualificationItemResult).toBe("unqualified");
    expect(spandau.eligibilityUnavailabilityReason[0].code).toBe("NOT_SERVICEABLE");
  });

  it("refuses a caller without a token", async () => {
    const res = await callApi("POST", "/tmf-api/serviceQualificationManagement/v4/checkServiceQualification", {
      body: { serviceQualificationItem: [{ id: "1", service: { place: [WIENER_5] } }] },
    });
    expect(res.status).toBe(401);
  });
});

describe("HttpGeocoder", () => {
  let server: Server;
  let base: string;
  const seen: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.url ?? "");
      res.setHeader("content-type", "application/json");
      if (req.url?.startsWith("/search"))
        res.end(
          JSON.stringify([
            {
              lat: "52.5011",
              lon: "13.4185",
              display_name: "45, Oranienstraße, Kreuzberg, Berlin, 10999, Deutschland",
              address: {
                house_number: "45",
                road: "Oranienstraße",
                city: "Berlin",
                postcode: "10999",
                country_code: "de",
              },
            },
          ]),
        );
      else
        res.end(
          JSON.stringify({
            type: "FeatureCollection",
            features: [
              {
                geometry: { type: "Point", coordinates: [13.4185, 52.5011] },
                properties: {
                  street: "Oranienstraße",
                  housenumber: "45",
                  postcode: "10999",
                  city: "Berlin",
                  countrycode: "DE",
                },
              },
              {
                geometry: { type: "Point", coordinates: [16.37, 48.2] },
                properties: { street: "Oranienstraße", housenumber: "45", city: "Wien", countrycode: "AT" },
              },
            ],
          }),
        );
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const query = { streetName: "Oranienstr.", streetNr: "45", postcode: "10999", city: "Berlin", country: "DE" };

  it("asks Nominatim a structured question and reads its jsonv2 answer", async () => {
    const [hit] = await new HttpGeocoder({ baseUrl: base, kind: "nominatim" }).search(query);
    expect(hit).toMatchObject({ latitude: 52.5011, longitude: 13.4185, streetName: "Oranienstraße", country: "DE" });
    const url = new URL(seen.at(-1)!, base);
    expect(url.pathname).toBe("/search");
    expect(url.searchParams.get("format")).toBe("jsonv2");
    expect(url.searchParams.get("postalcode")).toBe("10999");
    expect(url.searchParams.get("countrycodes")).toBe("de");
  });

  it("reads Photon's GeoJSON and keeps only answers in the asked country", async () => {
    const hits = await new HttpGeocoder({ baseUrl: base, kind: "photon" }).search(query);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ latitude: 52.5011, longitude: 13.4185, city: "Berlin" });
    expect(new URL(seen.at(-1)!, base).pathname).toBe("/api");
  });

  it("gets the simulated homes from the e2e environment's Nominatim fake through the same client", async () => {
    const fake = await startFakeNominatim();
    try {
      const coder = new HttpGeocoder({ baseUrl: fake.url, kind: "nominatim" });
      const [hit] = await coder.search(query);
      expect(hit).toMatchObject({ streetName: "Oranienstraße", streetNr: "45", latitude: 52.5011, longitude: 13.4185 });
      expect(await coder.search({ ...query, streetNr: "999" })).toEqual([]);
    } finally {
      await fake.close();
    }
  });

  it("turns a dead server into a message a person can act on", async () => {
    await expect(new HttpGeocoder({ baseUrl: "http://127.0.0.1:1", kind: "nominatim" }).search(query)).rejects.toThrow(
      /did not answer/,
    );
  });
});
