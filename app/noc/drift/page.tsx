import { Suspense } from "react";
import { DriftPage } from "./drift-page";

export const metadata = { title: "Drift" };

export default function Page() {
  return (
    <Suspense>
      <DriftPage />
    </Suspense>
  );
}
