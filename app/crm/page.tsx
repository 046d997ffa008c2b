import { Suspense } from "react";
import { requirePermission } from "@/server/page-guard";
import { PipelinePage } from "./pipeline-page";

export const metadata = { title: "Sales pipeline" };

export default async function Page() {
  const user = await requirePermission("lead.read");
  return (
    <Suspense>
      <PipelinePage canWrite={user.permissions.includes("lead.write")} />
    </Suspense>
  );
}
