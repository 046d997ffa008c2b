// Where a person lands after sign-in: their audience's portal, except field technicians,
// who land in the phone-sized technician app.
import type { Audience } from "@/server/generated/prisma/enums";
import { PORTAL_HOME } from "@/server/modules/identity";

export function homeFor(audience: Audience, roleKey?: string | null): string {
  if (audience === "STAFF" && roleKey === "field_technician") return "/tech";
  return PORTAL_HOME[audience];
}
