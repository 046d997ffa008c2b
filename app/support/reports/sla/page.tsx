import { Suspense } from "react";
import { requirePermission } from "@/server/page-guard";
import { SlaReportPage } from "./sla-report-page";

export const metadata = { title: "SLA report" };

export default async function Page() {
  await requirePermission("ticket.read");
  return (
    <Suspense>
      <SlaReportPage />
    </Suspense>
  );
}
