// Typing or pasting an area's outline: corner lines, GeoJSON shapes, and clear refusals.
import { describe, expect, it } from "vitest";
import { formatOutline, parseOutline } from "./map-outline";

const SQUARE: Array<[number, number]> = [
  [13.2, 52.53],
  [13.21, 52.53],
  [13.21, 52.54],
  [13.2, 52.54],
  [13.2, 52.53],
];

describe("parseOutline", () => {
  it("reads corner lines and closes the ring", () => {
    expect(parseOutline("13.2, 52.53\n13.21 52.53\n\n13.21;52.54\n13.2,52.54")).toEqual({ ring: SQUARE });
  });

  it("reads a GeoJSON polygon, feature, one-feature collection or bare ring", () => {
    const polygon = { type: "Polygon", coordinates: [SQUARE] };
    const feature = { type: "Feature", properties: {}, geometry: polygon };
    for (const value of [polygon, feature, { type: "FeatureCollection", features: [feature] }, SQUARE.slice(0, 4)])
      expect(parseOutline(JSON.stringify(value))).toEqual({ ring: SQUARE });
  });

  it("says what is wrong", () => {
    expect(parseOutline("")).toEqual({ error: "Add the area's corners: click the map or type them" });
    expect(parseOutline("13.2, 52.53\nnorth of here")).toEqual({
      error: 'Line 2 is not "longitude, latitude": north of here',
    });
    expect(parseOutline("13.2, 52.53\n13.3, 52.53\n13.2, 52.53")).toEqual({
      error: "An area needs at least three corners",
    });
    expect(parseOutline("13.2, 52.53\n13.3, 95")).toEqual({
      error: "13.3, 95 is not on Earth: longitude first (−180…180), then latitude (−90…90)",
    });
    expect(parseOutline("{nope")).toEqual({ error: "This is not valid JSON" });
    expect(parseOutline('{"type":"Point","coordinates":[1,2]}')).toEqual({ error: "The GeoJSON is not a polygon" });
  });

  it("round-trips through the text field", () => {
    expect(parseOutline(formatOutline(SQUARE))).toEqual({ ring: SQUARE });
  });
});
