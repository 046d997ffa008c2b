// Rate limits shared by every app node: a counter per key and fixed window in PostgreSQL,
// incremented atomically (INSERT … ON CONFLICT), so N nodes together allow `limit` per window.
// "windowStart" is a timestamp without zone holding UTC: every expression below converts
// explicitly, so a database session in another time zone does not shift the windows.
import { db } from "@/server/db";
import { DomainError } from "@/server/errors";
import { crossTenantSql } from "@/server/sql";

export type RateLimitResult = { allowed: boolean; count: number; retryAfterSeconds: number };

/** Counts one request for `key`; refused once more than `limit` were made in this window. */
export async function consumeRateLimit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
  // Installation-wide windows (per IP or account key), not a tenant's rows.
  const rows = await crossTenantSql(db()).query<{ count: number; retry: number }[]>`
    INSERT INTO "RateLimitWindow" ("key", "windowStart", "count")
    VALUES (${key}, to_timestamp(floor(extract(epoch FROM now()) / ${windowSeconds}::int) * ${windowSeconds}::int) AT TIME ZONE 'UTC', 1)
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitWindow"."count" + 1
    RETURNING "count", ceil(extract(epoch FROM "windowStart") + ${windowSeconds}::int - extract(epoch FROM now()))::int AS retry`;
  const { count, retry } = rows[0]!;
  // Old windows are useless; a few requests sweep them so the table stays small.
  if (Math.random() < 0.01)
    await crossTenantSql(db())
      .execute`DELETE FROM "RateLimitWindow" WHERE "windowStart" < (now() AT TIME ZONE 'UTC') - interval '1 day'`;
  return { allowed: count <= limit, count, retryAfterSeconds: Math.max(1, retry) };
}

export type Limit = { max: number; windowSeconds: number };

/** Limits of the public entry points. RATE_LIMIT_SCALE multiplies every `max` (the e2e suite signs in often). */
export const LIMITS = {
  signInPerIp: { max: 30, windowSeconds: 300 },
  signInPerAccount: { max: 10, windowSeconds: 900 },
  resetPerIp: { max: 10, windowSeconds: 3600 },
  resetPerAccount: { max: 3, windowSeconds: 3600 },
  publicPerIp: { max: 60, windowSeconds: 300 },
  apiTokenFailuresPerIp: { max: 30, windowSeconds: 300 },
  // The public availability check and sign-up form (per tenant and visitor IP).
  availabilityPerIp: { max: 30, windowSeconds: 300 },
  signUpPerIp: { max: 5, windowSeconds: 3600 },
  // Emailed links a visitor asks for (portal self-registration, sign-in links): per IP, and
  // emails per account.
  emailLinkPerIp: { max: 10, windowSeconds: 3600 },
  emailLinkPerAccount: { max: 3, windowSeconds: 3600 },
} satisfies Record<string, Limit>;

function scaled(limit: Limit): number {
  const scale = Number(process.env.RATE_LIMIT_SCALE ?? 1);
  return Math.max(1, Math.floor(limit.max * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}

/** Counts one hit on `key` against one of LIMITS. */
export function takeRateLimit(key: string, limit: Limit): Promise<RateLimitResult> {
  return consumeRateLimit(key, scaled(limit), limit.windowSeconds);
}

export function rateLimited(retryAfterSeconds: number) {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new DomainError(
    "RATE_LIMITED",
    `Too many requests. Try again in ${minutes === 1 ? "a minute" : `${minutes} minutes`}.`,
    { retryAfterSeconds },
  );
}

/** Takes every limit (all are counted) and throws RATE_LIMITED if any is exceeded. */
export async function enforceRateLimits(limits: Array<[key: string, limit: Limit]>) {
  const results = await Promise.all(limits.map(([key, limit]) => takeRateLimit(key, limit)));
  const refused = results.filter((r) => !r.allowed);
  if (refused.length) throw rateLimited(Math.max(...refused.map((r) => r.retryAfterSeconds)));
}
