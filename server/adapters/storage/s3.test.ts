// The S3 adapter against the S3 fake, and both held to AWS's documentation: the signer
// reproduces the Signature Version 4 example of the S3 API reference ("Example: GET Object"),
// and the fake refuses what S3 refuses with S3's error codes and XML error document. Then ticket
// attachments go through S3 when S3_BUCKET is configured, and are served only to readers.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantDb } from "@/server/db";
import { addTicketAttachments, openTicket, readTicketAttachment } from "@/server/modules/tickets";
import type { ServiceContext } from "@/server/service-context";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { createTenant } from "@/server/testing/fixtures";
import { type FakeS3, startFakeS3 } from "@/simulator/s3/server";
import { fileStorage } from "./index";
import { S3Error, S3Storage } from "./s3";
import {
  canonicalRequest,
  credentialScope,
  EMPTY_SHA256,
  sha256Hex,
  signature,
  signRequest,
  stringToSign,
} from "./sigv4";

const credentials = { accessKeyId: "AKIAFIBEROPSTEST0001", secretAccessKey: "fiberops/test/secret+key" };
let fake: FakeS3;
let s3: S3Storage;

beforeAll(async () => {
  fake = await startFakeS3({ bucket: "attachments", region: "eu-central-1", credentials });
  s3 = new S3Storage({ endpoint: fake.url, bucket: "attachments", region: "eu-central-1", credentials });
});
afterAll(async () => {
  await fake.close();
});

const bytes = (s: string) => new TextEncoder().encode(s);

async function s3Failure(p: Promise<unknown>): Promise<S3Error> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(S3Error);
  return error as S3Error;
}

describe("Signature Version 4", () => {
  it("reproduces AWS's documented GET Object example (examplebucket/test.txt, Range bytes=0-9)", () => {
    const headers = {
      host: "examplebucket.s3.amazonaws.com",
      range: "bytes=0-9",
      "x-amz-content-sha256": EMPTY_SHA256,
      "x-amz-date": "20130524T000000Z",
    };
    const canonical = canonicalRequest({
      method: "GET",
      path: "/test.txt",
      query: new URLSearchParams(),
      headers,
      signedHeaders: Object.keys(headers),
      payloadHash: EMPTY_SHA256,
    });
    expect(canonical).toBe(
      "GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\n" +
        `x-amz-content-sha256:${EMPTY_SHA256}\nx-amz-date:20130524T000000Z\n\n` +
        `host;range;x-amz-content-sha256;x-amz-date\n${EMPTY_SHA256}`,
    );
    const scope = credentialScope("20130524T000000Z", "us-east-1");
    const toSign = stringToSign("20130524T000000Z", scope, canonical);
    expect(toSign).toBe(
      "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n" +
        "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972",
    );
    expect(signature("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", scope, toSign)).toBe(
      "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
    );
    const signed = signRequest({
      method: "GET",
      url: new URL("https://examplebucket.s3.amazonaws.com/test.txt"),
      headers: { Range: "bytes=0-9" },
      payloadHash: EMPTY_SHA256,
      credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
      region: "us-east-1",
      now: new Date("2013-05-24T00:00:00Z"),
    });
    expect(signed.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, " +
        "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, " +
        "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
    );
  });
});

describe("S3Storage against the S3 fake", () => {
  it("puts, gets and deletes an object with its content type and MD5 ETag; a missing key reads as null", async () => {
    await s3.put("tenant-a/0123abcd", bytes("hello fibre"), "text/plain");
    const stored = fake.objects.get("attachments/tenant-a/0123abcd");
    expect(stored?.contentType).toBe("text/plain");
    expect(stored?.etag).toBe(`"${md5Hex("hello fibre")}"`);
    expect(new TextDecoder().decode((await s3.get("tenant-a/0123abcd")) ?? new Uint8Array())).toBe("hello fibre");
    await s3.delete("tenant-a/0123abcd");
    expect(fake.objects.has("attachments/tenant-a/0123abcd")).toBe(false);
    expect(await s3.get("tenant-a/0123abcd")).toBeNull();
    // S3 answers 204 to deleting what is not there.
    await s3.delete("tenant-a/0123abcd");
    expect(fake.requests.at(-1)).toMatchObject({ method: "DELETE", status: 204 });
  });

  it("answers HEAD with the object's headers and no body; a missing key is a bodiless 404", async () => {
    await s3.put("tenant-a/head", bytes("12345"), "text/plain");
    const head = await signedFetch("HEAD", "/attachments/tenant-a/head");
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe("5");
    expect(head.headers.get("etag")).toBe(`"${md5Hex("12345")}"`);
    expect(await head.text()).toBe("");
    const missing = await signedFetch("HEAD", "/attachments/tenant-a/nothing");
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe("");
  });

  it("refuses a wrong secret with SignatureDoesNotMatch and S3's error document, storing nothing", async () => {
    const wrong = new S3Storage({
      endpoint: fake.url,
      bucket: "attachments",
      region: "eu-central-1",
      credentials: { ...credentials, secretAccessKey: "not-the-secret" },
    });
    const error = await s3Failure(wrong.put("tenant-a/forged", bytes("x"), "text/plain"));
    expect(error).toMatchObject({ status: 403, s3Code: "SignatureDoesNotMatch", code: "UNAVAILABLE" });
    expect(error.message).toContain("does not match the signature you provided");
    expect(fake.objects.has("attachments/tenant-a/forged")).toBe(false);

    const raw = await signedFetch("GET", "/attachments/tenant-a/forged", { secretAccessKey: "not-the-secret" });
    const xml = await raw.text();
    expect(raw.headers.get("content-type")).toBe("application/xml");
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>SignatureDoesNotMatch<\/Code>/);
    expect(xml).toContain(`<AWSAccessKeyId>${credentials.accessKeyId}</AWSAccessKeyId>`);
    expect(xml).toContain("<StringToSign>AWS4-HMAC-SHA256\n");
    expect(xml).toContain("<CanonicalRequest>GET\n/attachments/tenant-a/forged\n");
    expect(xml).toMatch(/<RequestId>[0-9A-F]{16}<\/RequestId><HostId>/);
    expect(raw.headers.get("x-amz-request-id")).toMatch(/^[0-9A-F]{16}$/);
  });

  it("refuses an unknown access key, the wrong region, a missing bucket and unsigned requests", async () => {
    const as = (over: Partial<ConstructorParameters<typeof S3Storage>[0]>) =>
      new S3Storage({ endpoint: fake.url, bucket: "attachments", region: "eu-central-1", credentials, ...over });
    expect(
      await s3Failure(as({ credentials: { ...credentials, accessKeyId: "AKIAUNKNOWN" } }).get("tenant-a/x")),
    ).toMatchObject({ status: 403, s3Code: "InvalidAccessKeyId" });
    const region = await s3Failure(as({ region: "us-east-1" }).get("tenant-a/x"));
    expect(region).toMatchObject({ status: 400, s3Code: "AuthorizationHeaderMalformed" });
    expect(region.message).toContain("the region 'us-east-1' is wrong; expecting 'eu-central-1'");
    const bucket = await s3Failure(as({ bucket: "elsewhere" }).get("tenant-a/x"));
    expect(bucket).toMatchObject({ status: 404, s3Code: "NoSuchBucket" });
    const anonymous = await fetch(`${fake.url}/attachments/tenant-a/x`);
    expect(anonymous.status).toBe(403);
    expect(await anonymous.text()).toContain("<Code>AccessDenied</Code><Message>Access Denied</Message>");
  });

  it("refuses a body that is not the one signed, a request without x-amz-content-sha256, and a skewed clock", async () => {
    const tampered = await signedFetch("PUT", "/attachments/tenant-a/tampered", {
      body: bytes("what was sent"),
      payloadHash: sha256Hex("what was signed"),
    });
    expect(tampered.status).toBe(400);
    const xml = await tampered.text();
    expect(xml).toContain("<Code>XAmzContentSHA256Mismatch</Code>");
    expect(xml).toContain(`<S3ComputedContentSHA256>${sha256Hex("what was sent")}</S3ComputedContentSHA256>`);
    expect(fake.objects.has("attachments/tenant-a/tampered")).toBe(false);

    const url = new URL(`${fake.url}/attachments/tenant-a/x`);
    const signed = signRequest({
      method: "GET",
      url,
      headers: {},
      payloadHash: EMPTY_SHA256,
      credentials,
      region: "eu-central-1",
    });
    const { "x-amz-content-sha256": _dropped, ...withoutHash } = signed;
    const noHash = await fetch(url, { headers: withoutHash });
    expect(noHash.status).toBe(400);
    expect(await noHash.text()).toContain("<Code>InvalidRequest</Code>");

    const late = await signedFetch("GET", "/attachments/tenant-a/x", { now: new Date(Date.now() - 20 * 60_000) });
    expect(late.status).toBe(403);
    const lateXml = await late.text();
    expect(lateXml).toContain("<Code>RequestTimeTooSkewed</Code>");
    expect(lateXml).toContain("<MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds>");
  });

  it("reports S3's server errors (SlowDown, InternalError) as the storage being unavailable", async () => {
    fake.failNext(503);
    expect(await s3Failure(s3.put("tenant-a/busy", bytes("x"), "text/plain"))).toMatchObject({
      status: 503,
      s3Code: "SlowDown",
      code: "UNAVAILABLE",
    });
    fake.failNext(500);
    expect(await s3Failure(s3.get("tenant-a/busy"))).toMatchObject({ status: 500, s3Code: "InternalError" });
    expect(fake.objects.has("attachments/tenant-a/busy")).toBe(false);
  });

  it("refuses keys that could leave the tenant's prefix before any request", async () => {
    const before = fake.requests.length;
    await expect(s3.put("../other/x", bytes("x"), "text/plain")).rejects.toThrow(/invalid storage key/);
    await expect(s3.get("a/../../b")).rejects.toThrow(/invalid storage key/);
    expect(fake.requests.length).toBe(before);
  });
});

describe("ticket attachments on S3 (S3_BUCKET configured)", () => {
  let t: TestDatabase;
  let svc: ServiceContext;
  let other: ServiceContext;
  beforeAll(async () => {
    Object.assign(process.env, {
      S3_BUCKET: "attachments",
      S3_REGION: "eu-central-1",
      S3_ENDPOINT: fake.url,
      S3_ACCESS_KEY_ID: credentials.accessKeyId,
      S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    });
    t = await testDatabase();
    const a = await createTenant(t.prisma);
    const b = await createTenant(t.prisma);
    svc = { tenantId: a.id, db: tenantDb(a.id, t.prisma), actor: { userId: null, label: "agent", ip: null } };
    other = { tenantId: b.id, db: tenantDb(b.id, t.prisma), actor: { userId: null, label: "other", ip: null } };
  });
  afterAll(async () => {
    for (const k of ["S3_BUCKET", "S3_REGION", "S3_ENDPOINT", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"])
      delete process.env[k];
    await t.drop();
  });

  it("stores the bytes in the bucket under the tenant's prefix and serves them only through the token to readers", async () => {
    expect(fileStorage().name).toBe("s3");
    const ticket = await openTicket(svc, { subject: "Router manual", description: "See attached", channel: "PHONE" });
    const [file] = await addTicketAttachments(
      svc,
      ticket.id,
      [{ fileName: "notes.txt", bytes: bytes("ONU serial ALCL0001") }],
      {
        customerId: null,
      },
    );
    const key = [...fake.objects.keys()].find((k) => k.startsWith(`attachments/${svc.tenantId}/`));
    expect(key).toBeDefined();
    expect(fake.objects.get(key ?? "")?.contentType).toBe("text/plain");
    const read = await readTicketAttachment(svc, file?.accessToken ?? "", { customerId: null });
    expect(new TextDecoder().decode(read.bytes)).toBe("ONU serial ALCL0001");
    await expect(readTicketAttachment(other, file?.accessToken ?? "", { customerId: null })).rejects.toThrow(
      /not found/,
    );
  });

  it("leaves nothing in the bucket when storing fails half-way", async () => {
    const ticket = await openTicket(svc, { subject: "Photos", description: "Two files", channel: "PHONE" });
    const before = fake.objects.size;
    // The first file is stored; the second meets SlowDown, so the first is removed again.
    fake.failNext(503, { after: 1 });
    const files = [
      { fileName: "a.txt", bytes: bytes("first") },
      { fileName: "b.txt", bytes: bytes("second") },
    ];
    await expect(addTicketAttachments(svc, ticket.id, files, { customerId: null })).rejects.toMatchObject({
      code: "UNAVAILABLE",
    });
    expect(fake.objects.size).toBe(before);
    expect(await t.prisma.ticketAttachment.count({ where: { ticketId: ticket.id } })).toBe(0);
  });
});

function md5Hex(s: string) {
  return createHash("md5").update(s).digest("hex");
}

async function signedFetch(
  method: string,
  path: string,
  opts: { secretAccessKey?: string; body?: Uint8Array; payloadHash?: string; now?: Date } = {},
) {
  const url = new URL(path, fake.url);
  const headers = signRequest({
    method,
    url,
    headers: {},
    payloadHash: opts.payloadHash ?? (opts.body ? sha256Hex(opts.body) : EMPTY_SHA256),
    credentials: { ...credentials, secretAccessKey: opts.secretAccessKey ?? credentials.secretAccessKey },
    region: "eu-central-1",
    now: opts.now,
  });
  return fetch(url, { method, headers, body: opts.body ? Buffer.from(opts.body) : undefined });
}
