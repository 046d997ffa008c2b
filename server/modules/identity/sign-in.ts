// Credential checks with lockout after repeated failures.
import { db } from "@/server/db";
import { env } from "@/server/env";
import { recordAudit } from "@/server/modules/audit";
import { verifyPassword } from "./password";

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string; sessionVersion: number } }
  | { ok: false; reason: "invalid" | "locked" | "disabled" };

// Compared against when the email is unknown, so timing does not reveal which emails exist.
const DUMMY_HASH = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

export async function verifyCredentials(
  emailInput: string,
  password: string,
  ip: string | null,
): Promise<SignInResult> {
  const email = emailInput.trim().toLowerCase();
  const client = db();
  const user = await client.user.findUnique({ where: { email }, include: { tenant: { select: { status: true } } } });
  const actor = { userId: user?.id ?? null, label: email || "(blank)", ip };
  if (!user || !user.passwordHash) {
    await verifyPassword(password, DUMMY_HASH);
    return { ok: false, reason: "invalid" };
  }
  if (user.status !== "ACTIVE" || (user.tenant && user.tenant.status !== "ACTIVE"))
    return { ok: false, reason: "disabled" };
  if (user.lockedUntil && user.lockedUntil > new Date()) return { ok: false, reason: "locked" };

  if (!(await verifyPassword(password, user.passwordHash))) {
    const failures = user.failedLogins + 1;
    const lock = failures >= env().LOGIN_MAX_FAILURES;
    await client.$transaction(async (tx) => {
      await tx.user.update({
        where: { id: user.id },
        data: {
          failedLogins: lock ? 0 : failures,
          lockedUntil: lock ? new Date(Date.now() + env().LOGIN_LOCKOUT_MINUTES * 60_000) : user.lockedUntil,
        },
      });
      await recordAudit(tx, {
        tenantId: user.tenantId,
        actor,
        action: lock ? "auth.locked" : "auth.sign_in_failed",
        targetType: "User",
        targetId: user.id,
      });
    });
    return { ok: false, reason: lock ? "locked" : "invalid" };
  }

  await client.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() },
    });
    await recordAudit(tx, {
      tenantId: user.tenantId,
      actor,
      action: "auth.sign_in",
      targetType: "User",
      targetId: user.id,
    });
  });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } };
}
