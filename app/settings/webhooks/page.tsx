import { Suspense } from "react";
import { requirePermission } from "@/server/page-guard";
import { WebhooksPage } from "./webhooks-page";

export const metadata = { title: "Webhooks" };

export default async function Page() {
  await requirePermission("integration.manage");
  return (
    <Suspense>
      <WebhooksPage />
    </Suspense>
  );
}
