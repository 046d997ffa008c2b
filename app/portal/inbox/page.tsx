import { Suspense } from "react";
import { InboxPage } from "@/components/notification-inbox";
import { requirePermission } from "@/server/page-guard";

export const metadata = { title: "Inbox" };

export default async function Page() {
  await requirePermission("portal.self");
  return (
    <Suspense>
      <InboxPage
        audience="portal"
        description="Messages about your service: maintenance, outages, billing and your account."
      />
    </Suspense>
  );
}
