// The security headers of every page: a Content-Security-Policy with a fresh nonce per request
// (Next.js reads the nonce from the request's CSP header and puts it on its own scripts), and
// the headers that stop framing, sniffing and referrer leaks. proxy.ts applies them to pages;
// next.config.ts gives API routes and static files the ones that do not need a nonce.
// (relative: next.config.ts loads this file before the @/ alias exists)
import { mapTileOrigin } from "../lib/map-tiles";

/** 128 random bits, base64: unguessable and fresh for every page view. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

export function contentSecurityPolicy(
  nonce: string,
  opts: { dev: boolean; https: boolean; mapTiles?: string | null },
): string {
  // Maps fetch their background tiles (lib/map-tiles.ts) from the configured tile server.
  const tiles = opts.mapTiles === undefined ? mapTileOrigin() : opts.mapTiles;
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts the nonced framework scripts load are trusted, nothing else.
    // React's development build needs eval for its debugging aids.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes (components set widths and colours) cannot carry a nonce.
    "style-src 'self' 'unsafe-inline'",
    // Tenants' logos may be on their own https hosts.
    "img-src 'self' blob: data: https:",
    "font-src 'self' data:",
    `connect-src 'self'${tiles ? ` ${tiles}` : ""}${opts.dev ? " ws: wss:" : ""}`,
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** Headers for every answer (pages, API, files); HSTS only when the request came over https. */
export function baseSecurityHeaders(https: boolean): Record<string, string> {
  return {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": "DENY",
    // The technician app scans serials with the camera (BarcodeDetector); no other origin may.
    "permissions-policy": "camera=(self), microphone=(), geolocation=(self), payment=()",
    ...(https ? { "strict-transport-security": "max-age=63072000; includeSubDomains" } : {}),
  };
}
