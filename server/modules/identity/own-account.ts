// A signed-in person changing their own password (other sessions end: session version bump).
import { db } from "@/server/db";
import { invalid, notFound } from "@/server/errors";
import { recordAudit } from "@/server/modules/audit";
import { hashPassword, passwordProblem, verifyPassword } from "./password";

export async function changeOwnPassword(
  userId: string,
  input: { currentPassword: string; newPassword: string },
  ip: string | null,
) {
  const user = await db().user.findUnique({ where: { id: userId } });
  if (!user) throw notFound("Your account");
  if (!user.passwordHash || !(await verifyPassword(input.currentPassword, user.passwordHash)))
    throw invalid("Your current password is not right", { field: "currentPassword" });
  const problem = passwordProblem(input.newPassword);
  if (problem) throw invalid(problem, { field: "newPassword" });
  const passwordHash = await hashPassword(input.newPassword);
  const updated = await db().$transaction(async (tx) => {
    const u = await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, sessionVersion: { increment: 1 } },
    });
    await recordAudit(tx, {
      tenantId: user.tenantId,
      actor: { userId: user.id, label: user.email, ip },
      action: "auth.password_change",
      targetType: "User",
      targetId: user.id,
    });
    return u;
  });
  return { sessionVersion: updated.sessionVersion };
}
