import { Suspense } from "react";
import { requirePermission } from "@/server/page-guard";
import { QueuePage } from "./queue-page";

export const metadata = { title: "Support queue" };

export default async function Page() {
  const user = await requirePermission("ticket.read");
  return (
    <Suspense>
      <QueuePage userId={user.id} canWrite={user.permissions.includes("ticket.write")} />
    </Suspense>
  );
}
