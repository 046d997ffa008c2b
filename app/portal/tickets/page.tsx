import { Suspense } from "react";
import { TicketsPage } from "./tickets-page";

export const metadata = { title: "Support" };

export default function Page() {
  return (
    <Suspense>
      <TicketsPage />
    </Suspense>
  );
}
