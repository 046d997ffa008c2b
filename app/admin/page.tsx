import { Suspense } from "react";
import { TenantsPage } from "./tenants-page";

export const metadata = { title: "Tenants" };

export default function Page() {
  return (
    <Suspense>
      <TenantsPage />
    </Suspense>
  );
}
