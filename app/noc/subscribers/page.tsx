import { Suspense } from "react";
import { SubscribersPage } from "./subscribers-page";

export const metadata = { title: "Subscribers" };

export default function Page() {
  return (
    <Suspense>
      <SubscribersPage />
    </Suspense>
  );
}
