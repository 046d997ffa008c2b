// A token bucket per tenant and channel, stored in PostgreSQL so every worker shares it.
// Time comes from a clock the caller passes: production uses the wall clock, tests drive it.
import { db } from "@/server/db";
import type { NotificationChannel } from "@/server/generated/prisma/enums";
import { tenantSql } from "@/server/sql";

export type Clock = { now(): Date };
export const systemClock: Clock = { now: () => new Date() };

export type Rate = { perSecond: number; burst: number };

/** Default sending rates per channel; NOTIFY_RATE_<CHANNEL> (messages per second) overrides. */
export function channelRate(channel: NotificationChannel): Rate {
  const defaults: Record<NotificationChannel, number> = { EMAIL: 10, SMS: 5, PUSH: 50, INBOX: 500 };
  const configured = Number(process.env[`NOTIFY_RATE_${channel}`]);
  const perSecond = Number.isFinite(configured) && configured > 0 ? configured : defaults[channel];
  return { perSecond, burst: Math.max(1, Math.ceil(perSecond)) };
}

/**
 * Takes `wanted` tokens (at most the burst), all or none: a bulk batch waits until it can go
 * out whole rather than trickling one message per round. When none were granted, `waitMs`
 * says how long until there are enough.
 */
export async function takeTokens(
  tenantId: string,
  channel: NotificationChannel,
  wanted: number,
  rate: Rate,
  clock: Clock,
): Promise<{ granted: number; waitMs: number }> {
  const now = clock.now();
  return db().$transaction(async (tx) => {
    await tenantSql(tx, tenantId).execute`
      INSERT INTO "NotificationRateBucket" (id, "tenantId", channel, tokens, "refilledAt")
      VALUES (gen_random_uuid(), ${tenantId}::uuid, ${channel}::"NotificationChannel", ${rate.burst}, ${now})
      ON CONFLICT ("tenantId", channel) DO NOTHING`;
    const [bucket] = await tenantSql(tx, tenantId).query<Array<{ id: string; tokens: number; refilledAt: Date }>>`
      SELECT id, tokens, "refilledAt" FROM "NotificationRateBucket"
      WHERE "tenantId" = ${tenantId}::uuid AND channel = ${channel}::"NotificationChannel" FOR UPDATE`;
    const elapsed = Math.max(0, (now.getTime() - bucket.refilledAt.getTime()) / 1000);
    const available = Math.min(rate.burst, bucket.tokens + elapsed * rate.perSecond);
    const want = Math.max(1, Math.min(wanted, rate.burst));
    const granted = available + 1e-9 >= want ? want : 0;
    const left = available - granted;
    await tenantSql(tx, tenantId).execute`
      UPDATE "NotificationRateBucket" SET tokens = ${left}, "refilledAt" = ${now} WHERE "tenantId" = ${tenantId}::uuid AND id = ${bucket.id}::uuid`;
    const waitMs = granted > 0 ? 0 : Math.ceil(((want - left) / rate.perSecond) * 1000);
    return { granted, waitMs };
  });
}
