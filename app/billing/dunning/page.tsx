import { Suspense } from "react";
import { requirePermission } from "@/server/page-guard";
import { DunningPage } from "./dunning-page";

export const metadata = { title: "Dunning" };

export default async function Page() {
  const user = await requirePermission("dunning.read");
  return (
    <Suspense>
      <DunningPage canManage={user.permissions.includes("dunning.manage")} />
    </Suspense>
  );
}
