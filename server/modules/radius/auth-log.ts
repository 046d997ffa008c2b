// Authentication attempts (radpostauth), with a readable reason for each Access-Reject
// (set at insert time by the radpostauth trigger from our tables).
import type { Prisma } from "@/server/generated/prisma/client";
import { type ListInput, pageArgs } from "@/server/list";
import type { ServiceContext } from "@/server/service-context";

export const REJECT_REASONS: Record<string, { label: string; fix: string }> = {
  unknown_user: {
    label: "Unknown user",
    fix: "No subscriber has this username: check the PPPoE username configured on the CPE.",
  },
  not_provisioned: {
    label: "Not provisioned",
    fix: "The subscriber exists but has no RADIUS account yet: provision or activate it.",
  },
  terminated: { label: "Terminated", fix: "The service was terminated; the CPE should be collected or reassigned." },
  suspended: {
    label: "Suspended",
    fix: "The subscriber is suspended: restore the service once the cause is resolved.",
  },
  wrong_nas: {
    label: "Wrong NAS",
    fix: "The subscriber is bound to another NAS: clear or change the NAS binding if it moved.",
  },
  wrong_mac: { label: "MAC mismatch", fix: "The CPE MAC differs from the registered one: update the CPE MAC." },
  bad_password: {
    label: "Wrong password",
    fix: "The password sent by the CPE does not match: set the password to the CPE's value, or push the right one to the CPE.",
  },
};

export function reasonLabel(reason: string | null) {
  if (!reason) return null;
  return REJECT_REASONS[reason]?.label ?? reason;
}

export async function listAuthAttempts(svc: ServiceContext, input: ListInput) {
  const where: Prisma.RadPostAuthWhereInput = {};
  const f = input.filters ?? {};
  if (f.result === "reject") where.reply = "Access-Reject";
  if (f.result === "accept") where.reply = "Access-Accept";
  if (f.subscriberId) where.subscriberId = f.subscriberId;
  if (f.reason) where.reason = f.reason;
  if (input.search) where.username = { startsWith: input.search.trim() };
  const [rows, total] = await Promise.all([
    svc.db.radPostAuth.findMany({
      where,
      orderBy: [{ authdate: "desc" }, { id: "desc" }],
      ...pageArgs(input),
      select: {
        id: true,
        username: true,
        reply: true,
        reason: true,
        message: true,
        nasipaddress: true,
        callingstationid: true,
        authdate: true,
        subscriberId: true,
      },
    }),
    svc.db.radPostAuth.count({ where }),
  ]);
  return {
    rows: rows.map((r) => ({
      ...r,
      id: r.id.toString(),
      accepted: r.reply === "Access-Accept",
      reasonLabel: reasonLabel(r.reason),
      fix: r.reason ? (REJECT_REASONS[r.reason]?.fix ?? null) : null,
    })),
    total,
  };
}
