import { Suspense } from "react";
import { PaymentReturnPage } from "./payment-return";

export const metadata = { title: "Payment" };

export default function Page() {
  return (
    <Suspense>
      <PaymentReturnPage />
    </Suspense>
  );
}
