import { Suspense } from "react";
import { InboxPage } from "@/components/notification-inbox";
import { requirePermission } from "@/server/page-guard";

export const metadata = { title: "Inbox" };

export default async function Page() {
  await requirePermission("inbox.read");
  return (
    <Suspense>
      <InboxPage audience="staff" description="Notices for you: work assigned to you, alerts, and replies." />
    </Suspense>
  );
}
