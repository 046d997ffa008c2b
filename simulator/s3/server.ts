// A fake of Amazon S3's REST API for objects, path-style (`/<bucket>/<key>`), for tests and
// demos: PutObject, GetObject, HeadObject and DeleteObject, each request authenticated with
// Signature Version 4 in the Authorization header the way S3 checks it, and failures answered
// with S3's error document (Amazon S3 API reference, "Error responses"):
//
//   <?xml version="1.0" encoding="UTF-8"?>
//   <Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>
//     <Key>…</Key><RequestId>…</RequestId><HostId>…</HostId></Error>
//
// Codes: AccessDenied (no credentials), AuthorizationHeaderMalformed (unparsable, or the wrong
// region), InvalidAccessKeyId, SignatureDoesNotMatch (with the StringToSign and CanonicalRequest
// S3 computed), RequestTimeTooSkewed (more than 15 minutes off), InvalidRequest (no
// x-amz-content-sha256), XAmzContentSHA256Mismatch, BadDigest (Content-MD5), NoSuchBucket,
// NoSuchKey, MethodNotAllowed, and injected InternalError/SlowDown. HEAD errors have no body;
// DELETE of a missing key answers 204 like S3.
//
//   const fake = await startFakeS3({ bucket: "attachments", credentials: { accessKeyId, secretAccessKey } });
//   new S3Storage({ endpoint: fake.url, bucket: "attachments", region: fake.region, credentials });
//   fake.objects  // bucket/key → stored object
//   await fake.close();
import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type Credentials,
  canonicalRequest,
  parseAuthorization,
  sha256Hex,
  signature,
  stringToSign,
} from "@/server/adapters/storage/sigv4";

export type FakeS3Object = { bytes: Uint8Array; contentType: string; etag: string; lastModified: Date };

export type FakeS3 = {
  url: string;
  port: number;
  region: string;
  /** `<bucket>/<key>` → the object. */
  objects: Map<string, FakeS3Object>;
  /** Every request: method, path, status answered, the error code if any. */
  requests: Array<{ method: string; path: string; status: number; code?: string }>;
  /** After `after` more requests pass, the next `times` fail with InternalError (500) or SlowDown (503). */
  failNext(status: 500 | 503, opts?: { times?: number; after?: number }): void;
  reset(): void;
  close(): Promise<void>;
};

const MAX_SKEW_MS = 15 * 60 * 1000;

/** Escapes element text (quotes need no escaping there). */
const escapeXml = (s: string) => s.replace(/[<>&]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;" })[c] ?? c);

type S3Failure = { status: number; code: string; message: string; extra?: Record<string, string> };

const fail = (status: number, code: string, message: string, extra?: Record<string, string>): S3Failure => ({
  status,
  code,
  message,
  extra,
});

/** The instant of an x-amz-date value (YYYYMMDDTHHMMSSZ), or null. */
function parseAmzDate(value: string | undefined): Date | null {
  const m = value ? /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value) : null;
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

export async function startFakeS3(opts: {
  credentials: Credentials;
  bucket: string;
  region?: string;
  port?: number;
  host?: string;
  /** The fake's clock, for RequestTimeTooSkewed. */
  now?: () => Date;
}): Promise<FakeS3> {
  const region = opts.region ?? "us-east-1";
  const now = opts.now ?? (() => new Date());
  const objects = new Map<string, FakeS3Object>();
  const requests: FakeS3["requests"] = [];
  let failures: Array<500 | 503 | null> = [];

  /** S3's authentication of a header-signed request; a failure or null when it holds. */
  function authenticate(req: IncomingMessage, path: string, query: URLSearchParams, body: Buffer): S3Failure | null {
    const header = req.headers.authorization;
    if (!header) return fail(403, "AccessDenied", "Access Denied");
    const auth = parseAuthorization(header);
    if (!auth)
      return fail(
        400,
        "AuthorizationHeaderMalformed",
        "The authorization header is malformed; the authorization header requires three components: Credential, SignedHeaders, and Signature.",
      );
    if (auth.accessKeyId !== opts.credentials.accessKeyId)
      return fail(403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.", {
        AWSAccessKeyId: auth.accessKeyId,
      });
    if (auth.region !== region)
      return fail(
        400,
        "AuthorizationHeaderMalformed",
        `The authorization header is malformed; the region '${auth.region}' is wrong; expecting '${region}'`,
        { Region: region },
      );
    const requestDate = req.headers["x-amz-date"] as string | undefined;
    const when = parseAmzDate(requestDate);
    if (!requestDate || !when)
      return fail(403, "AccessDenied", "AWS authentication requires a valid Date or x-amz-date header");
    if (Math.abs(when.getTime() - now().getTime()) > MAX_SKEW_MS)
      return fail(
        403,
        "RequestTimeTooSkewed",
        "The difference between the request time and the current time is too large.",
        {
          RequestTime: requestDate,
          ServerTime: now().toISOString(),
          MaxAllowedSkewMilliseconds: String(MAX_SKEW_MS),
        },
      );
    const payloadHash = req.headers["x-amz-content-sha256"] as string | undefined;
    if (!payloadHash)
      return fail(400, "InvalidRequest", "Missing required header for this request: x-amz-content-sha256");
    const signed = new Set(auth.signedHeaders);
    if (!signed.has("host") || !signed.has("x-amz-date") || !signed.has("x-amz-content-sha256"))
      return fail(
        403,
        "SignatureDoesNotMatch",
        "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
      );
    const headers: Record<string, string> = {};
    for (const name of auth.signedHeaders) {
      const v = req.headers[name];
      headers[name] = Array.isArray(v) ? v.join(",") : (v ?? "");
    }
    const canonical = canonicalRequest({
      method: req.method ?? "",
      path,
      query,
      headers,
      signedHeaders: auth.signedHeaders,
      payloadHash,
    });
    const toSign = stringToSign(requestDate, auth.scope, canonical);
    if (signature(opts.credentials.secretAccessKey, auth.scope, toSign) !== auth.signature)
      return fail(
        403,
        "SignatureDoesNotMatch",
        "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
        {
          AWSAccessKeyId: auth.accessKeyId,
          StringToSign: toSign,
          SignatureProvided: auth.signature,
          CanonicalRequest: canonical,
        },
      );
    // Signed but the body is not what was signed.
    if (payloadHash !== "UNSIGNED-PAYLOAD") {
      const computed = sha256Hex(body);
      if (payloadHash !== computed)
        return fail(
          400,
          "XAmzContentSHA256Mismatch",
          "The provided 'x-amz-content-sha256' header does not match what was computed.",
          {
            ClientComputedContentSHA256: payloadHash,
            S3ComputedContentSHA256: computed,
          },
        );
    }
    return null;
  }

  const server = createServer(async (req, res) => {
    const requestId = randomBytes(8).toString("hex").toUpperCase();
    const hostId = randomBytes(32).toString("base64");
    const url = new URL(req.url ?? "/", "http://fake");
    const method = req.method ?? "";
    const base = { "x-amz-request-id": requestId, "x-amz-id-2": hostId, server: "AmazonS3" };
    const answer = (
      status: number,
      headers: Record<string, string | number>,
      body?: Uint8Array | string,
      code?: string,
    ) => {
      requests.push({ method, path: url.pathname, status, code });
      res.writeHead(status, { ...base, ...headers });
      res.end(method === "HEAD" ? undefined : body);
    };
    const error = (f: S3Failure, resource: string) => {
      const extra = Object.entries(f.extra ?? {})
        .map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`)
        .join("");
      const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${f.code}</Code><Message>${escapeXml(f.message)}</Message>${extra}<Resource>${escapeXml(resource)}</Resource><RequestId>${requestId}</RequestId><HostId>${hostId}</HostId></Error>`;
      answer(f.status, { "content-type": "application/xml" }, xml, f.code);
    };

    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);

    const injected = failures.shift();
    if (injected === 500)
      return error(fail(500, "InternalError", "We encountered an internal error. Please try again."), url.pathname);
    if (injected === 503) return error(fail(503, "SlowDown", "Please reduce your request rate."), url.pathname);

    const denied = authenticate(req, url.pathname, url.searchParams, body);
    if (denied) return error(denied, url.pathname);

    const [, bucketName = "", ...rest] = url.pathname.split("/");
    let key: string;
    try {
      key = decodeURIComponent(rest.join("/"));
    } catch {
      return error(fail(400, "InvalidURI", "Couldn't parse the specified URI."), url.pathname);
    }
    if (bucketName !== opts.bucket)
      return error(
        fail(404, "NoSuchBucket", "The specified bucket does not exist", { BucketName: bucketName }),
        url.pathname,
      );
    if (!key)
      return error(
        fail(405, "MethodNotAllowed", "The specified method is not allowed against this resource.", {
          Method: method,
          ResourceType: "BUCKET",
        }),
        url.pathname,
      );
    const id = `${bucketName}/${key}`;

    switch (method) {
      case "PUT": {
        const md5 = createHash("md5").update(body).digest();
        const claimed = req.headers["content-md5"] as string | undefined;
        if (claimed !== undefined && claimed !== md5.toString("base64"))
          return error(
            fail(400, "BadDigest", "The Content-MD5 you specified did not match what we received.", {
              ExpectedDigest: claimed,
              CalculatedDigest: md5.toString("base64"),
            }),
            url.pathname,
          );
        const etag = `"${md5.toString("hex")}"`;
        objects.set(id, {
          bytes: new Uint8Array(body),
          contentType: (req.headers["content-type"] as string | undefined) ?? "binary/octet-stream",
          etag,
          lastModified: new Date(),
        });
        return answer(200, { etag, "content-length": 0 });
      }
      case "GET":
      case "HEAD": {
        const object = objects.get(id);
        if (!object)
          return error(fail(404, "NoSuchKey", "The specified key does not exist.", { Key: key }), url.pathname);
        return answer(
          200,
          {
            "content-type": object.contentType,
            "content-length": object.bytes.byteLength,
            etag: object.etag,
            "last-modified": object.lastModified.toUTCString(),
            "accept-ranges": "bytes",
          },
          object.bytes,
        );
      }
      case "DELETE":
        objects.delete(id);
        return answer(204, {});
      default:
        return error(
          fail(405, "MethodNotAllowed", "The specified method is not allowed against this resource.", {
            Method: method,
            ResourceType: "OBJECT",
          }),
          url.pathname,
        );
    }
  });

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${opts.host ?? "127.0.0.1"}:${port}`,
    port,
    region,
    objects,
    requests,
    failNext(status, { times = 1, after = 0 } = {}) {
      failures.push(...Array<null>(after).fill(null), ...Array<500 | 503>(times).fill(status));
    },
    reset() {
      objects.clear();
      requests.length = 0;
      failures = [];
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
