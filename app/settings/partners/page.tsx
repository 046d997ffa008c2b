import { Suspense } from "react";
import { requirePermission } from "@/server/page-guard";
import { PartnersPage } from "./partners-page";

export const metadata = { title: "Partners" };

export default async function Page() {
  await requirePermission("partner.manage");
  return (
    <Suspense>
      <PartnersPage />
    </Suspense>
  );
}
