import { Suspense } from "react";
import { OnusPage } from "./onus-page";

export const metadata = { title: "ONUs" };

export default function Page() {
  return (
    <Suspense>
      <OnusPage />
    </Suspense>
  );
}
