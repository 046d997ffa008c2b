// Credential checks with lockout after repeated failures.
import { db, Prisma } from "@/server/db";
import { env } from "@/server/env";
import { recordAudit } from "@/server/modules/audit";
import { LIMITS, takeRateLimit } from "@/server/rate-limit";
// Sign-in finds the user by email, before any tenant is known.
import { crossTenantSql } from "@/server/sql";
import { tenantById } from "@/server/tenant-directory";
import { verifyPassword } from "./password";

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string; sessionVersion: number } }
  | { ok: false; reason: "invalid" | "locked" | "disabled" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

// Compared against when the email is unknown, so timing does not reveal which emails exist.
const DUMMY_HASH = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

/**
 * A wrong password always answers "invalid", whatever the account's state, so the answer
 * never tells which emails exist or are locked; "locked" and "disabled" are said only to the
 * person who knows the password. Failures are counted in one UPDATE, so parallel attempts
 * cannot overwrite each other's count; none are counted while the account is locked.
 */
export async function verifyCredentials(
  emailInput: string,
  password: string,
  ip: string | null,
): Promise<SignInResult> {
  const email = emailInput.trim().toLowerCase();
  // Limits per IP and per typed email (known or not, so they reveal nothing), before any work.
  const limits = await Promise.all([
    takeRateLimit(`sign-in:account:${email}`, LIMITS.signInPerAccount),
    ...(ip ? [takeRateLimit(`sign-in:ip:${ip}`, LIMITS.signInPerIp)] : []),
  ]);
  const refused = limits.filter((l) => !l.allowed);
  if (refused.length)
    return { ok: false, reason: "throttled", retryAfterSeconds: Math.max(...refused.map((l) => l.retryAfterSeconds)) };
  const client = db();
  const user = await client.user.findUnique({ where: { email } });
  const actor = { userId: user?.id ?? null, label: email || "(blank)", ip };
  if (!user || !user.passwordHash) {
    await verifyPassword(password, DUMMY_HASH);
    return { ok: false, reason: "invalid" };
  }
  const audit = (action: string) =>
    recordAudit(client, { tenantId: user.tenantId, actor, action, targetType: "User", targetId: user.id });

  if (!(await verifyPassword(password, user.passwordHash))) {
    const { LOGIN_MAX_FAILURES: max, LOGIN_LOCKOUT_MINUTES: minutes } = env();
    // Columns hold UTC without a zone (as Prisma writes them), hence timezone('UTC', now()).
    const [counted] = await crossTenantSql(client).query<Array<{ locked: boolean }>>(Prisma.sql`
      UPDATE "User" SET
        "failedLogins" = CASE WHEN "failedLogins" + 1 >= ${max} THEN 0 ELSE "failedLogins" + 1 END,
        "lockedUntil" = CASE WHEN "failedLogins" + 1 >= ${max} THEN timezone('UTC', now()) + make_interval(mins => ${minutes}) END
      WHERE "id" = ${user.id}::uuid AND ("lockedUntil" IS NULL OR "lockedUntil" <= timezone('UTC', now()))
      RETURNING "lockedUntil" IS NOT NULL AS "locked"`);
    if (counted) await audit(counted.locked ? "auth.locked" : "auth.sign_in_failed");
    return { ok: false, reason: "invalid" };
  }
  if (user.status !== "ACTIVE" || (user.tenantId && (await tenantById(user.tenantId))?.status !== "ACTIVE"))
    return { ok: false, reason: "disabled" };
  const signedIn = await client.user.updateMany({
    where: { id: user.id, OR: [{ lockedUntil: null }, { lockedUntil: { lte: new Date() } }] },
    data: { failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() },
  });
  if (signedIn.count === 0) return { ok: false, reason: "locked" };
  await audit("auth.sign_in");
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } };
}
