import { Suspense } from "react";
import { IpPoolsPage } from "./ip-pools-page";

export const metadata = { title: "IP pools" };

export default function Page() {
  return (
    <Suspense>
      <IpPoolsPage />
    </Suspense>
  );
}
