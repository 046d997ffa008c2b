import { MailboxMessage } from "../../../admin/_components/mailbox";

export const metadata = { title: "Email" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <MailboxMessage scope="tenant" id={id} basePath="/settings/mailbox" />;
}
