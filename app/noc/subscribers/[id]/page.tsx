import { SubscriberPage } from "./subscriber-page";

export const metadata = { title: "Subscriber" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <SubscriberPage id={id} />;
}
