import { PortalOverview } from "./portal-overview";

export const metadata = { title: "My account" };

export default function Page() {
  return <PortalOverview />;
}
