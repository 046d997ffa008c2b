import { requirePermission } from "@/server/page-guard";
import { CancelPage } from "./cancel-page";

export const metadata = { title: "Cancel service" };

export default async function Page() {
  await requirePermission("portal.self");
  return <CancelPage />;
}
