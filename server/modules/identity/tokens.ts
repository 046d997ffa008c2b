// Single-use secrets sent by email or shown once (invitations, password resets, API tokens):
// only their SHA-256 is stored.
import { createHash, randomBytes } from "node:crypto";

export function sha256(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

export function newToken(prefix = ""): { token: string; hash: string } {
  const token = `${prefix}${randomBytes(32).toString("base64url")}`;
  return { token, hash: sha256(token) };
}
