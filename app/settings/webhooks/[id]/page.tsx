import { Suspense } from "react";
import { requirePermission } from "@/server/page-guard";
import { EndpointPage } from "./endpoint-page";

export const metadata = { title: "Webhook endpoint" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission("integration.manage");
  const { id } = await params;
  return (
    <Suspense>
      <EndpointPage id={id} />
    </Suspense>
  );
}
