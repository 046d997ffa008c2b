import { Suspense } from "react";
import { OltDetail } from "./olt-detail";

export const metadata = { title: "OLT" };

export default function Page() {
  return (
    <Suspense>
      <OltDetail />
    </Suspense>
  );
}
