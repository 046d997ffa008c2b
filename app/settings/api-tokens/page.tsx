import { Suspense } from "react";
import { ApiTokensPage } from "./api-tokens-page";

export const metadata = { title: "API tokens" };

export default function Page() {
  return (
    <Suspense>
      <ApiTokensPage />
    </Suspense>
  );
}
