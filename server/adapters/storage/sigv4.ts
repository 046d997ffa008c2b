// AWS Signature Version 4 for S3 requests signed in the Authorization header, as AWS documents
// it ("Signature Calculations for the Authorization Header", Amazon S3 API reference): a
// canonical request → a string to sign → an HMAC-SHA256 chain keyed by date, region and
// service. The S3 adapter signs with it and the S3 fake in simulator/ verifies with it; the
// tests hold both to AWS's published example.
import { createHash, createHmac } from "node:crypto";

export const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

export type Credentials = { accessKeyId: string; secretAccessKey: string };

export function sha256Hex(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}

const hmac = (key: Uint8Array | string, data: string) => createHmac("sha256", key).update(data).digest();

/** RFC 3986 encoding as SigV4 wants it: unreserved characters stay, everything else is %XX. */
export function uriEncode(value: string, keepSlash = false): string {
  const encoded = encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return keepSlash ? encoded.replace(/%2F/g, "/") : encoded;
}

/** `YYYYMMDD'T'HHMMSS'Z'`, the x-amz-date format. */
export function amzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

export type CanonicalInput = {
  method: string;
  /** The request path exactly as sent (already URI-encoded; S3 does not encode it twice). */
  path: string;
  query: URLSearchParams;
  /** Header names in lower case → values; only the signed ones are used. */
  headers: Record<string, string>;
  signedHeaders: string[];
  payloadHash: string;
};

export function canonicalRequest(input: CanonicalInput): string {
  const query = [...input.query.entries()]
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const names = [...input.signedHeaders].sort();
  const headers = names.map((n) => `${n}:${(input.headers[n] ?? "").trim().replace(/\s+/g, " ")}\n`).join("");
  return [input.method, input.path || "/", query, headers, names.join(";"), input.payloadHash].join("\n");
}

export function credentialScope(date: string, region: string, service = "s3"): string {
  return `${date.slice(0, 8)}/${region}/${service}/aws4_request`;
}

export function stringToSign(requestDate: string, scope: string, canonical: string): string {
  return ["AWS4-HMAC-SHA256", requestDate, scope, sha256Hex(canonical)].join("\n");
}

export function signature(secretAccessKey: string, scope: string, toSign: string): string {
  const [day, region, service, terminator] = scope.split("/") as [string, string, string, string];
  const key = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, day), region), service), terminator);
  return createHmac("sha256", key).update(toSign).digest("hex");
}

/** The headers to add to a request: x-amz-date, x-amz-content-sha256 and Authorization. */
export function signRequest(opts: {
  method: string;
  url: URL;
  headers: Record<string, string>;
  payloadHash: string;
  credentials: Credentials;
  region: string;
  now?: Date;
}): Record<string, string> {
  const requestDate = amzDate(opts.now ?? new Date());
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(opts.headers)) headers[k.toLowerCase()] = v;
  headers.host = opts.url.host;
  headers["x-amz-date"] = requestDate;
  headers["x-amz-content-sha256"] = opts.payloadHash;
  const signedHeaders = Object.keys(headers).sort();
  const scope = credentialScope(requestDate, opts.region);
  const canonical = canonicalRequest({
    method: opts.method,
    path: opts.url.pathname,
    query: opts.url.searchParams,
    headers,
    signedHeaders,
    payloadHash: opts.payloadHash,
  });
  const sig = signature(opts.credentials.secretAccessKey, scope, stringToSign(requestDate, scope, canonical));
  const { host: _host, ...sent } = headers;
  return {
    ...sent,
    authorization: `AWS4-HMAC-SHA256 Credential=${opts.credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders.join(";")}, Signature=${sig}`,
  };
}

export type ParsedAuthorization = {
  accessKeyId: string;
  scope: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
};

/** The parts of an `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` header, or null. */
export function parseAuthorization(header: string): ParsedAuthorization | null {
  const m = /^AWS4-HMAC-SHA256\s+(.*)$/.exec(header.trim());
  if (!m) return null;
  const fields = new Map<string, string>();
  for (const part of (m[1] ?? "").split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get("Credential")?.split("/");
  const signedHeaders = fields.get("SignedHeaders");
  const sig = fields.get("Signature");
  if (credential?.length !== 5 || !signedHeaders || !sig) return null;
  const [accessKeyId, day, region, service, terminator] = credential as [string, string, string, string, string];
  if (!/^\d{8}$/.test(day) || terminator !== "aws4_request") return null;
  return {
    accessKeyId,
    scope: `${day}/${region}/${service}/${terminator}`,
    region,
    service,
    signedHeaders: signedHeaders.split(";"),
    signature: sig,
  };
}
