// Rate limits shared by every app node: a counter per key and fixed window in PostgreSQL,
// incremented atomically (INSERT … ON CONFLICT), so N nodes together allow `limit` per window.
import { db } from "@/server/db";

export type RateLimitResult = { allowed: boolean; count: number; retryAfterSeconds: number };

/** Counts one request for `key`; refused once more than `limit` were made in this window. */
export async function consumeRateLimit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
  const rows = await db().$queryRaw<{ count: number; retry: number }[]>`
    INSERT INTO "RateLimitWindow" ("key", "windowStart", "count")
    VALUES (${key}, to_timestamp(floor(extract(epoch FROM now()) / ${windowSeconds}::int) * ${windowSeconds}::int), 1)
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitWindow"."count" + 1
    RETURNING "count", ceil(extract(epoch FROM "windowStart") + ${windowSeconds}::int - extract(epoch FROM now()))::int AS retry`;
  const { count, retry } = rows[0]!;
  // Old windows are useless; a few requests sweep them so the table stays small.
  if (Math.random() < 0.01)
    await db().$executeRaw`DELETE FROM "RateLimitWindow" WHERE "windowStart" < now() - interval '1 day'`;
  return { allowed: count <= limit, count, retryAfterSeconds: Math.max(1, retry) };
}
