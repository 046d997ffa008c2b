import { Suspense } from "react";
import { CpeDetail } from "./cpe-detail";

export const metadata = { title: "CPE" };

export default function Page() {
  return (
    <Suspense>
      <CpeDetail />
    </Suspense>
  );
}
