import { RequestPage } from "./request-page";

export const metadata = { title: "Support request" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <RequestPage id={id} />;
}
