import { DispatchPage } from "./dispatch-page";

export const metadata = { title: "Dispatch" };

export default function Page() {
  return <DispatchPage />;
}
