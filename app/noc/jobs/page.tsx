import { Suspense } from "react";
import { JobsPage } from "./jobs-page";

export const metadata = { title: "Provisioning jobs" };

export default function Page() {
  return (
    <Suspense>
      <JobsPage />
    </Suspense>
  );
}
