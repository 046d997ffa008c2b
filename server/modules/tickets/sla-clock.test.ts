// Business-time arithmetic: weekends, evenings, holidays, several windows a day, time zones
// and a DST change, all with fixed instants (no clock, no sleeps).
import { describe, expect, it } from "vitest";
import { addBusinessMinutes, type BusinessCalendar, businessMinutesBetween } from "./sla-clock";

const berlin: BusinessCalendar = {
  timeZone: "Europe/Berlin",
  hours: [1, 2, 3, 4, 5].map((day) => ({ day, start: "08:00", end: "18:00" })),
  holidays: [],
};
const at = (iso: string) => new Date(iso);

describe("addBusinessMinutes", () => {
  it("counts only business hours: Friday 17:00 + 2 h is Monday 09:00 (Berlin, winter UTC+1)", () => {
    // 2026-12-04 is a Friday.
    expect(addBusinessMinutes(at("2026-12-04T16:00:00Z"), 120, berlin).toISOString()).toBe("2026-12-07T08:00:00.000Z");
  });

  it("starts counting at opening time when opened at night or at the weekend", () => {
    expect(addBusinessMinutes(at("2026-12-05T10:00:00Z"), 30, berlin).toISOString()).toBe("2026-12-07T07:30:00.000Z");
    expect(addBusinessMinutes(at("2026-12-07T21:00:00Z"), 60, berlin).toISOString()).toBe("2026-12-08T08:00:00.000Z");
  });

  it("skips holidays", () => {
    const cal = { ...berlin, holidays: ["2026-12-07"] };
    expect(addBusinessMinutes(at("2026-12-04T16:00:00Z"), 120, cal).toISOString()).toBe("2026-12-08T08:00:00.000Z");
  });

  it("follows the local clock across the DST change (08:00 Berlin is 07:00Z in March, 06:00Z in April)", () => {
    // Friday 2026-03-27 17:00 CET + 2 h → Monday 2026-03-30 09:00 CEST.
    expect(addBusinessMinutes(at("2026-03-27T16:00:00Z"), 120, berlin).toISOString()).toBe("2026-03-30T07:00:00.000Z");
  });

  it("uses every window of a day (a lunch break) and spans several days", () => {
    const split: BusinessCalendar = {
      timeZone: "UTC",
      hours: [1, 2, 3, 4, 5].flatMap((day) => [
        { day, start: "09:00", end: "12:00" },
        { day, start: "13:00", end: "17:00" },
      ]),
      holidays: [],
    };
    // Monday 11:00 + 2 h = 12:00 (1 h) then 13:00–14:00.
    expect(addBusinessMinutes(at("2026-12-07T11:00:00Z"), 120, split).toISOString()).toBe("2026-12-07T14:00:00.000Z");
    // 3 business days of 7 h = 21 h from Monday 09:00 → Wednesday 17:00.
    expect(addBusinessMinutes(at("2026-12-07T09:00:00Z"), 21 * 60, split).toISOString()).toBe(
      "2026-12-09T17:00:00.000Z",
    );
  });

  it("runs around the clock with 00:00–24:00 every day", () => {
    const always: BusinessCalendar = {
      timeZone: "America/New_York",
      hours: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: "00:00", end: "24:00" })),
      holidays: [],
    };
    expect(addBusinessMinutes(at("2026-12-05T23:30:00Z"), 90, always).toISOString()).toBe("2026-12-06T01:00:00.000Z");
  });
});

describe("businessMinutesBetween", () => {
  it("is the inverse of addBusinessMinutes", () => {
    const from = at("2026-12-04T16:00:00Z");
    for (const minutes of [1, 59, 120, 600, 601, 3000]) {
      expect(businessMinutesBetween(from, addBusinessMinutes(from, minutes, berlin), berlin)).toBe(minutes);
    }
  });

  it("is zero over a weekend, a holiday and when the end is before the start", () => {
    expect(businessMinutesBetween(at("2026-12-04T17:00:00Z"), at("2026-12-07T07:00:00Z"), berlin)).toBe(0);
    const cal = { ...berlin, holidays: ["2026-12-07"] };
    expect(businessMinutesBetween(at("2026-12-07T07:00:00Z"), at("2026-12-07T17:00:00Z"), cal)).toBe(0);
    expect(businessMinutesBetween(at("2026-12-08T10:00:00Z"), at("2026-12-08T09:00:00Z"), berlin)).toBe(0);
  });
});
