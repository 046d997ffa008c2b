// Where a person lands after sign-in: their audience's portal, except field technicians,
// who land in the phone-sized technician app, and customer service reps, who land on the
// support queue.
import type { Audience } from "@/server/generated/prisma/enums";
import { PORTAL_HOME } from "@/server/modules/identity";

export function homeFor(audience: Audience, roleKey?: string | null): string {
  if (audience === "STAFF" && roleKey === "field_technician") return "/tech";
  if (audience === "STAFF" && roleKey === "csr") return "/support";
  return PORTAL_HOME[audience];
}
