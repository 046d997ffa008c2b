import { Suspense } from "react";
import { AuthLogPage } from "./auth-log-page";

export const metadata = { title: "Authentication log" };

export default function Page() {
  return (
    <Suspense>
      <AuthLogPage />
    </Suspense>
  );
}
