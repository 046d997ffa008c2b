import { requirePermission } from "@/server/page-guard";
import { PreferencesPage } from "./preferences-page";

export const metadata = { title: "Notification preferences" };

export default async function Page() {
  await requirePermission("portal.self");
  return <PreferencesPage />;
}
