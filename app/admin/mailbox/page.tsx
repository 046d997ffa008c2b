import { Suspense } from "react";
import { MailboxList } from "../_components/mailbox";

export const metadata = { title: "Mailbox" };

export default function Page() {
  return (
    <Suspense>
      <MailboxList scope="platform" basePath="/admin/mailbox" />
    </Suspense>
  );
}
