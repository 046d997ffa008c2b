import { Suspense } from "react";
import { SessionsPage } from "./sessions-page";

export const metadata = { title: "Sessions" };

export default function Page() {
  return (
    <Suspense>
      <SessionsPage />
    </Suspense>
  );
}
