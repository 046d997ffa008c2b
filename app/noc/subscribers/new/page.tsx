import { Suspense } from "react";
import { NewSubscriberPage } from "./new-subscriber-page";

export const metadata = { title: "New subscriber" };

export default function Page() {
  return (
    <Suspense>
      <NewSubscriberPage />
    </Suspense>
  );
}
