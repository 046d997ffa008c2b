import { Suspense } from "react";
import { PlansPage } from "./plans-page";

export const metadata = { title: "Plans" };

export default function Page() {
  return (
    <Suspense>
      <PlansPage />
    </Suspense>
  );
}
