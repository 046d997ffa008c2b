import { Suspense } from "react";
import { requirePermission } from "@/server/page-guard";
import { AgeingPage } from "./ageing-page";

export const metadata = { title: "AR ageing" };

export default async function Page() {
  await requirePermission("invoice.read");
  return (
    <Suspense>
      <AgeingPage />
    </Suspense>
  );
}
