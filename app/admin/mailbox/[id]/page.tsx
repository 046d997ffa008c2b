import { MailboxMessage } from "../../_components/mailbox";

export const metadata = { title: "Email" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <MailboxMessage scope="platform" id={id} basePath="/admin/mailbox" />;
}
