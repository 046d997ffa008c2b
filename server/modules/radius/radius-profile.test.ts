import { describe, expect, it } from "vitest";
import { compactRate, renderRateAttributes } from "./radius-profile";

const plan = { code: "fiber-100", downloadKbps: 100_000, uploadKbps: 20_000 };

describe("RADIUS profile per NAS vendor", () => {
  it("writes compact rates", () => {
    expect(compactRate(100_000)).toBe("100M");
    expect(compactRate(1_000_000)).toBe("1G");
    expect(compactRate(1500)).toBe("1500k");
  });
  it("renders MikroTik rx/tx (upload first) with optional burst", () => {
    expect(renderRateAttributes(plan, "mikrotik")).toEqual([
      { attribute: "Mikrotik-Rate-Limit", op: ":=", value: "20M/100M" },
    ]);
    expect(
      renderRateAttributes({ ...plan, burstDownloadKbps: 150_000, burstUploadKbps: 30_000 }, "mikrotik")[0].value,
    ).toBe("20M/100M 30M/150M 20M/100M 8/8");
  });
  it("renders Cisco AVPairs", () => {
    expect(renderRateAttributes(plan, "cisco").map((a) => a.value)).toEqual([
      "subscriber:sub-qos-policy-in=FIBEROPS-FIBER-100-IN-20000K",
      "subscriber:sub-qos-policy-out=FIBEROPS-FIBER-100-OUT-100000K",
    ]);
  });
  it("renders Juniper ERX profile and a tagged service activation", () => {
    expect(renderRateAttributes(plan, "juniper")).toEqual([
      { attribute: "ERX-Qos-Profile-Name", op: ":=", value: "FIBEROPS-FIBER-100" },
      { attribute: "ERX-Service-Activate", op: ":=", tag: 1, value: "svc-internet(100000000,20000000)" },
    ]);
  });
  it("renders Huawei average (and peak) rates in bit/s", () => {
    const attrs = renderRateAttributes({ ...plan, burstDownloadKbps: 150_000, burstUploadKbps: 30_000 }, "huawei");
    expect(Object.fromEntries(attrs.map((a) => [a.attribute, a.value]))).toEqual({
      "Huawei-Input-Average-Rate": "20000000",
      "Huawei-Output-Average-Rate": "100000000",
      "Huawei-Input-Peak-Rate": "30000000",
      "Huawei-Output-Peak-Rate": "150000000",
      "Huawei-Qos-Profile-Name": "FIBEROPS-FIBER-100",
    });
  });
  it("renders a generic Filter-Id", () => {
    expect(renderRateAttributes(plan, "other")).toEqual([{ attribute: "Filter-Id", op: ":=", value: "100M-20M" }]);
  });
});
