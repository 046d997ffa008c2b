import { requireAudience } from "@/server/page-guard";
import { SubscriberPage } from "./subscriber-page";

export const metadata = { title: "Subscriber" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { user } = await requireAudience("STAFF");
  const { id } = await params;
  return (
    <SubscriberPage
      id={id}
      canDiagnose={user.permissions.includes("diagnostic.run")}
      canTerminate={user.permissions.includes("subscriber.terminate")}
    />
  );
}
