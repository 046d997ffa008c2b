// The signed, expiring link a quote is accepted through: `<payload>.<signature>`, where the
// payload names the tenant, the quote and the expiry (base64url JSON) and the signature is an
// HMAC-SHA256 under a key derived from the installation's secret. A link whose payload was
// changed (another quote, a later expiry) no longer matches its signature.
import { createHmac, timingSafeEqual } from "node:crypto";
import { signingKey } from "@/server/crypto";

export type QuoteLink = { tenantId: string; quoteId: string; expiresAt: Date };

const sign = (payload: string) => createHmac("sha256", signingKey("quote-link")).update(payload).digest("base64url");

export function quoteLinkToken(link: QuoteLink): string {
  const payload = Buffer.from(
    JSON.stringify({ t: link.tenantId, q: link.quoteId, e: Math.floor(link.expiresAt.getTime() / 1000) }),
  ).toString("base64url");
  return `${payload}.${sign(payload)}`;
}

/** The link's contents when its signature holds (expired or not: the caller says which), else null. */
export function readQuoteLink(token: string): QuoteLink | null {
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const data = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as {
      t?: unknown;
      q?: unknown;
      e?: unknown;
    };
    if (typeof data.t !== "string" || typeof data.q !== "string" || typeof data.e !== "number") return null;
    return { tenantId: data.t, quoteId: data.q, expiresAt: new Date(data.e * 1000) };
  } catch {
    return null;
  }
}
