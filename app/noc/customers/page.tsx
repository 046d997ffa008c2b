import { Suspense } from "react";
import { CustomersPage } from "./customers-page";

export const metadata = { title: "Customers" };

export default function Page() {
  return (
    <Suspense>
      <CustomersPage />
    </Suspense>
  );
}
