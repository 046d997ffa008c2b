import { Suspense } from "react";
import { requirePermission } from "@/server/page-guard";
import { DeliveriesPage } from "./deliveries-page";

export const metadata = { title: "Delivery log" };

export default async function Page() {
  await requirePermission("notification.read");
  return (
    <Suspense>
      <DeliveriesPage />
    </Suspense>
  );
}
