// A fake web-push service (what FCM/Mozilla autopush are to a browser) for tests and demos.
// `subscribe()` plays the browser: it makes a P-256 key pair and auth secret and returns a
// PushSubscription JSON whose endpoint is this server. A POST to the endpoint is checked like a
// real push service does (RFC 8030/8291/8292): `Authorization: vapid t=<JWT>, k=<key>` with an
// ES256 signature by k, `aud` = this origin, `exp` in the future and ≤ 24 h, a `sub`; a TTL
// header; `Content-Encoding: aes128gcm`. The payload is then decrypted with the subscription's
// private key, as the browser would, and kept in `received`.
import { execFileSync } from "node:child_process";
import { createECDH, createPublicKey, randomBytes, verify } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import ece from "http_ece";

export type ReceivedPush = {
  subscriptionId: string;
  ttl: number;
  urgency: string | null;
  payload: string;
  jwtSub: string;
};

export type FakePushService = {
  url: string;
  /** The fake's self-signed certificate: trust it with `new https.Agent({ ca })` (web push is HTTPS only). */
  ca: string;
  received: ReceivedPush[];
  /** Rejected requests and why. */
  rejected: Array<{ status: number; reason: string }>;
  subscribe(): { endpoint: string; keys: { p256dh: string; auth: string } };
  /** The device unsubscribed: further pushes answer 410 Gone. */
  expire(endpoint: string): void;
  close(): Promise<void>;
};

const b64url = (b: Buffer) => b.toString("base64url");

function publicKeyFromRaw(raw: Buffer) {
  return createPublicKey({
    key: { kty: "EC", crv: "P-256", x: b64url(raw.subarray(1, 33)), y: b64url(raw.subarray(33, 65)) },
    format: "jwk",
  });
}

export async function startFakePushService(opts: { vapidPublicKey?: string } = {}): Promise<FakePushService> {
  const subs = new Map<string, { ecdh: ReturnType<typeof createECDH>; auth: Buffer; gone: boolean }>();
  const received: ReceivedPush[] = [];
  const rejected: FakePushService["rejected"] = [];
  let origin = "";

  const tls = selfSignedCertificate();
  const server = createServer({ key: tls.key, cert: tls.cert }, async (req, res) => {
    const fail = (status: number, reason: string) => {
      rejected.push({ status, reason });
      res.writeHead(status, { "content-type": "text/plain" });
      res.end(reason);
    };
    const m = /^\/push\/([a-f0-9]+)$/.exec(req.url ?? "");
    if (req.method !== "POST" || !m) return fail(404, "no such endpoint");
    const sub = subs.get(m[1]);
    if (!sub) return fail(404, "no such subscription");
    if (sub.gone) return fail(410, "push subscription has unsubscribed or expired");

    const auth = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(req.headers.authorization ?? "");
    if (!auth) return fail(401, "missing VAPID authorization (vapid t=…, k=…)");
    const [jwt, k] = [auth[1], auth[2]];
    if (opts.vapidPublicKey && k !== opts.vapidPublicKey) return fail(403, "VAPID key does not match the subscription");
    const [h, p, s] = jwt.split(".");
    let header: { alg?: string; typ?: string };
    let claims: { aud?: string; exp?: number; sub?: string };
    try {
      header = JSON.parse(Buffer.from(h, "base64url").toString());
      claims = JSON.parse(Buffer.from(p, "base64url").toString());
    } catch {
      return fail(401, "malformed VAPID JWT");
    }
    if (header.alg !== "ES256") return fail(401, "VAPID JWT must be ES256");
    const signatureOk = verify(
      "sha256",
      Buffer.from(`${h}.${p}`),
      { key: publicKeyFromRaw(Buffer.from(k, "base64url")), dsaEncoding: "ieee-p1363" },
      Buffer.from(s, "base64url"),
    );
    if (!signatureOk) return fail(401, "VAPID JWT signature does not verify with k");
    const now = Math.floor(Date.now() / 1000);
    if (claims.aud !== origin) return fail(401, `VAPID aud must be ${origin}`);
    if (!claims.exp || claims.exp < now || claims.exp > now + 24 * 3600) return fail(401, "VAPID exp out of range");
    if (!claims.sub || !/^(mailto:|https:)/.test(claims.sub)) return fail(401, "VAPID sub must be mailto: or https:");
    const ttl = Number(req.headers.ttl);
    if (req.headers.ttl === undefined || !Number.isInteger(ttl) || ttl < 0) return fail(400, "missing TTL header");
    if (req.headers["content-encoding"] !== "aes128gcm") return fail(415, "Content-Encoding must be aes128gcm");

    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let payload: string;
    try {
      payload = ece
        .decrypt(Buffer.concat(chunks), {
          version: "aes128gcm",
          privateKey: sub.ecdh,
          authSecret: sub.auth.toString("base64url"),
        })
        .toString("utf8");
    } catch (error) {
      return fail(400, `payload does not decrypt: ${(error as Error).message}`);
    }
    const id = randomBytes(8).toString("hex");
    received.push({
      subscriptionId: m[1],
      ttl,
      urgency: (req.headers.urgency as string | undefined) ?? null,
      payload,
      jwtSub: claims.sub,
    });
    res.writeHead(201, { location: `${origin}/message/${id}` });
    res.end();
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    ca: tls.cert,
    received,
    rejected,
    subscribe() {
      const id = randomBytes(12).toString("hex");
      const ecdh = createECDH("prime256v1");
      ecdh.generateKeys();
      const auth = randomBytes(16);
      subs.set(id, { ecdh, auth, gone: false });
      return { endpoint: `${origin}/push/${id}`, keys: { p256dh: b64url(ecdh.getPublicKey()), auth: b64url(auth) } };
    },
    expire(endpoint) {
      const sub = subs.get(endpoint.split("/").pop() ?? "");
      if (sub) sub.gone = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A throwaway certificate for 127.0.0.1 (openssl, valid one day). */
function selfSignedCertificate() {
  const dir = mkdtempSync(path.join(tmpdir(), "fake-push-"));
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
        "-keyout",
        path.join(dir, "key.pem"),
        "-out",
        path.join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    return {
      key: readFileSync(path.join(dir, "key.pem"), "utf8"),
      cert: readFileSync(path.join(dir, "cert.pem"), "utf8"),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
