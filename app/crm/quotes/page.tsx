import { Suspense } from "react";
import { requirePermission } from "@/server/page-guard";
import { QuotesPage } from "./quotes-page";

export const metadata = { title: "Quotes" };

export default async function Page() {
  await requirePermission("lead.read");
  return (
    <Suspense>
      <QuotesPage />
    </Suspense>
  );
}
