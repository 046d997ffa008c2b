import { describe, expect, it } from "vitest";
import { demoTraffic, parseRate } from "./demo";

describe("the demo BNG's traffic", () => {
  it("reads MikroTik rate limits, bursts included", () => {
    expect(parseRate("20M/100M")).toEqual({ upBps: 20e6, downBps: 100e6 });
    expect(parseRate("200M/1G 300M/1200M 200M/1G 8/8")).toEqual({ upBps: 200e6, downBps: 1e9 });
    expect(parseRate("512k/2M")).toEqual({ upBps: 512e3, downBps: 2e6 });
    expect(parseRate(null)).toBeNull();
  });

  it("averages a home line's volume, busier at 9 pm than at 4 am, upload below download, never above the plan", () => {
    let seed = 1;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return (seed - 1) / 2147483646;
    };
    const mean = (hour: number) => {
      let down = 0;
      let up = 0;
      for (let i = 0; i < 5000; i++) {
        const t = demoTraffic("20M/100M", 60, hour, random);
        expect(t.outputOctets).toBeLessThanOrEqual((100e6 * 60) / 8);
        expect(t.inputOctets).toBeLessThanOrEqual(t.outputOctets);
        down += t.outputOctets;
        up += t.inputOctets;
      }
      return { downBps: (down * 8) / 60 / 5000, upBps: (up * 8) / 60 / 5000 };
    };
    const peak = mean(21);
    const night = mean(4);
    // ≈ 2.5 Mbit/s in the busiest hour (a few hundred GB a month), a sixth of it before dawn.
    expect(peak.downBps).toBeGreaterThan(2e6);
    expect(peak.downBps).toBeLessThan(3e6);
    expect(night.downBps).toBeLessThan(peak.downBps / 4);
    expect(peak.upBps / peak.downBps).toBeGreaterThan(0.06);
    expect(peak.upBps / peak.downBps).toBeLessThan(0.16);
    // A slow plan caps the line.
    expect(demoTraffic("1M/1M", 60, 21, () => 0.999).outputOctets).toBeLessThanOrEqual((1e6 * 60) / 8);
  });
});
