// Colour contrast as WCAG 2.1 defines it (relative luminance, ratio 1–21). The colour tokens of
// app/globals.css are held to it by components/contrast.test.ts, and so is a tenant's brand colour
// (readableBrand: white text and links must be readable on it).

/** "#rgb" or "#rrggbb" → [r, g, b] in 0–1, or null for anything else. */
export function parseHex(color: string): [number, number, number] | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return null;
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join("") : m[1];
  return [0, 2, 4].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
}

/** WCAG relative luminance of a hex colour. */
export function luminance(color: string): number {
  const rgb = parseHex(color);
  if (!rgb) throw new Error(`not a hex colour: ${color}`);
  const [r, g, b] = rgb.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio of two hex colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/** WCAG 2.1 AA for normal-size text (1.4.3). */
export const AA_TEXT = 4.5;

/** The page backgrounds the brand colour appears on as text (links) or behind white text (buttons). */
export const BRAND_GROUNDS = ["#ffffff", "#f4f6f9", "#f8f9fb"];

/** Whether a brand colour is readable as link text on the app's backgrounds and behind white text. */
export function readableBrand(color: string): boolean {
  return parseHex(color) !== null && BRAND_GROUNDS.every((ground) => contrastRatio(color, ground) >= AA_TEXT);
}

/** What a person is told when a brand colour is too light for white text and links. */
export function unreadableBrandMessage(color: string): string {
  const worst = Math.min(...BRAND_GROUNDS.map((ground) => contrastRatio(color, ground)));
  return `${color} is too light: white text and links on the page get ${worst.toFixed(2)}:1 with it, ${AA_TEXT}:1 is needed. Choose a darker shade.`;
}
