import { UsagePage } from "./usage-page";

export const metadata = { title: "Usage" };

export default function Page() {
  return <UsagePage />;
}
