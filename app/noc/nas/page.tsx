import { Suspense } from "react";
import { NasPage } from "./nas-page";

export const metadata = { title: "NAS devices" };

export default function Page() {
  return (
    <Suspense>
      <NasPage />
    </Suspense>
  );
}
