// Idempotent mutations: the first call with a key does the work and stores its result; a
// repeat with the same key and the same request returns that result; the same key with a
// different request is a conflict.
import { createHash } from "node:crypto";
import { decryptSecret, encryptSecret, isEncrypted } from "@/server/crypto";
import type { Prisma } from "@/server/generated/prisma/client";
import { conflict } from "./errors";
import type { ServiceContext } from "./service-context";

function requestHash(request: unknown) {
  return createHash("sha256")
    .update(JSON.stringify(request ?? null))
    .digest("hex");
}

// A stored result can hold secrets (a new subscriber's RADIUS password): it is kept sealed
// with the installation's key (issue #11.11); results stored before then read as they are.
function seal(result: unknown): Prisma.InputJsonValue {
  return { sealed: encryptSecret(JSON.stringify(result ?? null)) };
}

function unseal(stored: Prisma.JsonValue): unknown {
  const sealed = stored && typeof stored === "object" && !Array.isArray(stored) ? stored.sealed : undefined;
  return isEncrypted(sealed) ? JSON.parse(decryptSecret(sealed)) : stored;
}

export async function withIdempotency<T>(
  svc: ServiceContext,
  scope: string,
  key: string | null | undefined,
  request: unknown,
  work: () => Promise<T>,
): Promise<T> {
  if (!key) return work();
  const hash = requestHash(request);
  const existing = await svc.db.idempotencyRecord.findFirst({ where: { scope, key } });
  if (existing) {
    if (existing.requestHash !== hash)
      throw conflict(`Idempotency key "${key}" was already used for a different request`);
    if (existing.response !== null) return unseal(existing.response) as T;
    throw conflict(`A request with idempotency key "${key}" is still in progress`);
  }
  // Claim the key first so two concurrent calls cannot both do the work.
  let claim: { id: string };
  try {
    claim = await svc.db.idempotencyRecord.create({ data: { tenantId: svc.tenantId, scope, key, requestHash: hash } });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return withIdempotency(svc, scope, key, request, work);
    throw error;
  }
  try {
    const result = await work();
    await svc.db.idempotencyRecord.update({ where: { id: claim.id }, data: { response: seal(result) } });
    return result;
  } catch (error) {
    // A failed attempt may be retried with the same key.
    await svc.db.idempotencyRecord.delete({ where: { id: claim.id } }).catch(() => {});
    throw error;
  }
}

/** The stored result of a finished request with this key, or null (none, or still running). */
export async function idempotentResponse(svc: ServiceContext, scope: string, key: string): Promise<unknown> {
  const record = await svc.db.idempotencyRecord.findFirst({ where: { scope, key } });
  return record?.response == null ? null : unseal(record.response);
}
