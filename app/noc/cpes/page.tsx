import { Suspense } from "react";
import { CpesPage } from "./cpes-page";

export const metadata = { title: "CPEs" };

export default function Page() {
  return (
    <Suspense>
      <CpesPage />
    </Suspense>
  );
}
