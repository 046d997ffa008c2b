import { Suspense } from "react";
import { requirePermission } from "@/server/page-guard";
import { IncidentsPage } from "./incidents-page";

export const metadata = { title: "Incidents" };

export default async function Page() {
  await requirePermission("incident.read");
  return (
    <Suspense>
      <IncidentsPage />
    </Suspense>
  );
}
