// The colour tokens of app/globals.css, read from the file itself, meet WCAG 2.1 AA for every
// pair the stylesheet puts text on (1.4.3: 4.5:1 for text).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AA_TEXT, BRAND_GROUNDS, contrastRatio, readableBrand } from "@/lib/contrast";

const css = readFileSync(path.join(import.meta.dirname, "..", "app", "globals.css"), "utf8");
const root = /:root\s*{([^}]*)}/.exec(css)?.[1] ?? "";
const tokens = Object.fromEntries(
  [...root.matchAll(/--([\w-]+):\s*(#[0-9a-fA-F]{3,6})\s*;/g)].map((m) => [m[1], m[2]]),
);

function token(name: string) {
  const value = tokens[name];
  if (!value) throw new Error(`app/globals.css has no colour token --${name}`);
  return value;
}

// [text, background] as the stylesheet combines them.
const PAIRS: Array<[string, string, string]> = [
  ["body text", "text", "bg"],
  ["text on cards", "text", "surface"],
  ["muted text", "text-muted", "bg"],
  ["muted text on cards", "text-muted", "surface"],
  ["table headers", "text-muted", "surface-2"],
  ["tab counts", "text", "neutral-bg"],
  ["links", "brand", "bg"],
  ["links on cards", "brand", "surface"],
  ["links in table headers and rows", "brand", "surface-2"],
  ["primary buttons", "#ffffff", "brand"],
  ["danger buttons", "#ffffff", "danger"],
  ["sidebar links", "sidebar-text", "sidebar-bg"],
  ["sidebar section titles", "sidebar-muted", "sidebar-bg"],
  ["info badges", "info", "info-bg"],
  ["success badges", "success", "success-bg"],
  ["warning badges", "warning", "warning-bg"],
  ["danger badges", "danger", "danger-bg"],
  ["neutral badges", "neutral", "neutral-bg"],
  ["info text", "info", "surface"],
  ["success text", "success", "surface"],
  ["warning text", "warning", "surface"],
  ["danger text and field errors", "danger", "surface"],
  ["neutral text", "neutral", "surface"],
];

const color = (nameOrHex: string) => (nameOrHex.startsWith("#") ? nameOrHex : token(nameOrHex));

describe("contrast", () => {
  it("computes WCAG ratios", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#fff", "#ffffff")).toBe(1);
    // The finding: the old info badge.
    expect(contrastRatio("#0f62fe", "#e5efff")).toBeCloseTo(4.32, 2);
  });

  it("reads the tokens from app/globals.css", () => {
    expect(Object.keys(tokens).length).toBeGreaterThan(20);
  });

  it.each(PAIRS)("%s (--%s on --%s) reach 4.5:1", (_what, text, background) => {
    expect(contrastRatio(color(text), color(background))).toBeGreaterThanOrEqual(AA_TEXT);
  });

  it("checks tenant brand colours against the backgrounds the stylesheet has", () => {
    expect(BRAND_GROUNDS.toSorted()).toEqual([token("surface"), token("bg"), token("surface-2")].toSorted());
    expect(readableBrand(token("brand"))).toBe(true);
    expect(readableBrand("#0b6bcb")).toBe(true); // the demo tenant
    expect(readableBrand("#24a148")).toBe(false); // white on this green is 3.3:1
    expect(readableBrand("not a colour")).toBe(false);
  });
});
