import { Suspense } from "react";
import { MailboxList } from "../../admin/_components/mailbox";

export const metadata = { title: "Mailbox" };

export default function Page() {
  return (
    <Suspense>
      <MailboxList scope="tenant" basePath="/settings/mailbox" />
    </Suspense>
  );
}
