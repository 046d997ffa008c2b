// Signing deliveries the way Stripe does: header `FiberOps-Signature: t=<unix seconds>,v1=<hex>`
// where v1 = HMAC-SHA256(endpoint secret, "<t>.<raw body>"). A receiver recomputes v1 from the
// raw body and rejects a timestamp older than its tolerance (replayed requests). While a rotated
// secret overlaps, the header carries one v1 per secret; any one that verifies is enough.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "FiberOps-Signature";

export function newWebhookSecret() {
  return `whsec_${randomBytes(24).toString("base64url")}`;
}

const hmac = (secret: string, body: string, timestamp: number) =>
  createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");

/** The header value signing `body` with each of `secrets` (the current one first). */
export function signPayload(secrets: string | string[], body: string, timestamp: number) {
  const list = Array.isArray(secrets) ? secrets : [secrets];
  return [`t=${timestamp}`, ...list.map((secret) => `v1=${hmac(secret, body, timestamp)}`)].join(",");
}

/** What a receiver does: true when `header` signs `body` with `secret` within `toleranceSeconds`. */
export function verifyWebhookSignature(
  secret: string,
  header: string | null,
  body: string,
  opts: { toleranceSeconds?: number; now?: Date } = {},
): boolean {
  if (!header) return false;
  const parts = header.split(",").map((p) => p.trim().split("=", 2) as [string, string | undefined]);
  const t = Number(parts.find(([k]) => k === "t")?.[1]);
  const signatures = parts.filter(([k, v]) => k === "v1" && v).map(([, v]) => Buffer.from(v!, "hex"));
  if (!Number.isInteger(t) || signatures.length === 0) return false;
  const now = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - t) > (opts.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(hmac(secret, body, t), "hex");
  return signatures.some((given) => given.length === expected.length && timingSafeEqual(given, expected));
}
