import { InvariantsPage } from "./invariants-page";

export const metadata = { title: "Invariant check" };

export default function Page() {
  return <InvariantsPage />;
}
