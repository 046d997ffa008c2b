// Files in an S3-compatible bucket (AWS S3, MinIO, Ceph RGW, Cloudflare R2, …) through the S3
// REST API: PutObject, GetObject and DeleteObject, signed with Signature Version 4. Path-style
// addressing (`endpoint/bucket/key`) when asked or when an endpoint is given, else AWS's
// virtual-hosted style (`bucket.s3.region.amazonaws.com/key`). Objects are private: the bucket
// is never read by browsers, the app streams the bytes to readers it has checked.
import { DomainError } from "@/server/errors";
import { assertStorageKey, type FileStorage } from "./port";
import { type Credentials, EMPTY_SHA256, sha256Hex, signRequest, uriEncode } from "./sigv4";

export type S3Config = {
  bucket: string;
  region: string;
  credentials: Credentials;
  /** Base URL of an S3-compatible service; default AWS's regional endpoint. */
  endpoint?: string;
  forcePathStyle?: boolean;
  timeoutMs?: number;
};

/** S3 answered with an error document, or not at all: the file storage is unavailable. */
export class S3Error extends DomainError {
  constructor(
    readonly status: number,
    readonly s3Code: string,
    message: string,
  ) {
    super("UNAVAILABLE", message, { system: "S3", status, code: s3Code });
  }
}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
/** The text of the first `<name>` element of S3's error document. */
const tag = (xml: string, name: string) =>
  new RegExp(`<${name}>([^<]*)</${name}>`)
    .exec(xml)?.[1]
    ?.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ENTITIES[e] ?? "");

export class S3Storage implements FileStorage {
  readonly name = "s3";
  constructor(private readonly config: S3Config) {}

  private urlOf(key: string): URL {
    const { bucket, region, endpoint } = this.config;
    const path = uriEncode(assertStorageKey(key), true);
    if (this.config.forcePathStyle || endpoint) {
      const base = new URL(endpoint ?? `https://s3.${region}.amazonaws.com`);
      return new URL(`${base.pathname.replace(/\/$/, "")}/${bucket}/${path}`, base);
    }
    return new URL(`https://${bucket}.s3.${region}.amazonaws.com/${path}`);
  }

  private async send(method: string, key: string, body?: Uint8Array, contentType?: string): Promise<Response> {
    const url = this.urlOf(key);
    const headers = signRequest({
      method,
      url,
      headers: contentType ? { "content-type": contentType } : {},
      payloadHash: body ? sha256Hex(body) : EMPTY_SHA256,
      credentials: this.config.credentials,
      region: this.config.region,
    });
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers,
        body: body ? new Uint8Array(body) : undefined,
        redirect: "error",
        signal: AbortSignal.timeout(this.config.timeoutMs ?? 30_000),
      });
    } catch (error) {
      throw new S3Error(0, "Unreachable", `File storage (S3) could not be reached: ${(error as Error).message}`);
    }
    return res;
  }

  private async failure(res: Response, action: string): Promise<S3Error> {
    const xml = await res.text().catch(() => "");
    const code = tag(xml, "Code") ?? `HTTP${res.status}`;
    const message = tag(xml, "Message") ?? res.statusText;
    return new S3Error(res.status, code, `File storage (S3) ${action} failed: HTTP ${res.status} ${code}: ${message}`);
  }

  async put(key: string, bytes: Uint8Array, contentType: string) {
    const res = await this.send("PUT", key, bytes, contentType);
    if (!res.ok) throw await this.failure(res, "PutObject");
    await res.body?.cancel();
  }

  async get(key: string) {
    const res = await this.send("GET", key);
    if (res.status === 404) {
      const error = await this.failure(res, "GetObject");
      if (error.s3Code === "NoSuchKey") return null;
      throw error;
    }
    if (!res.ok) throw await this.failure(res, "GetObject");
    return new Uint8Array(await res.arrayBuffer());
  }

  async delete(key: string) {
    const res = await this.send("DELETE", key);
    if (!res.ok) throw await this.failure(res, "DeleteObject");
    await res.body?.cancel();
  }
}
