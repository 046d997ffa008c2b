import { Suspense } from "react";
import { OltsPage } from "./olts-page";

export const metadata = { title: "OLTs" };

export default function Page() {
  return (
    <Suspense>
      <OltsPage />
    </Suspense>
  );
}
