import { Suspense } from "react";
import { InvoicesPage } from "./invoices-page";

export const metadata = { title: "Invoices" };

export default function Page() {
  return (
    <Suspense>
      <InvoicesPage />
    </Suspense>
  );
}
