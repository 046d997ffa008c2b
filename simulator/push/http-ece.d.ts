// Types for http_ece (a dependency of web-push): RFC 8188 encrypted content-encoding.
declare module "http_ece" {
  import type { ECDH } from "node:crypto";

  type Params = { version: "aes128gcm" | "aesgcm"; privateKey?: ECDH; authSecret?: string | Buffer; dh?: string };
  const ece: { decrypt(buffer: Buffer, params: Params): Buffer; encrypt(buffer: Buffer, params: Params): Buffer };
  export default ece;
}
