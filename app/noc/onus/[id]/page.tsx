import { Suspense } from "react";
import { OnuDetail } from "./onu-detail";

export const metadata = { title: "ONU" };

export default function Page() {
  return (
    <Suspense>
      <OnuDetail />
    </Suspense>
  );
}
