import { requirePermission } from "@/server/page-guard";
import { PlanChangePage } from "./plan-change-page";

export const metadata = { title: "Change plan" };

export default async function Page() {
  await requirePermission("portal.self");
  return <PlanChangePage />;
}
