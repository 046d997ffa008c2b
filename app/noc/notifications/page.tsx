import { Suspense } from "react";
import { requirePermission } from "@/server/page-guard";
import { TemplatesPage } from "./templates-page";

export const metadata = { title: "Notification templates" };

export default async function Page() {
  const user = await requirePermission("notification.read");
  return (
    <Suspense>
      <TemplatesPage canEdit={user.permissions.includes("notification.template.manage")} />
    </Suspense>
  );
}
