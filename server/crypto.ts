// Secrets stored in the database (tenant resend keys, integration credentials, NAS secrets)
// are encrypted with AES-256-GCM under ENCRYPTION_KEY (or AUTH_SECRET). The stored form is
// "enc:v1:<iv>:<tag>:<ciphertext>" (base64url parts), so it is recognisable and versioned.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from "node:crypto";
import { env } from "./env";

const PREFIX = "enc:v1:";

function key(): Buffer {
  const secret = env().ENCRYPTION_KEY ?? env().AUTH_SECRET ?? process.env.AUTH_SECRET;
  if (!secret) {
    if (env().NODE_ENV === "production") throw new Error("Set ENCRYPTION_KEY (or AUTH_SECRET) to store secrets");
    return createHash("sha256").update("fiberops-development-only-key").digest();
  }
  return createHash("sha256").update(secret).digest();
}

/** A key for signing one kind of token (e.g. "quote-link"), derived from the installation's secret. */
export function signingKey(purpose: string): Buffer {
  return createHmac("sha256", key()).update(purpose).digest();
}

export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return `${PREFIX}${iv.toString("base64url")}:${tag.toString("base64url")}:${ciphertext.toString("base64url")}`;
}

export function decryptSecret(stored: string): string {
  if (!isEncrypted(stored)) throw new Error("Not an encrypted secret");
  const [iv, tag, ciphertext] = stored.slice(PREFIX.length).split(":");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv!, "base64url"));
  decipher.setAuthTag(Buffer.from(tag!, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext!, "base64url")), decipher.final()]).toString("utf8");
}

export function isEncrypted(value: unknown): value is string {
  return typeof value === "string" && value.startsWith(PREFIX);
}
