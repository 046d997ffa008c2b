// Rate limits, counted in PostgreSQL so that they hold across app nodes: one row per key
// (e.g. "sign-in:ip:198.51.100.7"), counting hits until its window ends. One atomic upsert
// per limit, so parallel requests cannot slip past the count.
import { db, Prisma } from "./db";
import { DomainError } from "./errors";

export type Limit = { max: number; windowSeconds: number };

/** The installation's limits. RATE_LIMIT_SCALE multiplies every `max` (the e2e suite signs in often). */
export const LIMITS = {
  signInPerIp: { max: 30, windowSeconds: 300 },
  signInPerAccount: { max: 10, windowSeconds: 900 },
  resetPerIp: { max: 10, windowSeconds: 3600 },
  resetPerAccount: { max: 3, windowSeconds: 3600 },
  publicPerIp: { max: 60, windowSeconds: 300 },
  apiTokenFailuresPerIp: { max: 30, windowSeconds: 300 },
  apiToken: { max: 600, windowSeconds: 60 },
} satisfies Record<string, Limit>;

export type RateLimitResult = { ok: boolean; hits: number; retryAfterSeconds: number };

function scaled(limit: Limit): number {
  const scale = Number(process.env.RATE_LIMIT_SCALE ?? 1);
  return Math.max(1, Math.floor(limit.max * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}

/** Counts one hit on `key`; ok while the window holds at most `limit.max` hits. */
export async function takeRateLimit(key: string, limit: Limit): Promise<RateLimitResult> {
  const [row] = await db().$queryRaw<Array<{ hits: number; retryAfter: number }>>(Prisma.sql`
    INSERT INTO "RateLimitBucket" AS b ("key", "hits", "resetAt")
    VALUES (${key}, 1, now() + make_interval(secs => ${limit.windowSeconds}))
    ON CONFLICT ("key") DO UPDATE SET
      "hits" = CASE WHEN b."resetAt" > now() THEN b."hits" + 1 ELSE 1 END,
      "resetAt" = CASE WHEN b."resetAt" > now() THEN b."resetAt" ELSE EXCLUDED."resetAt" END
    RETURNING "hits",
      least(${limit.windowSeconds}, greatest(1, ceil(extract(epoch FROM "resetAt" - now()))))::int AS "retryAfter"`);
  // Expired rows are dead weight; a rare sweep keeps the table small.
  if (Math.random() < 0.01)
    await db().$executeRaw`DELETE FROM "RateLimitBucket" WHERE "resetAt" < now() - interval '1 hour'`;
  return { ok: row.hits <= scaled(limit), hits: row.hits, retryAfterSeconds: row.retryAfter };
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
  const refused = results.filter((r) => !r.ok);
  if (refused.length) throw rateLimited(Math.max(...refused.map((r) => r.retryAfterSeconds)));
}
